// Composes the app: config file -> workshop charts -> validated manifests -> atomic write to the
// output folder. Run through `npx cdk8s synth` or `npm run synth`.
import { applyEnvironment, ConfigError, loadWorkshopConfig } from './src/config';
import { writeAtomically } from './src/output';
import { synthWorkshop, toFiles } from './src/synth';

function main(): void {
  const configFile = process.env.WORKSHOP_CONFIG ?? 'workshop.yaml';
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  const config = applyEnvironment(loadWorkshopConfig(configFile), process.env);
  const outputs = synthWorkshop(config);
  writeAtomically(outdir, toFiles(outputs));
  const objects = outputs.reduce((n, o) => n + o.objects.length, 0);
  console.error(`synthesized ${objects} objects in ${outputs.length} files into ${outdir}/`);
}

try {
  main();
} catch (err) {
  // A config or construct error is the user's to fix: print the message, not a stack trace.
  const known = err instanceof ConfigError || (err instanceof Error && / \(at [^)]+\)/.test(err.message));
  console.error(known ? `synth failed: ${(err as Error).message}` : err);
  process.exitCode = 1;
}
