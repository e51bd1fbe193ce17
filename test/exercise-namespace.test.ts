// Seed 004 has each student `kubectl create ns demo-$USER` and work there: the retrying-job exercise
// can be synthesized into that namespace, which the workshop then leaves to the student to create.
import { App } from 'cdk8s';
import { Workshop } from '../lib/workshop';
import { ConfigError } from '../src/errors';
import { applyEnvironment, parseWorkshopConfig } from '../src/config';
import { bundleOf, synthWorkshop } from '../src/synth';
import { NAMESPACE_CREATED_BY } from '../src/annotations';
import { formatFinding } from '../src/show';
import { validateBundle } from '../src/validation/validate';
import type { Json } from '../src/json';

const DEMO = { exercises: { retryingJob: { namespace: 'demo-ada' } } };

function objectsOf(config: Json): Json[] {
  return synthWorkshop(config).flatMap((o) => o.objects);
}

describe('an exercise in a namespace of its own', () => {
  test('puts every retrying-job object, and nothing else, in the configured namespace', () => {
    const outputs = synthWorkshop(DEMO);
    for (const output of outputs.slice(1)) {
      const want = output.file.endsWith('-retrying-job.k8s.yaml') ? 'demo-ada' : 'workshop-day2-solutions';
      for (const o of output.objects)
        expect(`${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`).toEqual(
          `${o.kind}/${o.metadata.name} in ${want}`,
        );
    }
    const job = objectsOf(DEMO).find((o) => o.kind === 'Job' && o.metadata.name === 'demo-job');
    expect(job.metadata.namespace).toEqual('demo-ada');
  });

  test("does not create that namespace, so the text's kubectl create ns demo-$USER does not collide", () => {
    expect(
      objectsOf(DEMO)
        .filter((o) => o.kind === 'Namespace')
        .map((o) => o.metadata.name),
    ).toEqual(['workshop-day2-solutions']);
  });

  test('says on each of its objects which command creates the namespace, and validation accepts exactly that', () => {
    const mine = objectsOf(DEMO).filter((o) => o.metadata.namespace === 'demo-ada');
    expect(mine.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/demo-job-exit-code', 'Job/demo-job']);
    for (const o of mine)
      expect(o.metadata.annotations).toEqual({ [NAMESPACE_CREATED_BY]: 'kubectl create ns demo-ada' });
    expect(validateBundle(bundleOf(synthWorkshop(DEMO))).errors.map(formatFinding)).toEqual([]);

    const elsewhere = mine.map((o) => ({
      manifest: {
        ...o,
        metadata: { ...o.metadata, annotations: { [NAMESPACE_CREATED_BY]: 'kubectl create ns demo-bob' } },
      },
    }));
    expect(
      validateBundle(elsewhere)
        .errors.filter((f) => f.rule === 'namespace-exists')
        .map((f) => `${f.object} ${f.path}`),
    ).toEqual(['ConfigMap/demo-ada/demo-job-exit-code metadata.namespace', 'Job/demo-ada/demo-job metadata.namespace']);
  });

  test('leaves every object unannotated and in the workshop namespace by default', () => {
    for (const o of objectsOf({})) {
      if (o.kind !== 'Namespace') expect(o.metadata.namespace).toEqual('workshop-day2-solutions');
      expect(o.metadata.annotations?.[NAMESPACE_CREATED_BY]).toBeUndefined();
    }
  });

  test('takes the namespace from WORKSHOP_RETRYING_JOB_NAMESPACE over the file, so a student can synth demo-$USER', () => {
    const applied = applyEnvironment(DEMO, { WORKSHOP_RETRYING_JOB_NAMESPACE: 'demo-bob' });
    expect(applied.exercises?.retryingJob).toEqual({ namespace: 'demo-bob' });
    expect(
      objectsOf(applied).find((o) => o.kind === 'Job' && o.metadata.name === 'demo-job').metadata.namespace,
    ).toEqual('demo-bob');
  });

  test('fails when the environment variable is not a DNS label, naming the variable and the value', () => {
    expect(() => applyEnvironment({}, { WORKSHOP_RETRYING_JOB_NAMESPACE: 'demo-John.Doe' })).toThrow(
      'environment variable WORKSHOP_RETRYING_JOB_NAMESPACE: exercises.retryingJob.namespace must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "demo-John.Doe"',
    );
    expect(() => applyEnvironment({}, { WORKSHOP_RETRYING_JOB_NAMESPACE: 'demo-John.Doe' })).toThrow(ConfigError);
  });

  test('fails when workshop.yaml names a namespace that is not a DNS label, with file and line', () => {
    expect(() => parseWorkshopConfig('exercises:\n  retryingJob:\n    namespace: Demo_Ada\n', 'workshop.yaml')).toThrow(
      'workshop.yaml:3:16: exercises.retryingJob.namespace must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "Demo_Ada"',
    );
  });

  test('fails when a construct caller passes a namespace that is not a DNS label', () => {
    expect(
      () => new Workshop(new App({ outdir: 'unused' }), { exercises: { retryingJob: { namespace: 'demo ada' } } }),
    ).toThrow(
      'exercises.retryingJob.namespace must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "demo ada"',
    );
  });

  test('shows a refused namespace escaped, so a control character in it cannot rewrite the line it is printed on', () => {
    let message = '';
    try {
      new Workshop(new App({ outdir: 'unused' }), { exercises: { retryingJob: { namespace: 'demo\u202eada' } } });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^exercises\.retryingJob\.namespace must be a DNS label/);
    expect(message).not.toContain('\u202e');
  });

  test("fails on a namespace of the cluster's own, which the text's clean-up would delete", () => {
    for (const ns of ['default', 'kube-system']) {
      expect(() => synthWorkshop({ exercises: { retryingJob: { namespace: ns } } })).toThrow(
        `exercises.retryingJob.namespace must not be a namespace the cluster itself uses (default, kube-*), got "${ns}"`,
      );
    }
  });

  test('treats the workshop namespace as no namespace of its own: no annotation, nothing left to create by hand', () => {
    const objects = objectsOf({ exercises: { retryingJob: { namespace: 'workshop-day2-solutions' } } });
    expect(objects.filter((o) => o.metadata.annotations?.[NAMESPACE_CREATED_BY])).toEqual([]);
  });

  test("fails in fleet mode, where one fixed namespace would hold every student's exercise", () => {
    expect(() => synthWorkshop({ ...DEMO, students: ['ada', 'bob'] })).toThrow(
      'exercises.retryingJob.namespace cannot be used with students: every student\'s exercise would land in "demo-ada"; leave it out, and each student finds it in their own namespace',
    );
  });
});
