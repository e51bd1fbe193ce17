// `npm run handouts -- [--out handouts] [--host localhost] [--kubeconfigs kubeconfigs]`: a Markdown
// sheet per student and an index, from workshop.yaml (WORKSHOP_CONFIG), into a folder outside dist/.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { ConfigError } from '../src/errors';
import { applyEnvironment, loadWorkshopConfig } from '../src/config';
import { handouts } from '../src/handouts';
import { isInsideOutput, writeFileAtomically } from '../src/output';
import { withKeptNodePorts } from '../src/fleet';

function main(): number {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { out: { type: 'string' }, host: { type: 'string' }, kubeconfigs: { type: 'string' } },
    });
    const file = process.env.WORKSHOP_CONFIG ?? 'workshop.yaml';
    const loaded = applyEnvironment(loadWorkshopConfig(file), process.env);
    // The ports synth gave: those of the previous dist/ stay (src/fleet.ts nodePortsOf).
    const config = withKeptNodePorts(loaded, path.resolve(process.env.CDK8S_OUTDIR ?? 'dist'));
    if (config.students === undefined)
      throw new Error(`handouts need students: in ${file} (fleet mode): one sheet per student`);
    const out = path.resolve(values.out ?? 'handouts');
    const dist = path.resolve(process.env.CDK8S_OUTDIR ?? 'dist');
    if (isInsideOutput(out, dist))
      throw new Error(`--out ${values.out} is inside ${dist}, which synth replaces; pick a folder outside it`);
    fs.mkdirSync(out, { recursive: true });
    const sheets = handouts(config, { host: values.host, kubeconfigs: values.kubeconfigs });
    for (const sheet of sheets) writeFileAtomically(path.join(out, sheet.file), sheet.content);
    process.stdout.write(
      `wrote ${sheets.length - 1} handouts and index.md to ${path.relative(process.cwd(), out) || '.'}/\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`handouts: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main();
