import { ConfigVolumeJob } from '../lib/config-volume-job';
import { exerciseChart, find, podSpec } from './util';

function synth(props = {}) {
  const chart = exerciseChart('config-volume-job');
  new ConfigVolumeJob(chart, 'ConfigVolumeJob', props);
  return chart.toJson();
}

describe('ConfigVolumeJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test("creates ConfigMap not-secret-config with the workshop's three keys", () => {
    expect(find(synth(), 'ConfigMap', 'not-secret-config').data).toEqual({
      username: 'Jeff',
      password: 'TeachesThisClass',
      endpoint: 'http://localhost:8080/login',
    });
  });

  test('mounts it at /etc/not-secret in container explorer, whose command ends by printing the username', () => {
    const spec = podSpec(find(synth(), 'Job', 'volume-mount-explorer'));
    expect(spec.volumes).toEqual([{ name: 'not-secret-config', configMap: { name: 'not-secret-config' } }]);
    const [explorer] = spec.containers;
    expect(explorer.name).toEqual('explorer');
    expect(explorer.image).toEqual('alpine:3.8.5');
    expect(explorer.command).toEqual(['/bin/sh', '-c', 'ls -al /etc/not-secret; cat /etc/not-secret/username']);
    expect(explorer.volumeMounts).toEqual([
      { name: 'not-secret-config', mountPath: '/etc/not-secret', readOnly: true },
    ]);
  });

  test('runs as nobody with no capabilities on a read-only root filesystem', () => {
    const sc = podSpec(find(synth(), 'Job', 'volume-mount-explorer')).containers[0].securityContext;
    expect(sc).toEqual(
      expect.objectContaining({
        runAsNonRoot: true,
        runAsUser: 65534,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      }),
    );
  });

  test('takes the values from props', () => {
    expect(find(synth({ username: 'Ada' }), 'ConfigMap', 'not-secret-config').data.username).toEqual('Ada');
  });

  test('fails on restartPolicy Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      'restartPolicy must be Never or OnFailure for a Job, got "Always" (at config-volume-job/ConfigVolumeJob)',
    );
  });
});
