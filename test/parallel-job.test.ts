import { IMAGES } from '../src/images';
import { ParallelJob } from '../lib/parallel-job';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, podSpec } from './util';

function synth(props = {}) {
  const chart = exerciseChart('parallel-job');
  new ParallelJob(chart, 'ParallelJob', props);
  return chart.toJson();
}

describe('ParallelJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs Job parallel: 10 completions, at most 5 pods at a time', () => {
    const job = find(synth(), 'Job', 'parallel');
    expect(job.kind).toEqual('Job');
    expect(job.metadata.name).toEqual('parallel');
    expect(job.spec.completions).toEqual(10);
    expect(job.spec.parallelism).toEqual(5);
  });

  test('has each pod generate 10 keys with kuard and restarts failed containers', () => {
    const spec = podSpec(find(synth(), 'Job', 'parallel'));
    expect(spec.containers[0].image).toEqual(IMAGES.node.ref);
    expect(spec.volumes).toEqual([{ name: 'kuard', configMap: { name: 'kuard-parallel' } }]);
    expect(spec.containers[0].args).toEqual(['--keygen-enable', '--keygen-exit-on-complete', '--keygen-num-to-gen=10']);
    expect(spec.restartPolicy).toEqual('OnFailure');
  });

  test('labels the Job and its pods chapter=jobs', () => {
    const job = find(synth(), 'Job', 'parallel');
    expect(job.metadata.labels.chapter).toEqual('jobs');
    expect(job.spec.template.metadata.labels.chapter).toEqual('jobs');
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('applies every prop', () => {
    const job = find(
      synth({
        completions: 4,
        parallelism: 2,
        keysToGenerate: 1,
        restartPolicy: 'Never',
        backoffLimit: 0,
        image: 'kuard:test',
      }),
      'Job',
      'parallel',
    );
    expect(job.spec).toEqual(expect.objectContaining({ completions: 4, parallelism: 2, backoffLimit: 0 }));
    expect(podSpec(job).containers[0].args).toContain('--keygen-num-to-gen=1');
    expect(podSpec(job).containers[0].image).toEqual('kuard:test');
    expect(podSpec(job).restartPolicy).toEqual('Never');
  });

  test('fails when completions is zero', () => {
    expect(() => synth({ completions: 0 })).toThrow(
      'completions must be a positive integer, got 0 (at parallel-job/ParallelJob)',
    );
  });

  test('fails when completions is negative', () => {
    expect(() => synth({ completions: -3 })).toThrow(
      'completions must be a positive integer, got -3 (at parallel-job/ParallelJob)',
    );
  });

  test('fails when parallelism is zero', () => {
    expect(() => synth({ parallelism: 0 })).toThrow(
      'parallelism must be a positive integer, got 0 (at parallel-job/ParallelJob)',
    );
  });

  test('fails when parallelism is negative or fractional', () => {
    expect(() => synth({ parallelism: -1 })).toThrow(
      'parallelism must be a positive integer, got -1 (at parallel-job/ParallelJob)',
    );
    expect(() => synth({ parallelism: 2.5 })).toThrow(
      'parallelism must be a positive integer, got 2.5 (at parallel-job/ParallelJob)',
    );
  });

  test('fails when restartPolicy is Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      'restartPolicy must be Never or OnFailure for a Job, got "Always" (at parallel-job/ParallelJob)',
    );
  });

  test('fails when keysToGenerate is zero', () => {
    expect(() => synth({ keysToGenerate: 0 })).toThrow(
      'keysToGenerate must be a positive integer, got 0 (at parallel-job/ParallelJob)',
    );
  });
});
