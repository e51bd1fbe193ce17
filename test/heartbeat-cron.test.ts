import { HeartbeatCron } from '../lib/heartbeat-cron';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { exerciseChart, find, podSpec, tempDir } from './util';

function synth(props = {}) {
  const chart = exerciseChart('heartbeat-cron');
  new HeartbeatCron(chart, 'HeartbeatCron', props);
  return chart.toJson();
}

const decode = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf-8')]));

describe('HeartbeatCron', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test("creates Secret pretty-secret-config with the workshop's base64 values", () => {
    const secret = find(synth(), 'Secret', 'pretty-secret-config');
    expect(secret.data).toEqual({
      username: 'SmVmZg==',
      password: 'VGVhY2hlc1RoaXNDbGFzcw==',
      endpoint: 'aHR0cDovL2xvY2FsaG9zdDo4MDgwL2xvZ2lu',
    });
  });

  test('runs CronJob login-heartbeat (batch/v1) every minute', () => {
    const cron = find(synth(), 'CronJob', 'login-heartbeat');
    expect(cron.apiVersion).toEqual('batch/v1');
    expect(cron.spec.schedule).toEqual('* * * * *');
    expect(cron.spec.concurrencyPolicy).toEqual('Forbid');
  });

  test('labels the Jobs it creates like every other object of the exercise (kubectl get jobs -l ...)', () => {
    const cron = find(synth(), 'CronJob', 'login-heartbeat');
    expect(cron.spec.jobTemplate.metadata.labels).toEqual({
      'app.kubernetes.io/part-of': 'k8s-workshop',
      'app.kubernetes.io/managed-by': 'cdk8s',
      'k8s-workshop/exercise': 'heartbeat-cron',
    });
  });

  test('mounts the Secret at /run/secret/ and echoes username and endpoint', () => {
    const spec = podSpec(find(synth(), 'CronJob', 'login-heartbeat'));
    expect(spec.volumes).toEqual([{ name: 'pretty-secret-config', secret: { secretName: 'pretty-secret-config' } }]);
    expect(spec.containers[0].volumeMounts[0].mountPath).toEqual('/run/secret/');
    expect(spec.containers[0].command).toEqual([
      '/bin/sh',
      '-c',
      'echo "$(cat /run/secret/username) has logged into $(cat /run/secret/endpoint)"',
    ]);
    expect(spec.containers[0].image).toEqual('alpine:3.8.5');
    expect(spec.restartPolicy).toEqual('Never');
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test("prints the secret's values as they are: a username * is not expanded into file names, spaces are kept", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'username'), '*');
    fs.writeFileSync(path.join(dir, 'endpoint'), 'http://x/  two  spaces');
    fs.writeFileSync(path.join(dir, 'a-file-the-glob-would-list'), '');
    const [, , script] = podSpec(find(synth(), 'CronJob', 'login-heartbeat')).containers[0].command;
    const out = spawnSync('/bin/sh', ['-c', script.split('/run/secret/').join(`${dir}/`)], {
      cwd: dir,
      encoding: 'utf-8',
    });
    expect(out.stdout).toEqual('* has logged into http://x/  two  spaces\n');
  });

  test('takes secret values from props', () => {
    const secret = find(synth({ username: 'ada', password: 's3cret' }), 'Secret', 'pretty-secret-config');
    expect(decode(secret.data)).toEqual({
      username: 'ada',
      password: 's3cret',
      endpoint: 'http://localhost:8080/login',
    });
  });

  test('fails on a schedule with a seconds field', () => {
    expect(() => synth({ schedule: '0 * * * * *' })).toThrow(
      /^schedule must be a cron schedule the CronJob controller accepts.*; expected exactly 5 fields, found 6: .*got "0 \* \* \* \* \*" \(at heartbeat-cron\/HeartbeatCron\)$/,
    );
  });

  test('fails on a negative history limit', () => {
    expect(() => synth({ successfulJobsHistoryLimit: -1 })).toThrow(
      'successfulJobsHistoryLimit must be a non-negative integer, got -1 (at heartbeat-cron/HeartbeatCron)',
    );
  });
});
