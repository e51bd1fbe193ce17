import { ProbesPod } from '../lib/probes-pod';
import { validationFindings } from './validate-chart';
import { exerciseChart, NAMESPACE } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('probes-pod');
  new ProbesPod(chart, 'ProbesPod', props);
  return chart.toJson();
}

describe('ProbesPod', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('creates Pod probes that restarts its container (restartPolicy Always)', () => {
    const [pod] = synth();
    expect(pod.apiVersion).toEqual('v1');
    expect(pod.kind).toEqual('Pod');
    expect(pod.metadata.name).toEqual('probes');
    expect(pod.metadata.namespace).toEqual(NAMESPACE);
    expect(pod.metadata.labels['k8s-workshop/exercise']).toEqual('probes-pod');
    expect(pod.spec.restartPolicy).toEqual('Always');
    expect(pod.spec.terminationGracePeriodSeconds).toEqual(5);
  });

  test("runs the text's command after printing what the init container wrote", () => {
    const [app] = synth()[0].spec.containers;
    expect(app.name).toEqual('app');
    expect(app.image).toEqual('busybox:1.37.0');
    expect(app.command).toEqual([
      '/bin/sh',
      '-c',
      'cat /setup/message || exit 1; touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600',
    ]);
  });

  test('probes liveness with cat /tmp/healthy after 30 seconds, and readiness sooner and stricter', () => {
    const [app] = synth()[0].spec.containers;
    expect(app.livenessProbe).toEqual({
      exec: { command: ['cat', '/tmp/healthy'] },
      initialDelaySeconds: 30,
      periodSeconds: 10,
      failureThreshold: 3,
    });
    expect(app.readinessProbe).toEqual({
      exec: { command: ['cat', '/tmp/healthy'] },
      initialDelaySeconds: 5,
      periodSeconds: 5,
      failureThreshold: 1,
    });
  });

  test('runs init container setup first, writing into an emptyDir the app reads', () => {
    const { spec } = synth()[0];
    expect(spec.initContainers.map((c: Json) => c.name)).toEqual(['setup']);
    const [setup] = spec.initContainers;
    expect(setup.command[2]).toMatch(/^sleep 5; echo .* > \/setup\/message$/);
    expect(setup.volumeMounts).toEqual([{ name: 'setup', mountPath: '/setup' }]);
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'setup', mountPath: '/setup', readOnly: true });
    expect(spec.volumes).toContainEqual({ name: 'setup', emptyDir: {} });
  });

  test('gives the app a writable /tmp on a read-only root filesystem, as user 65534', () => {
    const { spec } = synth()[0];
    const [app] = spec.containers;
    expect(app.securityContext).toEqual(
      expect.objectContaining({ runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true }),
    );
    const tmp = app.volumeMounts.find((m: Json) => m.mountPath === '/tmp');
    expect(spec.volumes).toContainEqual({ name: tmp.name, emptyDir: {} });
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('applies every prop', () => {
    const { metadata, spec } = synth({
      name: 'liveness-exec',
      image: 'busybox:1.37',
      healthySeconds: 10,
      livenessInitialDelaySeconds: 15,
      initSeconds: 0,
    })[0];
    expect(metadata.name).toEqual('liveness-exec');
    expect(spec.containers[0].image).toEqual('busybox:1.37');
    expect(spec.initContainers[0].image).toEqual('busybox:1.37');
    expect(spec.containers[0].command[2]).toContain('sleep 10; rm -rf /tmp/healthy');
    expect(spec.containers[0].livenessProbe.initialDelaySeconds).toEqual(15);
    expect(spec.initContainers[0].command[2]).toMatch(/^sleep 0;/);
  });

  test('fails when healthySeconds is zero', () => {
    expect(() => synth({ healthySeconds: 0 })).toThrow(
      'healthySeconds must be a positive integer, got 0 (at probes-pod/ProbesPod)',
    );
  });

  test('fails when livenessInitialDelaySeconds is negative', () => {
    expect(() => synth({ livenessInitialDelaySeconds: -1 })).toThrow(
      'livenessInitialDelaySeconds must be a non-negative integer, got -1 (at probes-pod/ProbesPod)',
    );
  });

  test('fails when the name is not a DNS label', () => {
    expect(() => synth({ name: 'Probes' })).toThrow(
      'name must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "Probes" (at probes-pod/ProbesPod)',
    );
  });
});
