import { OneShotJob } from '../lib/one-shot-job';
import { IMAGES } from '../src/images';
import { KUARD_SCRIPT } from '../lib/kuard-workload';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, NAMESPACE, podSpec } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('one-shot-job');
  new OneShotJob(chart, 'OneShotJob', props);
  return chart.toJson();
}

describe('OneShotJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  const jobs = (objects: Json[]) => objects.filter((o) => o.kind === 'Job');

  test('runs Job oneshot once: kuard generating 10 keys, then exiting 0', () => {
    const job = find(synth(), 'Job', 'oneshot');
    expect(job.apiVersion).toEqual('batch/v1');
    expect(job.metadata.namespace).toEqual(NAMESPACE);
    // One shot: completions and parallelism stay at their default of 1.
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.parallelism).toBeUndefined();
    const [container] = podSpec(job).containers;
    expect(container.image).toEqual(IMAGES.node.ref);
    expect(container.command).toEqual(['node', '/kuard/kuard.js']);
    expect(container.args).toEqual(['--keygen-enable', '--keygen-exit-on-complete', '--keygen-num-to-gen=10']);
    expect(podSpec(job).restartPolicy).toEqual('OnFailure');
  });

  test('ships the kuard-compatible program in ConfigMap kuard-oneshot, mounted read-only where the command runs it', () => {
    const objects = synth();
    const configMap = find(objects, 'ConfigMap', 'kuard-oneshot');
    expect(configMap.data).toEqual({ 'kuard.js': KUARD_SCRIPT });
    expect(configMap.metadata.labels.chapter).toEqual('jobs');
    // The student guide's first step of the text's `kubectl run -i oneshot`: this selector applies the ConfigMap alone.
    expect(objects.filter((o: Json) => o.metadata.labels['app.kubernetes.io/component'] === 'kuard-program')).toEqual([
      configMap,
    ]);
    for (const job of jobs(objects)) {
      const spec = podSpec(job);
      expect(spec.volumes).toEqual([{ name: 'kuard', configMap: { name: 'kuard-oneshot' } }]);
      expect(spec.containers[0].volumeMounts).toEqual([{ name: 'kuard', mountPath: '/kuard', readOnly: true }]);
    }
  });

  test("runs a built kuard's /kuard with the same flags, and ships no program, when an image is set", () => {
    const objects = synth({ image: 'kuard:a27b696' });
    expect(objects.map((o: Json) => o.kind)).toEqual(['Job', 'Job']);
    const [container] = podSpec(objects[0]).containers;
    expect(container).toEqual(expect.objectContaining({ image: 'kuard:a27b696', command: ['/kuard'] }));
    expect(container.args).toEqual(['--keygen-enable', '--keygen-exit-on-complete', '--keygen-num-to-gen=10']);
    expect(container.volumeMounts).toBeUndefined();
    expect(podSpec(objects[0]).volumes).toBeUndefined();
  });

  test('adds Job oneshot-failing, whose kuard exits 1 after the same work', () => {
    const objects = synth();
    expect(objects.map((o: Json) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/kuard-oneshot',
      'Job/oneshot',
      'Job/oneshot-failing',
    ]);
    const failing = find(objects, 'Job', 'oneshot-failing');
    expect(podSpec(failing).containers[0].args).toEqual([
      '--keygen-enable',
      '--keygen-exit-on-complete',
      '--keygen-num-to-gen=10',
      '--keygen-exit-code=1',
    ]);
    expect(podSpec(failing).restartPolicy).toEqual('OnFailure');
    // Fails after 3 retries (about 2 minutes of kubelet back-off), not the default 6 (about 11).
    expect(failing.spec.backoffLimit).toEqual(3);
    expect(find(objects, 'Job', 'oneshot').spec.backoffLimit).toEqual(6);
    expect(find(synth({ failingBackoffLimit: 1 }), 'Job', 'oneshot-failing').spec.backoffLimit).toEqual(1);
    expect(() => synth({ failingBackoffLimit: -1 })).toThrow(/failingBackoffLimit/);
  });

  test('leaves the failing variant out when failingVariant is false', () => {
    expect(synth({ failingVariant: false }).map((o: Json) => o.metadata.name)).toEqual(['kuard-oneshot', 'oneshot']);
  });

  test('labels both Jobs and their pods chapter=jobs, next to the exercise labels', () => {
    for (const job of jobs(synth())) {
      for (const labels of [job.metadata.labels, job.spec.template.metadata.labels]) {
        expect(labels).toEqual(expect.objectContaining({ chapter: 'jobs', 'k8s-workshop/exercise': 'one-shot-job' }));
      }
    }
  });

  test('runs kuard as numeric user 65534 without capabilities or API token', () => {
    const spec = podSpec(find(synth(), 'Job', 'oneshot'));
    const sc = spec.containers[0].securityContext;
    expect(sc).toEqual(
      expect.objectContaining({
        runAsNonRoot: true,
        runAsUser: 65534,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      }),
    );
    expect(spec.containers[0].resources.requests).toEqual({ cpu: '50m', memory: '64Mi' });
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('applies every prop', () => {
    const objects = synth({
      image: 'registry.example/kuard:blue',
      keysToGenerate: 3,
      restartPolicy: 'Never',
      backoffLimit: 2,
      failingBackoffLimit: 4,
    });
    for (const job of objects) {
      expect(podSpec(job).containers[0].image).toEqual('registry.example/kuard:blue');
      expect(podSpec(job).containers[0].args).toContain('--keygen-num-to-gen=3');
      expect(podSpec(job).restartPolicy).toEqual('Never');
      expect(job.spec.backoffLimit).toEqual(job.metadata.name === 'oneshot' ? 2 : 4);
    }
  });

  test('fails when keysToGenerate is zero', () => {
    expect(() => synth({ keysToGenerate: 0 })).toThrow(
      'keysToGenerate must be a positive integer, got 0 (at one-shot-job/OneShotJob)',
    );
  });

  test('fails when restartPolicy is Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      'restartPolicy must be Never or OnFailure for a Job, got "Always" (at one-shot-job/OneShotJob)',
    );
  });

  test('fails when backoffLimit is negative', () => {
    expect(() => synth({ backoffLimit: -1 })).toThrow(
      'backoffLimit must be a non-negative integer, got -1 (at one-shot-job/OneShotJob)',
    );
  });
});
