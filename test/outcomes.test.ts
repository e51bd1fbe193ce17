import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { EXERCISES, Workshop } from '../lib/workshop';
import { checksOf, planVerification } from '../src/verify/plan';
import { markdownAnchors, ROOT } from './util';

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

  test('every hint is a command the student guide teaches', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'docs', 'student.md'), 'utf-8');
    const [plan] = planVerification(EVERYTHING);
    const missing = plan.exercises.flatMap((e) => e.checks.map((c) => c.hint)).filter((hint) => !readme.includes(hint));
    expect(missing).toEqual([]);
  });

  test('every exercise points to a section of the student guide that exists', () => {
    const sections = markdownAnchors(path.join(ROOT, 'docs', 'student.md'));
    const [plan] = planVerification(EVERYTHING);
    expect(plan.exercises.map((e) => e.guide.split('#')[0])).toEqual(plan.exercises.map(() => 'docs/student.md'));
    expect(plan.exercises.filter((e) => !sections.has(e.guide.split('#')[1])).map((e) => e.guide)).toEqual([]);
    expect(plan.exercises.find((e) => e.exercise === 'work-queue-consumers')?.guide).toEqual(
      'docs/student.md#work-queue',
    );
  });

  test('checks follow the names in the config: a renamed Job is checked under its new name', () => {
    const [plan] = planVerification(
      { exercises: { periodicJob: { name: 'tick' }, factorialJob: { n: 7, completions: 2 } } },
      { exercises: ['periodic-job', 'factorial-job'] },
    );
    expect(plan.exercises.flatMap((e) => e.checks.map((c) => c.title))).toEqual([
      'Job factorial7 complete',
      'each of 2 pods of Job factorial7 prints 5040',
      'CronJob tick has fired',
      'a Job of CronJob tick completed',
    ]);
  });

  test('fleet mode plans one namespace per student, applied from its own file, an exercise by its label', () => {
    const plan = planVerification({ students: ['alice', 'bob'] }, { exercises: ['trace-job'] });
    expect(plan.map((p) => [p.namespace, p.student, p.manifests, p.exercises[0].file, p.exercises[0].apply])).toEqual([
      [
        'workshop-day2-solutions-alice',
        'alice',
        'dist/alice.k8s.yaml',
        'dist/alice.k8s.yaml',
        '-f dist/alice.k8s.yaml -l k8s-workshop/exercise=trace-job',
      ],
      [
        'workshop-day2-solutions-bob',
        'bob',
        'dist/bob.k8s.yaml',
        'dist/bob.k8s.yaml',
        '-f dist/bob.k8s.yaml -l k8s-workshop/exercise=trace-job',
      ],
    ]);
  });

  test('without students an exercise is applied from its own file', () => {
    const [plan] = planVerification({}, { exercises: ['trace-job'] });
    expect([plan.manifests, plan.exercises[0].file, plan.exercises[0].apply]).toEqual([
      'dist',
      'dist/0002-trace-job.k8s.yaml',
      '-f dist/0002-trace-job.k8s.yaml',
    ]);
  });
});
