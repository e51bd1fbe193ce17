import { FactorialJob } from '../lib/factorial-job';
import { validationFindings } from './validate-chart';
import { exerciseChart, podSpec } from './util';

function synth(props = {}) {
  const chart = exerciseChart('factorial-job');
  new FactorialJob(chart, 'FactorialJob', props);
  return chart.toJson();
}

describe('FactorialJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs Job factorial5 with 3 completions and parallelism 5 (above completions, which is legal)', () => {
    const [job] = synth();
    expect(job.kind).toEqual('Job');
    expect(job.metadata.name).toEqual('factorial5');
    expect(job.spec.completions).toEqual(3);
    expect(job.spec.parallelism).toEqual(5);
  });

  test('prints factorial(5) with python on a pinned image, never restarting a pod', () => {
    const spec = podSpec(synth()[0]);
    expect(spec.containers[0].name).toEqual('factorial5');
    expect(spec.containers[0].image).toEqual('python:3.12.14-alpine3.24');
    expect(spec.containers[0].command).toEqual(['python', '-c', 'from math import factorial; print(factorial(5))']);
    expect(spec.restartPolicy).toEqual('Never');
  });

  test('names the Job and the container after n', () => {
    const [job] = synth({ n: 7 });
    expect(job.metadata.name).toEqual('factorial7');
    expect(podSpec(job).containers[0].command[2]).toEqual('from math import factorial; print(factorial(7))');
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('accepts parallelism below, equal to and above completions', () => {
    for (const parallelism of [1, 3, 10]) {
      expect(synth({ parallelism })[0].spec.parallelism).toEqual(parallelism);
    }
  });

  test('fails when completions is zero', () => {
    expect(() => synth({ completions: 0 })).toThrow(
      'completions must be a positive integer, got 0 (at factorial-job/FactorialJob)',
    );
  });

  test('fails when parallelism is zero or negative', () => {
    expect(() => synth({ parallelism: 0 })).toThrow(
      'parallelism must be a positive integer, got 0 (at factorial-job/FactorialJob)',
    );
    expect(() => synth({ parallelism: -5 })).toThrow(
      'parallelism must be a positive integer, got -5 (at factorial-job/FactorialJob)',
    );
  });

  test('fails when restartPolicy is Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      'restartPolicy must be Never or OnFailure for a Job, got "Always" (at factorial-job/FactorialJob)',
    );
  });

  test('fails when n is negative, fractional or too large', () => {
    expect(() => synth({ n: -1 })).toThrow(
      'n must be an integer from 0 to 1000, got -1 (at factorial-job/FactorialJob)',
    );
    expect(() => synth({ n: 2.5 })).toThrow(
      'n must be an integer from 0 to 1000, got 2.5 (at factorial-job/FactorialJob)',
    );
    expect(() => synth({ n: 1001 })).toThrow(
      'n must be an integer from 0 to 1000, got 1001 (at factorial-job/FactorialJob)',
    );
  });
});
