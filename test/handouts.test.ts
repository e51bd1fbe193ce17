// npm run handouts: one sheet per student and the instructor's index, from the class config.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { handouts } from '../src/handouts';
import { ROOT, tempDir } from './util';

describe('handouts', () => {
  const sheets = handouts({ students: ['alice', 'bob'] });
  const sheet = (name: string) => sheets.find((s) => s.file === name)!.content;

  test('a sheet per student with their namespace, kubeconfig, NodePorts and URLs, and an index', () => {
    expect(sheets.map((s) => s.file)).toEqual(['alice.md', 'bob.md', 'index.md']);
    const bob = sheet('bob.md');
    expect(bob).toContain('Your namespace is **workshop-day2-solutions-bob**');
    expect(bob).toContain('export KUBECONFIG=$PWD/bob.kubeconfig');
    expect(bob).toContain('| vote (voting app) | 31002 | http://localhost:31002 |');
    expect(bob).toContain('| result (voting app) | 31003 | http://localhost:31003 |');
    expect(sheet('alice.md')).toContain('| vote (voting app) | 31000 | http://localhost:31000 |');
    expect(sheet('index.md')).toContain(
      '| bob | workshop-day2-solutions-bob | 31002 | 31003 | [bob.md](bob.md) | `kubeconfigs/bob.kubeconfig` |',
    );
  });

  test('every exercise with what it should show and the commands to look with, and how to check their own work', () => {
    const alice = sheet('alice.md');
    for (const exercise of [
      'voting-app',
      'trace-job',
      'heartbeat-cron',
      'one-shot-job',
      'work-queue-consumers',
      'retrying-job',
      'periodic-job',
    ]) {
      expect(alice).toContain(`### ${exercise}\n`);
    }
    expect(alice).toContain('- Job traceroute complete');
    expect(alice).toContain('kubectl describe job traceroute\n');
    expect(alice).toContain('npm run verify                      # every exercise, in your namespace');
    // Nothing of another student's.
    expect(alice).not.toContain('bob');
  });

  test('the npm script writes them outside dist/, and refuses a config without students', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'class.yaml'), 'students: [alice, bob]\n');
    const out = path.join(dir, 'sheets');
    const run = spawnSync(
      process.execPath,
      ['scripts/app.js', 'scripts/handouts.ts', '--out', out, '--host', '192.0.2.10'],
      {
        cwd: ROOT,
        encoding: 'utf-8',
        env: {
          PATH: process.env.PATH,
          WORKSHOP_CONFIG: path.join(dir, 'class.yaml'),
          CDK8S_OUTDIR: path.join(dir, 'dist'),
        },
      },
    );
    expect(run.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['alice.md', 'bob.md', 'index.md']);
    expect(fs.readFileSync(path.join(out, 'alice.md'), 'utf-8')).toContain('http://192.0.2.10:31000');
    const inside = spawnSync(
      process.execPath,
      ['scripts/app.js', 'scripts/handouts.ts', '--out', path.join(dir, 'dist', 'x')],
      {
        cwd: ROOT,
        encoding: 'utf-8',
        env: {
          PATH: process.env.PATH,
          WORKSHOP_CONFIG: path.join(dir, 'class.yaml'),
          CDK8S_OUTDIR: path.join(dir, 'dist'),
        },
      },
    );
    expect([inside.status, inside.stderr]).toEqual([2, expect.stringContaining('is inside')]);
    const single = spawnSync(process.execPath, ['scripts/app.js', 'scripts/handouts.ts', '--out', out], {
      cwd: ROOT,
      encoding: 'utf-8',
      env: { PATH: process.env.PATH, WORKSHOP_CONFIG: path.join(ROOT, 'workshop.yaml') },
    });
    expect([single.status, single.stderr]).toEqual([2, expect.stringContaining('handouts need students:')]);
  });
});
