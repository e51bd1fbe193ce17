// Composes the app: config file -> workshop charts -> validated manifests -> atomic write to the
// output folder. Run through `npx cdk8s synth` or `npm run synth`.
import { applyEnvironment, ConfigError, loadWorkshopConfig } from './src/config';
import { writeAtomically } from './src/output';
import { bundleOf, synthWorkshop, toFiles } from './src/synth';
import { formatFinding, validateBundle, ValidationError } from './src/validation/validate';

function main(): void {
  const configFile = process.env.WORKSHOP_CONFIG ?? 'workshop.yaml';
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  const config = applyEnvironment(loadWorkshopConfig(configFile), process.env);
  const outputs = synthWorkshop(config);
  const report = validateBundle(bundleOf(outputs), { overrides: config.validation?.overrides });
  for (const warning of report.warnings) console.error(`warning: ${formatFinding(warning)}`);
  if (report.errors.length > 0) throw new ValidationError(report);
  writeAtomically(outdir, toFiles(outputs));
  const objects = outputs.reduce((n, o) => n + o.objects.length, 0);
  const t = report.totals;
  console.error(`synthesized ${objects} objects in ${outputs.length} files into ${outdir}/; ` +
    `requests when everything runs at once: ${t.pods} pods, ${t.cpuMillis}m CPU, ${t.memoryMiB}Mi memory (limits ${t.memoryLimitMiB}Mi)`);
}

try {
  main();
} catch (err) {
  // A config, construct or validation error is the user's to fix: the message, not a stack trace.
  const known = err instanceof ConfigError || err instanceof ValidationError || (err instanceof Error && / \(at [^)]+\)/.test(err.message));
  console.error(known ? `synth failed: ${(err as Error).message}` : err);
  process.exitCode = 1;
}
