// An exercise lives in one place: its construct file lib/<name>.ts (props, construct, outcomes),
// with its entry in lib/workshop.ts (EXERCISES and ExerciseSettings, which the compiler keeps
// together), its re-export and its test. This fails while one of those is missing.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { declaresOutcomes } from '../lib/outcomes';
import { EXERCISES, Workshop } from '../lib/workshop';
import { ROOT } from './util';

const index = fs.readFileSync(path.join(ROOT, 'lib', 'index.ts'), 'utf-8');

describe('the files of an exercise', () => {
  test.each(EXERCISES.map((e) => e.name))('%s has its construct file, its re-export and its test', (name) => {
    expect(fs.existsSync(path.join(ROOT, 'lib', `${name}.ts`))).toBe(true);
    expect(index).toContain(`export * from './${name}';`);
    expect(fs.existsSync(path.join(ROOT, 'test', `${name}.test.ts`))).toBe(true);
  });

  test('lib/index.ts only re-exports, and re-exports every file of lib/', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'lib'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(index.trim().split('\n').sort()).toEqual(files.map((f) => `export * from './${f}';`).sort());
  });

  test('each exercise chart holds one construct that declares outcomes, from its own file', () => {
    const workshop = new Workshop(new App({ outdir: 'unused' }), { exercises: { workQueue: { loader: true } } });
    for (const chart of workshop.exerciseCharts.filter((c) => EXERCISES.some((e) => e.name === c.exercise))) {
      const declaring = chart.node.findAll().filter(declaresOutcomes);
      expect([chart.exercise, declaring.length]).toEqual([chart.exercise, 1]);
    }
  });
});
