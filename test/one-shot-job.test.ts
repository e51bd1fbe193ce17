import { OneShotJob } from '../lib/one-shot-job';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, NAMESPACE, podSpec } from './util';

function synth(props = {}) {
  const chart = exerciseChart('one-shot-job');
  new OneShotJob(chart, 'OneShotJob', props);
  return chart.toJson();
}

describe('OneShotJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs Job oneshot once: kuard generating 10 keys, then exiting 0', () => {
    const job = find(synth(), 'Job', 'oneshot');
    expect(job.apiVersion).toEqual('batch/v1');
    expect(job.metadata.namespace).toEqual(NAMESPACE);
    // One shot: completions and parallelism stay at their default of 1.
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.parallelism).toBeUndefined();
    const [container] = podSpec(job).containers;
    expect(container.image).toEqual('gcr.io/kuar-demo/kuard-amd64:v0.9-blue');
    expect(container.args).toEqual(['--keygen-enable', '--keygen-exit-on-complete', '--keygen-num-to-gen=10']);
    expect(podSpec(job).restartPolicy).toEqual('OnFailure');
  });

  test('adds Job oneshot-failing, whose kuard exits 1 after the same work', () => {
    const objects = synth();
    expect(objects.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['Job/oneshot', 'Job/oneshot-failing']);
    const failing = find(objects, 'Job', 'oneshot-failing');
    expect(podSpec(failing).containers[0].args).toEqual(
      ['--keygen-enable', '--keygen-exit-on-complete', '--keygen-num-to-gen=10', '--keygen-exit-code=1']);
    expect(podSpec(failing).restartPolicy).toEqual('OnFailure');
    expect(failing.spec.backoffLimit).toEqual(6);
  });

  test('leaves the failing variant out when failingVariant is false', () => {
    expect(synth({ failingVariant: false }).map((o: any) => o.metadata.name)).toEqual(['oneshot']);
  });

  test('labels both Jobs and their pods chapter=jobs, next to the exercise labels', () => {
    for (const job of synth()) {
      for (const labels of [job.metadata.labels, job.spec.template.metadata.labels]) {
        expect(labels).toEqual(expect.objectContaining({ 'chapter': 'jobs', 'k8s-workshop/exercise': 'one-shot-job' }));
      }
    }
  });

  test('runs kuard as numeric user 65534 without capabilities or API token', () => {
    const spec = podSpec(synth()[0]);
    const sc = spec.containers[0].securityContext;
    expect(sc).toEqual(expect.objectContaining({ runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }));
    expect(spec.containers[0].resources.requests).toEqual({ cpu: '50m', memory: '64Mi' });
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('applies every prop', () => {
    const objects = synth({ image: 'gcr.io/kuar-demo/kuard-amd64:blue', keysToGenerate: 3, restartPolicy: 'Never', backoffLimit: 2 });
    for (const job of objects) {
      expect(podSpec(job).containers[0].image).toEqual('gcr.io/kuar-demo/kuard-amd64:blue');
      expect(podSpec(job).containers[0].args).toContain('--keygen-num-to-gen=3');
      expect(podSpec(job).restartPolicy).toEqual('Never');
      expect(job.spec.backoffLimit).toEqual(2);
    }
  });

  test('fails when keysToGenerate is zero', () => {
    expect(() => synth({ keysToGenerate: 0 })).toThrow('keysToGenerate must be a positive integer, got 0 (at one-shot-job/OneShotJob)');
  });

  test('fails when restartPolicy is Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      'restartPolicy must be Never or OnFailure for a Job, got "Always" (at one-shot-job/OneShotJob)');
  });

  test('fails when backoffLimit is negative', () => {
    expect(() => synth({ backoffLimit: -1 })).toThrow('backoffLimit must be a non-negative integer, got -1 (at one-shot-job/OneShotJob)');
  });
});
