// Where the time of a synth goes, step by step and rule by rule (a development aid, run through
// scripts/app.js: WORKSHOP_APP_ENTRY=scripts/profile-synth.ts WORKSHOP_CONFIG=class.yaml node scripts/app.js).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadWorkshopConfig } from '../src/config';
import { writeAtomically } from '../src/output';
import { bundleOf, renderFiles, synthWorkshop } from '../src/synth';
import { makeBundle } from '../src/validation/bundle';
import { RULES } from '../src/validation/rules';
import { validateBundle } from '../src/validation/validate';

const time = <T>(label: string, f: () => T): T => {
  const start = process.hrtime.bigint();
  const result = f();
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0).padStart(4)} MiB`;
  console.error(
    `${label.padEnd(28)} ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0).padStart(7)} ms  rss ${mib(process.memoryUsage().rss)}, peak ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
  return result;
};
const config = time('config', () => loadWorkshopConfig(process.env.WORKSHOP_CONFIG ?? 'workshop.yaml'));
const outputs = time('synth', () => synthWorkshop(config));
const bundle = time('bundle index', () => makeBundle(bundleOf(outputs)));
// Every rule as synth runs them (local rules on a class's distinct objects first), then each rule
// on its own over the whole bundle, for reference.
time('validate', () => validateBundle(bundle));
for (const rule of RULES) time(`  rule ${rule.id} (whole bundle)`, () => rule.check(bundle));
// Into a fresh folder, as the benchmark writes (CDK8S_OUTDIR, else a temporary one that is removed after).
const outdir = process.env.CDK8S_OUTDIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'profile-synth-'));
// Each file is rendered just before it is written, as synth does.
time('yaml + write', () => writeAtomically(outdir, renderFiles(outputs, bundle.firstAlike)));
if (!process.env.CDK8S_OUTDIR)
  time('remove (not part of synth)', () => fs.rmSync(outdir, { recursive: true, force: true }));
console.error(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
