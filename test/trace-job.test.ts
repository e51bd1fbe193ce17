import { TraceJob } from '../lib/trace-job';
import { exerciseChart, NAMESPACE, podSpec } from './util';

function synth(props = {}) {
  const chart = exerciseChart('trace-job');
  new TraceJob(chart, 'TraceJob', props);
  return chart.toJson();
}

describe('TraceJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs traceroute google.com on alpine:3.8.5 as a batch/v1 Job in the workshop namespace', () => {
    const [job] = synth();
    expect(job.apiVersion).toEqual('batch/v1');
    expect(job.kind).toEqual('Job');
    expect(job.metadata.name).toEqual('traceroute');
    expect(job.metadata.namespace).toEqual(NAMESPACE);
    const [container] = podSpec(job).containers;
    expect(container.image).toEqual('alpine:3.8.5');
    expect(container.command).toEqual(['traceroute', 'google.com']);
  });

  test('applies the Never restart policy and a backoff limit of 4 by default, and no TTL', () => {
    const [job] = synth();
    expect(podSpec(job).restartPolicy).toEqual('Never');
    expect(job.spec.backoffLimit).toEqual(4);
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
  });

  test('labels the Job and its pods with the workshop and the exercise', () => {
    const [job] = synth();
    const expected = {
      'app.kubernetes.io/part-of': 'k8s-workshop',
      'app.kubernetes.io/managed-by': 'cdk8s',
      'k8s-workshop/exercise': 'trace-job',
    };
    expect(job.metadata.labels).toEqual(expected);
    expect(job.spec.template.metadata.labels).toEqual(expected);
  });

  test('requests little CPU and memory and limits memory', () => {
    const [container] = podSpec(synth()[0]).containers;
    expect(container.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } });
  });

  test('runs as root keeping only NET_RAW, on a read-only root filesystem, without an API token', () => {
    const spec = podSpec(synth()[0]);
    const sc = spec.containers[0].securityContext;
    expect(sc.runAsUser).toEqual(0);
    expect(sc.runAsNonRoot).toEqual(false);
    expect(sc.readOnlyRootFilesystem).toEqual(true);
    expect(sc.allowPrivilegeEscalation).toEqual(false);
    expect(sc.capabilities.drop).not.toContain('NET_RAW');
    expect(sc.capabilities.drop).toEqual(expect.arrayContaining(['CHOWN', 'SETUID', 'SETGID', 'DAC_OVERRIDE']));
    expect(sc.capabilities.add).toBeUndefined();
    expect(spec.automountServiceAccountToken).toEqual(false);
  });

  test('applies every prop', () => {
    const [job] = synth({
      target: 'example.org',
      image: 'alpine:3.19',
      restartPolicy: 'OnFailure',
      ttlSecondsAfterFinished: 600,
      backoffLimit: 1,
    });
    expect(podSpec(job).containers[0].command).toEqual(['traceroute', 'example.org']);
    expect(podSpec(job).containers[0].image).toEqual('alpine:3.19');
    expect(podSpec(job).restartPolicy).toEqual('OnFailure');
    expect(job.spec.ttlSecondsAfterFinished).toEqual(600);
    expect(job.spec.backoffLimit).toEqual(1);
  });

  test('fails when restartPolicy is Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      'restartPolicy must be Never or OnFailure for a Job, got "Always" (at trace-job/TraceJob)',
    );
  });

  test('fails when backoffLimit is negative', () => {
    expect(() => synth({ backoffLimit: -1 })).toThrow(
      'backoffLimit must be a non-negative integer, got -1 (at trace-job/TraceJob)',
    );
  });

  test('fails when ttlSecondsAfterFinished is not an integer', () => {
    expect(() => synth({ ttlSecondsAfterFinished: 1.5 })).toThrow(
      'ttlSecondsAfterFinished must be a non-negative integer, got 1.5 (at trace-job/TraceJob)',
    );
  });

  test('fails when the target is not a host name', () => {
    expect(() => synth({ target: 'google.com; rm -rf /' })).toThrow(
      'target must be a host name or IP address, got "google.com; rm -rf /" (at trace-job/TraceJob)',
    );
  });
});
