// Benchmark reference: main.ts without the validation step (config, synth, atomic write), so
// scripts/bench.js can report what validation adds to synth. Run by scripts/bench.js through app.js;
// never a way to ship unvalidated manifests.
import { applyEnvironment, loadWorkshopConfig } from '../src/config';
import { writeAtomically } from '../src/output';
import { synthWorkshop, toFiles } from '../src/synth';

const config = applyEnvironment(loadWorkshopConfig(process.env.WORKSHOP_CONFIG ?? 'workshop.yaml'), process.env);
writeAtomically(process.env.CDK8S_OUTDIR ?? 'dist', toFiles(synthWorkshop(config)));
