// npm run kind-config: the class's NodePorts mapped to the host, so http://localhost:<port> works on kind.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { parse } from 'yaml';
import { kindConfig } from '../src/kind-config';
import { studentNodePorts } from '../src/fleet';
import { ROOT } from './util';
import type { Json } from '../src/json';

describe('kind-config', () => {
  test('maps exactly the NodePorts of every student, on 127.0.0.1 by default', () => {
    const config = { students: ['alice', 'bob', 'carol'] };
    const doc = parse(kindConfig(config));
    expect(doc).toMatchObject({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4' });
    expect(doc.networking).toBeUndefined();
    const mappings = doc.nodes[0].extraPortMappings;
    const expected = [0, 1, 2].flatMap((i) => [studentNodePorts(config, i).vote, studentNodePorts(config, i).result]);
    expect(mappings.map((m: Json) => m.hostPort)).toEqual(expected);
    expect(
      mappings.every(
        (m: Json) => m.containerPort === m.hostPort && m.listenAddress === '127.0.0.1' && m.protocol === 'TCP',
      ),
    ).toBe(true);
  });

  test('the default workshop maps its two ports; --address serves the class from this machine, certificate included', () => {
    expect(parse(kindConfig({})).nodes[0].extraPortMappings.map((m: Json) => m.hostPort)).toEqual([31000, 31001]);
    const doc = parse(kindConfig({ students: ['alice'] }, { address: '192.0.2.10' }));
    expect(doc.networking).toEqual({ apiServerAddress: '192.0.2.10', apiServerPort: 6443 });
    expect(parse(doc.kubeadmConfigPatches[0])).toEqual({
      kind: 'ClusterConfiguration',
      apiServer: { certSANs: ['192.0.2.10'] },
    });
    expect(doc.nodes[0].extraPortMappings.every((m: Json) => m.listenAddress === '192.0.2.10')).toBe(true);
  });

  test('the npm script refuses an address that is not an IP', () => {
    const run = spawnSync(process.execPath, ['scripts/app.js', 'scripts/kind-config.ts', '--address', 'my-laptop'], {
      cwd: ROOT,
      encoding: 'utf-8',
      env: { PATH: process.env.PATH, WORKSHOP_CONFIG: path.join(ROOT, 'workshop.yaml') },
    });
    expect([run.status, run.stderr]).toEqual([
      2,
      'kind-config: --address must be an IP address of this machine, got "my-laptop"\n',
    ]);
  });
});
