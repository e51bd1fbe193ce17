// The synth app as a function: config file -> workshop charts -> validated manifests -> atomic write
// to the output folder, or with --stdout one YAML stream. main.ts runs it with the process's own
// arguments, environment and streams; tests run it in-process with their own.
import { ConfigError, OutputError, PropError, UserError, ValidationError } from './errors';
import { applyEnvironment, readWorkshopConfig, secretValues, secretVariableOf, synthSettings } from './config';
import { deprecatedSettingWarnings, imageOverrideWarnings } from './image-overrides';
import { sizingAdvice, withKeptNodePorts } from './fleet';
import { exerciseAt } from '../lib/workshop';
import { concatenated, OutputFile, writeAtomically, writeFileAtomically } from './output';
import { formatFinding, redact, showSecret } from './show';
import { bundleOf, renderFiles, synthWorkshop } from './synth';
import { parseSynthOptions, SynthOptions } from './synth-options';
import { makeBundle } from './validation/bundle';
import { RULES, validateBundle } from './validation/validate';
import type { ValidationReport } from './findings';
import type { WorkshopConfig } from './config-types';

/** What the app takes from the world: `main.ts` passes the process's own. */
export interface SynthAppIo {
  /** The app's arguments (`--stdout`, `--report <file>`), without node and the script. */
  readonly argv: readonly string[];
  /** Settings and secrets (`WORKSHOP_*`, `CDK8S_OUTDIR`); never read from process.env. */
  readonly env: Record<string, string | undefined>;
  /** Where `--stdout` writes the manifests. */
  readonly stdout: { write(text: string): unknown };
  /** Where every message goes: warnings, the summary line, `synth failed: ...`. */
  readonly stderr: { write(text: string): unknown };
}

/**
 * Runs one synth and returns the exit code: 0 once the complete set is in place (or on standard
 * output), 1 on any failure, which is reported in one message, never with a secret's value.
 */
export async function runSynthApp(io: SynthAppIo): Promise<number> {
  const secrets = secretValues(io.env);
  /** Everything synth prints goes through here: secrets from the environment never reach the terminal or a CI log. */
  const print = (message: string) => {
    io.stderr.write(`${redact(message, secrets)}\n`);
  };
  try {
    synth(io, print);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) reportConfigError(io, err, print);
    // A config, construct, validation or output folder error is the user's to fix: the message, not a stack trace.
    print(
      err instanceof UserError || err instanceof OutputError
        ? `synth failed: ${err.message}`
        : `synth failed with an unexpected error (a bug; please report it):\n${(err as Error)?.stack ?? String(err)}`,
    );
    return 1;
  }
}

function synth(io: SynthAppIo, print: (message: string) => void): void {
  const { env } = io;
  const options = parseSynthOptions([...io.argv], env);
  const { configFile, outdir } = synthSettings(env);
  const read = readWorkshopConfig(configFile, { ruleIds: RULES.map((r) => r.id) });
  // A class keeps the NodePorts its previous dist/ gave each student (src/fleet.ts nodePortsOf).
  const config = withKeptNodePorts(applyEnvironment(read.config, env), outdir);
  const outputs = withConfigSource(() => synthWorkshop(config), configFile, env);
  const objects = outputs.reduce((n, o) => n + o.objects.length, 0);
  // One index for validation and the YAML writer, which writes a class's copies from the first one.
  const bundle = makeBundle(bundleOf(outputs));
  const report = validateBundle(bundle, { overrides: config.validation?.overrides });
  for (const warning of deprecatedSettingWarnings(config, configFile)) print(`warning: ${warning}`);
  for (const warning of imageOverrideWarnings(config, configFile)) print(`warning: ${warning}`);
  for (const warning of report.warnings) print(`warning: ${formatFinding(warning)}`);
  if (report.errors.length > 0 && !options.report) throw new ValidationError(report);
  // A report names the output line of each finding, so it needs the files even when synth fails,
  // and --stdout writes them all at once. Otherwise each file is rendered just before it is
  // written: a class's YAML is never all in memory at once.
  const rendered = () => renderFiles(outputs, bundle.firstAlike);
  const files = options.report || options.stdout ? [...rendered()] : undefined;
  if (options.report)
    writeReport(
      options.report,
      report,
      { config, configFile, configText: read.text, outdir, files: files! },
      env,
      print,
    );
  if (report.errors.length > 0) throw new ValidationError(report);
  let count: number;
  if (options.stdout) {
    io.stdout.write(concatenated(files!));
    count = files!.length;
  } else {
    // Real values from the environment (a password) end up in dist/: then it is the user's alone.
    count = writeAtomically(outdir, files ?? rendered(), { warn: print, private: secretValues(env).length > 0 });
  }
  const t = report.totals;
  print(
    `synthesized ${objects} objects in ${count} files ${options.stdout ? 'to standard output' : `into ${outdir}/`}; ` +
      `requests when everything runs at once: ${t.pods} pods, ${t.cpuMillis}m CPU, ${t.memoryMiB}Mi memory (limits ${t.memoryLimitMiB}Mi)`,
  );
  if (config.students !== undefined) print(sizingAdvice(t));
}

/**
 * A construct refused a value: adds where it came from, from the exercise table: the exercise's
 * workshop.yaml section, or the environment variable that set that field.
 */
function withConfigSource<T>(build: () => T, configFile: string, env: Record<string, string | undefined>): T {
  try {
    return build();
  } catch (err) {
    const exercise = err instanceof PropError ? exerciseAt(err.constructPath) : undefined;
    if (exercise === undefined) throw err;
    const e = err as PropError;
    const variable = secretVariableOf(exercise.settingsKey, e.field, env);
    if (variable)
      throw new UserError(
        `${e.field} must be ${e.expected}, got ${showSecret(e.value)} (at ${e.constructPath}); the value comes from environment variable ${variable}`,
      );
    throw new UserError(
      `${e.message}; the value comes from exercises.${exercise.settingsKey} in ${configFile} or the construct's default`,
    );
  }
}

/**
 * The report module, loaded only when a report is asked for: it pulls in node-sarif-builder. require,
 * not import(): compiled to CommonJS, a dynamic import() stays one, and jest's module registry
 * cannot serve that without --experimental-vm-modules.
 */
function findingsReport(): typeof import('./findings-report') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  return require('./findings-report');
}

/**
 * Writes the findings report (into a temporary name, then renamed: a CI step never reads half a
 * report) into a folder that exists. Secrets from the environment are blanked out as in everything
 * synth prints. The report module (and node-sarif-builder) is loaded only here: a synth without
 * --report does not pay for it.
 */
function writeReport(
  target: NonNullable<SynthOptions['report']>,
  validation: ValidationReport,
  sources: { config: WorkshopConfig; configFile: string; configText: string; outdir: string; files: OutputFile[] },
  env: Record<string, string | undefined>,
  print: (message: string) => void,
): void {
  const { buildReport, checkReportTarget, renderReport, REPORT_TOOL } = findingsReport();
  const { config, configFile, configText, outdir, files } = sources;
  const report = buildReport(
    validation,
    RULES,
    {
      configFile,
      configText,
      overrides: config.validation?.overrides,
      outdir,
      files,
    },
    { name: REPORT_TOOL, version: PACKAGE_VERSION },
  );
  const text = redact(renderReport(report, target.format), secretValues(env));
  checkReportTarget(target, outdir);
  try {
    // Private: a report quotes config lines and manifest paths, and it is the user's to share.
    writeFileAtomically(target.file, text, 0o600);
  } catch (err) {
    throw new UserError(
      `cannot write the findings report ${target.file} (from ${target.source}): ${(err as Error).message}`,
    );
  }
  const s = report.summary;
  print(
    `wrote findings report ${target.file} (${target.format === 'sarif' ? 'SARIF 2.1.0' : 'JSON'}): ` +
      `${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed`,
  );
}

/**
 * With --report, a config that cannot be loaded still gets its report: the config's problems as
 * findings (a CI step uploading the SARIF then shows them, instead of failing on a missing file).
 * Anything wrong with the report itself is left to the config error already being reported.
 */
function reportConfigError(io: SynthAppIo, err: ConfigError, print: (message: string) => void): void {
  let target: SynthOptions['report'];
  let outdir: string;
  try {
    target = parseSynthOptions([...io.argv], io.env).report;
    outdir = synthSettings(io.env).outdir;
  } catch {
    return;
  }
  if (target === undefined) return;
  const { checkReportTarget, configErrorReport, renderReport, REPORT_TOOL } = findingsReport();
  try {
    checkReportTarget(target, outdir);
    const report = configErrorReport(err.file, err.problems, { name: REPORT_TOOL, version: PACKAGE_VERSION });
    writeFileAtomically(target.file, redact(renderReport(report, target.format), secretValues(io.env)), 0o600);
    print(
      `wrote findings report ${target.file} (${target.format === 'sarif' ? 'SARIF 2.1.0' : 'JSON'}): ${report.summary.errors} config errors`,
    );
  } catch {
    // The config error is what the user needs to see; a report that cannot be written adds nothing.
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is read, not bundled as a module
const PACKAGE_VERSION: string = require('../package.json').version;
