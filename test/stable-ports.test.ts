// A class's NodePorts stay when students are added or removed: synth keeps the ports its previous
// dist/ gave, and gives newcomers pairs nobody held.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { nodePortsOf } from '../src/fleet';
import { synthApp } from './synth-app';
import { tempDir } from './util';
import type { Json } from '../src/json';

/** The vote and result NodePorts of each student file in `dist`, read by parsing every document. */
function portsIn(dist: string): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const file of fs.readdirSync(dist)) {
    const docs = parseAllDocuments(fs.readFileSync(path.join(dist, file), 'utf-8'))
      .map((d) => d.toJS())
      .filter(Boolean);
    const port = (name: string) =>
      docs.find((d: Json) => d.kind === 'Service' && d.metadata.name === name)?.spec.ports[0].nodePort;
    out[file.replace('.k8s.yaml', '')] = [port('vote'), port('result')];
  }
  return out;
}

async function synthClass(dir: string, students: string[]): Promise<Record<string, [number, number]>> {
  fs.writeFileSync(path.join(dir, 'workshop.yaml'), `students: [${students.join(', ')}]\n`);
  const run = await synthApp({
    WORKSHOP_CONFIG: path.join(dir, 'workshop.yaml'),
    CDK8S_OUTDIR: path.join(dir, 'dist'),
  });
  expect(run.stderr).toMatch(/^synthesized/);
  return portsIn(path.join(dir, 'dist'));
}

describe('stable NodePorts', () => {
  test("inserting a student before others and removing one moves nobody else's ports", async () => {
    const dir = tempDir();
    const first = await synthClass(dir, ['alice', 'bob', 'carol']);
    expect(first).toEqual({ alice: [31000, 31001], bob: [31002, 31003], carol: [31004, 31005] });
    const second = await synthClass(dir, ['aaron', 'alice', 'carol', 'dave']);
    expect(second.alice).toEqual(first.alice);
    expect(second.carol).toEqual(first.carol);
    // Newcomers take pairs nobody held: bob's may still be held by his Services on the cluster.
    expect(second.aaron).toEqual([31006, 31007]);
    expect(second.dave).toEqual([31008, 31009]);
    const all = Object.values(second).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  test('without a previous dist/ the class is numbered from the first port, in order', async () => {
    expect(await synthClass(tempDir(), ['aaron', 'alice'])).toEqual({ aaron: [31000, 31001], alice: [31002, 31003] });
  });

  test('a class that outgrows the range with kept ports gets a clear error', () => {
    const kept = Object.fromEntries(
      Array.from({ length: 1383 }, (_, i) => [`s${i}`, { vote: 30001 + 2 * i, result: 30002 + 2 * i }]),
    );
    expect(() =>
      nodePortsOf({ students: ['late'], exercises: { votingApp: { voteNodePort: 30001 } }, keptNodePorts: kept }),
    ).toThrow(
      /^students: no free NodePort pair is left for late between 30001 and 32767 \(the previous dist\/ holds 2766 ports\)/,
    );
  });
});
