import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { EXERCISES, Workshop } from '../lib/workshop';
import { checksOf, planVerification } from '../src/verify/plan';
import { ROOT } from './util';

/** Every exercise, optional ones included. */
const EVERYTHING = { exercises: { workQueue: { loader: true } } };

describe('expected outcomes', () => {
  test('every exercise in lib/workshop.ts declares its outcomes', () => {
    const workshop = new Workshop(new App({ outdir: 'unused' }), EVERYTHING);
    const charts = workshop.exerciseCharts.filter((c) => EXERCISES.some((e) => e.name === c.exercise));
    expect(charts.map((c) => c.exercise).sort()).toEqual(EXERCISES.map((e) => e.name).sort());
    const without = charts.filter((c) => (checksOf(c) ?? []).length === 0).map((c) => c.exercise);
    expect(without).toEqual([]);
  });

  test('every hint is a command the README teaches', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
    const [plan] = planVerification(EVERYTHING);
    const missing = plan.exercises.flatMap((e) => e.checks.map((c) => c.hint)).filter((hint) => !readme.includes(hint));
    expect(missing).toEqual([]);
  });

  test('checks follow the names in the config: a renamed Job is checked under its new name', () => {
    const [plan] = planVerification({ exercises: { traceJob: { name: 'trace-example' }, factorialJob: { n: 7, completions: 2 } } }, { exercises: ['trace-job', 'factorial-job'] });
    expect(plan.exercises.flatMap((e) => e.checks.map((c) => c.title))).toEqual([
      'Job trace-example complete', 'Job factorial7 complete', 'each of 2 pods of Job factorial7 prints 5040',
    ]);
  });

  test('fleet mode plans one namespace per student, with its own output folder', () => {
    const plan = planVerification({ students: ['alice', 'bob'] }, { exercises: ['trace-job'] });
    expect(plan.map((p) => [p.namespace, p.student, p.exercises[0].file])).toEqual([
      ['workshop-day2-solutions-alice', 'alice', 'dist/alice/0003-trace-job.k8s.yaml'],
      ['workshop-day2-solutions-bob', 'bob', 'dist/bob/0003-trace-job.k8s.yaml'],
    ]);
  });
});
