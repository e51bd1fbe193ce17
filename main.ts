// Composes the app: config file -> workshop charts -> validated manifests -> atomic write to the
// output folder, or with --stdout one YAML stream. Run through `npx cdk8s synth` or `npm run synth`.
import { applyEnvironment, ConfigError, loadWorkshopConfig } from './src/config';
import { EXERCISE_NAMES } from './lib/workshop';
import { concatenated, writeAtomically } from './src/output';
import { bundleOf, synthWorkshop, toFiles } from './src/synth';
import { parseSynthOptions, UsageError } from './src/synth-options';
import { PARALLEL_YAML_THRESHOLD, PendingFiles, toFilesInWorkers } from './src/yaml-workers';
import { formatFinding, validateBundle, ValidationError } from './src/validation/validate';

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A construct refused a value: add which workshop.yaml section it came from to the message, which
 * already names the field, the value and the construct path (`... (at cron-pattern/PeriodicJob)`).
 */
function withConfigSource<T>(build: () => T, configFile: string): T {
  try {
    return build();
  } catch (err) {
    const chart = err instanceof Error ? / \(at ([^/)]+)/.exec(err.message)?.[1] : undefined;
    const section = chart === undefined ? undefined : EXERCISE_NAMES.find((name) => chart === name || chart.endsWith(`-${name}`));
    if (section === undefined) throw err;
    throw new Error(`${(err as Error).message}; the value comes from exercises.${camel(section)} in ${configFile} or the construct's default`);
  }
}

async function main(): Promise<void> {
  const options = parseSynthOptions(process.argv.slice(2), process.env);
  const configFile = process.env.WORKSHOP_CONFIG ?? 'workshop.yaml';
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  const config = applyEnvironment(loadWorkshopConfig(configFile), process.env);
  const outputs = withConfigSource(() => synthWorkshop(config), configFile);
  const objects = outputs.reduce((n, o) => n + o.objects.length, 0);
  // A large class: YAML is written by workers while this thread validates.
  const pending: PendingFiles | undefined = objects >= PARALLEL_YAML_THRESHOLD ? toFilesInWorkers(outputs) : undefined;
  const report = validateBundle(bundleOf(outputs), { overrides: config.validation?.overrides });
  for (const warning of report.warnings) console.error(`warning: ${formatFinding(warning)}`);
  if (report.errors.length > 0) {
    pending?.cancel();
    throw new ValidationError(report);
  }
  const files = pending ? await pending.files : toFiles(outputs);
  if (options.stdout) {
    process.stdout.write(concatenated(files));
  } else {
    writeAtomically(outdir, files);
  }
  const t = report.totals;
  console.error(`synthesized ${objects} objects in ${files.length} files ${options.stdout ? 'to standard output' : `into ${outdir}/`}; ` +
    `requests when everything runs at once: ${t.pods} pods, ${t.cpuMillis}m CPU, ${t.memoryMiB}Mi memory (limits ${t.memoryLimitMiB}Mi)`);
}

main().catch((err) => {
  // A config, construct or validation error is the user's to fix: the message, not a stack trace.
  const known = err instanceof ConfigError || err instanceof ValidationError || err instanceof UsageError || (err instanceof Error && / \(at [^)]+\)/.test(err.message));
  console.error(known ? `synth failed: ${(err as Error).message}` : err);
  process.exitCode = 1;
});
