// Composes the app: config file -> workshop charts -> validated manifests -> atomic write to the
// output folder, or with --stdout one YAML stream. Run through `npx cdk8s synth` or `npm run synth`.
import * as fs from 'fs';
import { applyEnvironment, loadWorkshopConfig, secretValues, secretVariableOf, synthSettings } from './src/config';
import { imageOverrideWarnings } from './src/image-overrides';
import { exerciseAt } from './lib/workshop';
import { PropError, UserError } from './src/prop-checks';
import { concatenated, OutputError, writeAtomically } from './src/output';
import { redact, showSecret } from './src/show';
import { bundleOf, synthWorkshop, toFiles } from './src/synth';
import { buildReport, renderReport } from './src/findings-report';
import { parseSynthOptions, SynthOptions } from './src/synth-options';
import { formatFinding, RULES, validateBundle, ValidationError } from './src/validation/validate';

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
    if (variable) throw new UserError(`${e.field} must be ${e.expected}, got ${showSecret(e.value)} (at ${e.constructPath}); the value comes from environment variable ${variable}`);
    throw new UserError(`${e.message}; the value comes from exercises.${exercise.settingsKey} in ${configFile} or the construct's default`);
  }
}

async function main(): Promise<void> {
  const options = parseSynthOptions(process.argv.slice(2), process.env);
  const { configFile, outdir } = synthSettings(process.env);
  const config = applyEnvironment(loadWorkshopConfig(configFile, { ruleIds: RULES.map((r) => r.id) }), process.env);
  const outputs = withConfigSource(() => synthWorkshop(config), configFile, process.env);
  const objects = outputs.reduce((n, o) => n + o.objects.length, 0);
  const bundle = bundleOf(outputs);
  const report = validateBundle(bundle, { overrides: config.validation?.overrides });
  for (const warning of imageOverrideWarnings(config, configFile)) print(`warning: ${warning}`);
  for (const warning of report.warnings) print(`warning: ${formatFinding(warning)}`);
  if (report.errors.length > 0 && !options.report) throw new ValidationError(report);
  // A report names the output line of each finding, so it needs the files even when synth fails.
  const files = toFiles(outputs);
  if (options.report) {
    writeReport(options.report, buildReport(report, RULES, {
      configFile, configText: readIfPresent(configFile), overrides: config.validation?.overrides, outdir, files,
    }, { name: 'k8s-workshop-cdk8s', version: PACKAGE_VERSION }));
  }
  if (report.errors.length > 0) throw new ValidationError(report);
  if (options.stdout) {
    process.stdout.write(concatenated(files));
  } else {
    writeAtomically(outdir, files, { warn: print });
  }
  const t = report.totals;
  print(`synthesized ${objects} objects in ${files.length} files ${options.stdout ? 'to standard output' : `into ${outdir}/`}; ` +
    `requests when everything runs at once: ${t.pods} pods, ${t.cpuMillis}m CPU, ${t.memoryMiB}Mi memory (limits ${t.memoryLimitMiB}Mi)`);
}

const PACKAGE_VERSION: string = require('./package.json').version;

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch {
    return undefined;
  }
}

/**
 * Writes the findings report (into a temporary name, then renamed: a CI step never reads half a
 * report) into a folder that exists. Secrets from the environment are blanked out as in everything
 * synth prints.
 */
function writeReport(target: NonNullable<SynthOptions['report']>, report: ReturnType<typeof buildReport>): void {
  const secrets = secretValues(process.env);
  const text = redact(renderReport(report, target.format), [...secrets, ...secrets.map((s) => JSON.stringify(s).slice(1, -1))]);
  const tmp = `${target.file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, target.file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`cannot write the findings report ${target.file} (from ${target.source}): ${(err as Error).message}`);
  }
  const s = report.summary;
  print(`wrote findings report ${target.file} (${target.format === 'sarif' ? 'SARIF 2.1.0' : 'JSON'}): ` +
    `${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed`);
}

/** Everything synth prints goes through here: secrets from the environment never reach the terminal or a CI log. */
function print(message: string): void {
  console.error(redact(message, secretValues(process.env)));
}

main().catch((err) => {
  // A config, construct, validation or output folder error is the user's to fix: the message, not a stack trace.
  print(err instanceof UserError || err instanceof OutputError ? `synth failed: ${err.message}`
    : `synth failed with an unexpected error (a bug; please report it):\n${(err as Error)?.stack ?? String(err)}`);
  process.exitCode = 1;
});
