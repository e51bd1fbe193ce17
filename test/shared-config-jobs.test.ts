import { SharedConfigJobs } from '../lib/shared-config-jobs';
import { exerciseChart, find, podSpec } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('shared-config-jobs');
  new SharedConfigJobs(chart, 'SharedConfigJobs', props);
  return chart.toJson();
}

describe('SharedConfigJobs', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test("creates ConfigMap target-google with the table's data", () => {
    expect(find(synth(), 'ConfigMap', 'target-google').data).toEqual({
      target: 'google.com',
      ttw: '4',
      'max-hops': '15',
    });
  });

  test("runs the table's commands verbatim in ping-google and traceroute-google on alpine:3.8.5", () => {
    const objects = synth();
    const ping = podSpec(find(objects, 'Job', 'ping-google')).containers[0];
    const trace = podSpec(find(objects, 'Job', 'traceroute-google')).containers[0];
    expect(ping.image).toEqual('alpine:3.8.5');
    expect(ping.command).toEqual(['/bin/sh', '-c', 'ping -W $(TTW) -w 30 $(TARGET)']);
    expect(trace.command).toEqual(['/bin/sh', '-c', 'traceroute -w $(TTW) -m $(MAX_HOPS) $(TARGET)']);
  });

  test('defines every variable the commands reference, from the ConfigMap keys', () => {
    for (const job of synth().filter((o: Json) => o.kind === 'Job')) {
      const c = podSpec(job).containers[0];
      const defined = new Map(c.env.map((e: Json) => [e.name, e.valueFrom.configMapKeyRef]));
      const referenced = [...c.command[2].matchAll(/\$\(([A-Z_]+)\)/g)].map((m) => m[1]);
      for (const name of referenced) {
        expect(defined.get(name)).toEqual(expect.objectContaining({ name: 'target-google' }));
      }
      expect(defined.get('MAX_HOPS')).toEqual({ name: 'target-google', key: 'max-hops' });
    }
  });

  test('makes one ConfigMap and two Jobs per configured target', () => {
    const objects = synth({
      targets: [
        { name: 'google', host: 'google.com' },
        { name: 'cloudflare', host: '1.1.1.1', ttw: 2, maxHops: 10 },
      ],
    });
    expect(objects.map((o: Json) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/target-google',
      'Job/ping-google',
      'Job/traceroute-google',
      'ConfigMap/target-cloudflare',
      'Job/ping-cloudflare',
      'Job/traceroute-cloudflare',
    ]);
    expect(find(objects, 'ConfigMap', 'target-cloudflare').data).toEqual({
      target: '1.1.1.1',
      ttw: '2',
      'max-hops': '10',
    });
  });

  test('runs ping and traceroute as root with NET_RAW only, without an API token', () => {
    const spec = podSpec(find(synth(), 'Job', 'ping-google'));
    expect(spec.containers[0].securityContext.capabilities.drop).not.toContain('NET_RAW');
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.restartPolicy).toEqual('Never');
  });

  test('fails on duplicate target names', () => {
    expect(() =>
      synth({
        targets: [
          { name: 'a', host: 'a.com' },
          { name: 'a', host: 'b.com' },
        ],
      }),
    ).toThrow('targets[1].name must be unique among the targets, got "a" (at shared-config-jobs/SharedConfigJobs)');
  });

  test('fails on an empty target list', () => {
    expect(() => synth({ targets: [] })).toThrow(
      'targets must be a list of at least one target, got [] (at shared-config-jobs/SharedConfigJobs)',
    );
  });

  test('fails on a target name that would make an invalid object name', () => {
    expect(() => synth({ targets: [{ name: 'Google', host: 'google.com' }] })).toThrow(
      'targets[0].name must be a DNS label',
    );
  });

  test('fails on a zero ttw', () => {
    expect(() => synth({ targets: [{ name: 'g', host: 'google.com', ttw: 0 }] })).toThrow(
      'targets[0].ttw must be a positive integer, got 0 (at shared-config-jobs/SharedConfigJobs)',
    );
  });

  test('fails on restartPolicy Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      'restartPolicy must be Never or OnFailure for a Job, got "Always"',
    );
  });
});
