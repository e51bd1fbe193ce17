// Benchmark reference: the same config through cdk8s's own App.synth(), with the whole class in
// one App (the quadratic path the real synth avoids). Run by scripts/bench.js through app.js.
import { loadWorkshopConfig } from '../src/config';
import { synthWithAppSynth } from '../src/synth';

synthWithAppSynth(
  loadWorkshopConfig(process.env.WORKSHOP_CONFIG ?? 'workshop.yaml'),
  process.env.CDK8S_OUTDIR ?? 'dist',
);
