// Composes the app: config file -> workshop charts -> validated manifests -> atomic write to the
// output folder, or with --stdout one YAML stream. Run through `npx cdk8s synth` or `npm run synth`.
import { applyEnvironment, loadWorkshopConfig } from './src/config';
import { exerciseAt } from './lib/workshop';
import { PropError, UserError } from './src/prop-checks';
import { concatenated, writeAtomically } from './src/output';
import { bundleOf, synthWorkshop, toFiles } from './src/synth';
import { parseSynthOptions } from './src/synth-options';
import { PARALLEL_YAML_THRESHOLD, PendingFiles, toFilesInWorkers } from './src/yaml-workers';
import { formatFinding, RULES, validateBundle, ValidationError } from './src/validation/validate';

/** A construct refused a value: adds which workshop.yaml section it came from, from the exercise table. */
function withConfigSource<T>(build: () => T, configFile: string): T {
  try {
    return build();
  } catch (err) {
    const exercise = err instanceof PropError ? exerciseAt(err.constructPath) : undefined;
    if (exercise === undefined) throw err;
    throw new UserError(`${(err as Error).message}; the value comes from exercises.${exercise.settingsKey} in ${configFile} or the construct's default`);
  }
}

async function main(): Promise<void> {
  const options = parseSynthOptions(process.argv.slice(2), process.env);
  const configFile = process.env.WORKSHOP_CONFIG ?? 'workshop.yaml';
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  const config = applyEnvironment(loadWorkshopConfig(configFile, { ruleIds: RULES.map((r) => r.id) }), process.env);
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
  console.error(err instanceof UserError ? `synth failed: ${err.message}` : err);
  process.exitCode = 1;
});
