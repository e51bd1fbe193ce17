// `npm run kind-config -- [--out kind-class.yaml] [--address IP]`: a kind cluster config mapping the
// class's NodePorts to the host (see src/kind-config.ts).
import * as path from 'path';
import { parseArgs } from 'util';
import { isIP } from 'net';
import { ConfigError } from '../src/errors';
import { applyEnvironment, loadWorkshopConfig } from '../src/config';
import { kindConfig } from '../src/kind-config';
import { writeFileAtomically } from '../src/output';
import { withKeptNodePorts } from '../src/fleet';

function main(): number {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { out: { type: 'string' }, address: { type: 'string' } },
    });
    if (values.address !== undefined && isIP(values.address) === 0)
      throw new Error(`--address must be an IP address of this machine, got ${JSON.stringify(values.address)}`);
    const loaded = applyEnvironment(loadWorkshopConfig(process.env.WORKSHOP_CONFIG ?? 'workshop.yaml'), process.env);
    const config = withKeptNodePorts(loaded, path.resolve(process.env.CDK8S_OUTDIR ?? 'dist'));
    const text = kindConfig(config, { address: values.address });
    if (values.out === undefined) {
      process.stdout.write(text);
    } else {
      writeFileAtomically(path.resolve(values.out), text);
      process.stderr.write(`wrote ${values.out}: kind create cluster --name workshop --config ${values.out}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`kind-config: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main();
