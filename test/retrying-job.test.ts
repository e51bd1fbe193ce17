import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { RetryingJob } from '../lib/retrying-job';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, podSpec, tempDir } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('retrying-job');
  new RetryingJob(chart, 'RetryingJob', props);
  return chart.toJson();
}

const KEYVALUE = { exitCodeSource: 'keyvalue', keyvalueAuthKey: 'ab12cd34' };

describe('RetryingJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs Job demo-job with backoffLimit 4, ttlSecondsAfterFinished 180 and a new pod per attempt', () => {
    const job = find(synth(), 'Job', 'demo-job');
    expect(job.spec.backoffLimit).toEqual(4);
    expect(job.spec.ttlSecondsAfterFinished).toEqual(180);
    expect(podSpec(job).restartPolicy).toEqual('Never');
  });

  test('keeps the exit code in ConfigMap demo-job-exit-code, starting at 1, mounted into bashtask', () => {
    const objects = synth();
    expect(find(objects, 'ConfigMap', 'demo-job-exit-code').data).toEqual({ code: '1' });
    const spec = podSpec(find(objects, 'Job', 'demo-job'));
    const [c] = spec.containers;
    expect(c.name).toEqual('bashtask');
    expect(c.image).toEqual('bash:5.2.37');
    expect(c.command.slice(0, 2)).toEqual(['/usr/local/bin/bash', '-c']);
    expect(c.command[2]).toMatch(/^CODE=\$\(cat \/etc\/demo-job\/code\)\n/);
    expect(c.volumeMounts).toEqual([{ name: 'exit-code', mountPath: '/etc/demo-job', readOnly: true }]);
    expect(spec.volumes).toEqual([{ name: 'exit-code', configMap: { name: 'demo-job-exit-code' } }]);
  });

  test('exits with the code in the mounted file, and with 2 for anything that is not an exit code', () => {
    const script: string = podSpec(find(synth(), 'Job', 'demo-job')).containers[0].command[2];
    const dir = tempDir();
    const run = (code: string) => {
      fs.writeFileSync(path.join(dir, 'code'), code);
      return spawnSync('bash', ['-c', script.replace('/etc/demo-job/code', path.join(dir, 'code'))], {
        encoding: 'utf-8',
        env: { SOURCE: 'test' },
      });
    };
    expect(run('1').status).toEqual(1);
    expect(run('0').status).toEqual(0);
    expect(run('3\n').status).toEqual(3);
    expect(run('abc').status).toEqual(2);
    expect(run('abc').stdout).toContain('not a number');
    expect(run('300').status).toEqual(2);
    expect(run('1').stdout).toContain("exit code from test is '1'");
  });

  test('starts the ConfigMap at initialExitCode', () => {
    expect(find(synth({ initialExitCode: 0 }), 'ConfigMap', 'demo-job-exit-code').data).toEqual({ code: '0' });
  });

  test('reads the code from keyvalue.immanuel.co with the curl image, the key from a Secret', () => {
    const objects = synth({ ...KEYVALUE, keyvalueRecord: 'job-ada' });
    expect(objects.map((o: Json) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Secret/demo-job-keyvalue',
      'Job/demo-job',
    ]);
    expect(Buffer.from(find(objects, 'Secret', 'demo-job-keyvalue').data.authkey, 'base64').toString()).toEqual(
      'ab12cd34',
    );
    const [c] = podSpec(find(objects, 'Job', 'demo-job')).containers;
    expect(c.image).toEqual('curlimages/curl:8.21.0');
    expect(c.command[2]).toMatch(
      /^CODE=\$\(curl -fsS "\$KEYVALUE_URL\/GetValue\/\$AUTHKEY\/\$RECORD" \| tr -d '"'\)\n/,
    );
    expect(c.command[2]).not.toContain('apk');
    expect(c.env).toEqual(
      expect.arrayContaining([
        { name: 'KEYVALUE_URL', value: 'https://keyvalue.immanuel.co/api/KeyVal' },
        { name: 'RECORD', value: 'job-ada' },
        { name: 'AUTHKEY', valueFrom: { secretKeyRef: { name: 'demo-job-keyvalue', key: 'authkey' } } },
      ]),
    );
  });

  test('passes every validation rule with either source, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
    expect(validationFindings(synth(KEYVALUE))).toEqual([]);
  });

  test('fails when the keyvalue source has no auth key', () => {
    expect(() => synth({ exitCodeSource: 'keyvalue' })).toThrow(
      'keyvalueAuthKey must be set when exitCodeSource is "keyvalue" (get one with `curl https://keyvalue.immanuel.co/api/KeyVal/GetAppKey`), got (unset) (at retrying-job/RetryingJob)',
    );
  });

  test('fails when keyvalue settings come with the configmap source', () => {
    expect(() => synth({ keyvalueAuthKey: 'ab12cd34' })).toThrow(
      'keyvalueAuthKey must be unset when exitCodeSource is "configmap" (it only applies to "keyvalue"), got "ab12cd34" (at retrying-job/RetryingJob)',
    );
    expect(() => synth({ keyvalueRecord: 'job-ada' })).toThrow(
      'keyvalueRecord must be unset when exitCodeSource is "configmap" (it only applies to "keyvalue"), got "job-ada" (at retrying-job/RetryingJob)',
    );
  });

  test('fails when initialExitCode comes with the keyvalue source', () => {
    expect(() => synth({ ...KEYVALUE, initialExitCode: 0 })).toThrow(
      'initialExitCode must be unset when exitCodeSource is "keyvalue" (the keyvalue record holds the code), got 0 (at retrying-job/RetryingJob)',
    );
  });

  test('fails when the auth key or the record could break the URL', () => {
    expect(() => synth({ ...KEYVALUE, keyvalueAuthKey: '"ab12cd34"' })).toThrow(
      'keyvalueAuthKey must be letters and digits (the 8 characters inside the quotes GetAppKey returns), got "\\"ab12cd34\\"" (at retrying-job/RetryingJob)',
    );
    expect(() => synth({ ...KEYVALUE, keyvalueRecord: 'job/ada' })).toThrow(
      "keyvalueRecord must be letters, digits, '.', '_' or '-', got \"job/ada\" (at retrying-job/RetryingJob)",
    );
  });

  test('fails on an unknown exit code source', () => {
    expect(() => synth({ exitCodeSource: 'redis' })).toThrow(
      'exitCodeSource must be configmap or keyvalue, got "redis" (at retrying-job/RetryingJob)',
    );
  });

  test('fails when initialExitCode is not an exit code', () => {
    expect(() => synth({ initialExitCode: 256 })).toThrow(
      'initialExitCode must be an integer from 0 to 255, got 256 (at retrying-job/RetryingJob)',
    );
  });

  test('fails when backoffLimit is negative', () => {
    expect(() => synth({ backoffLimit: -1 })).toThrow(
      'backoffLimit must be a non-negative integer, got -1 (at retrying-job/RetryingJob)',
    );
  });
});
