import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, MAX_PROBLEMS } from '../src/errors';
import {
  applyEnvironment,
  ConfigOptions,
  loadWorkshopConfig,
  MAX_CONFIG_BYTES,
  parseWorkshopConfig,
  synthSettings,
} from '../src/config';
import { redact, showValue } from '../src/show';
import { ROOT, tempDir } from './util';

function problems(text: string, options: ConfigOptions = {}): string[] {
  try {
    parseWorkshopConfig(text, 'workshop.yaml', options);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('workshop config', () => {
  test('loads the shipped workshop.yaml', () => {
    const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
    expect(config.namespace).toEqual('workshop-day2-solutions');
    expect(config.arch).toBeUndefined();
    expect(config.kuardImage).toBeUndefined();
    expect(config.exercises?.votingApp?.postgresImage).toEqual('postgres:9.4.26');
  });

  test('accepts an empty file: every setting has a default', () => {
    expect(parseWorkshopConfig('', 'workshop.yaml')).toEqual({});
  });

  test('fails on a namespace that is not a DNS label, naming file, line, field and value', () => {
    expect(problems('namespace: Workshop_Day2\n')).toEqual([
      'workshop.yaml:1:12: namespace must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "Workshop_Day2"',
    ]);
  });

  test('fails on restartPolicy Always for the trace job', () => {
    expect(problems('exercises:\n  traceJob:\n    restartPolicy: Always\n')).toEqual([
      'workshop.yaml:3:20: exercises.traceJob.restartPolicy must be one of Never, OnFailure, got "Always"',
    ]);
  });

  test('fails on a negative backoffLimit', () => {
    expect(problems('exercises:\n  traceJob:\n    backoffLimit: -2\n')).toEqual([
      'workshop.yaml:3:19: exercises.traceJob.backoffLimit must be >= 0, got -2',
    ]);
  });

  test('fails on a TTL that is not a number', () => {
    expect(problems('exercises:\n  traceJob:\n    ttlSecondsAfterFinished: soon\n')).toEqual([
      'workshop.yaml:3:30: exercises.traceJob.ttlSecondsAfterFinished must be an integer, got "soon"',
    ]);
  });

  test('fails on a bad image reference and a bad target host', () => {
    expect(problems('exercises:\n  traceJob:\n    image: "alpine 3.8"\n    target: "-bad host"\n')).toEqual([
      'workshop.yaml:3:12: exercises.traceJob.image must be a container image reference such as alpine:3.8, got "alpine 3.8"',
      'workshop.yaml:4:13: exercises.traceJob.target must be a host name or IP address, got "-bad host"',
    ]);
  });

  test('fails on an unknown setting, so a typo is not silently ignored', () => {
    expect(problems('exercises:\n  traceJob:\n    restartPolicyy: Never\n')).toEqual([
      'workshop.yaml:3:5: exercises.traceJob.restartPolicyy is not a known setting (did you mean restartPolicy?)',
    ]);
  });

  test('fails on an architecture it has no images for', () => {
    expect(problems('arch: arm\n')).toEqual(['workshop.yaml:1:7: arch must be one of amd64, arm64, got "arm"']);
  });

  test('fails on a bad Pod Security level', () => {
    expect(problems('podSecurity:\n  enforce: strict\n')).toEqual([
      'workshop.yaml:2:12: podSecurity.enforce must be one of privileged, baseline, restricted, got "strict"',
    ]);
  });

  test('reports every problem at once', () => {
    expect(
      problems('namespace: X\nexercises:\n  traceJob:\n    backoffLimit: -1\n    restartPolicy: Always\n'),
    ).toHaveLength(3);
  });

  test('fails on text that is not YAML', () => {
    expect(problems('namespace: [unclosed\n')[0]).toMatch(/^workshop\.yaml:\d+:\d+: not valid YAML: /);
  });

  test('fails on a missing file, naming it and the WORKSHOP_CONFIG variable', () => {
    const file = path.join(tempDir(), 'nope.yaml');
    expect(() => loadWorkshopConfig(file)).toThrow(`${file}: cannot read the workshop config`);
    expect(() => loadWorkshopConfig(file)).toThrow('set WORKSHOP_CONFIG to its path');
    expect(fs.existsSync(file)).toBe(false);
  });

  test('fails on duplicate target names, pointing at the second one', () => {
    expect(
      problems(
        'exercises:\n  sharedConfigJobs:\n    targets:\n      - { name: google, host: google.com }\n      - { name: google, host: google.de }\n',
      ),
    ).toEqual([
      'workshop.yaml:5:17: exercises.sharedConfigJobs.targets[1].name must be unique, got "google" again (first at exercises.sharedConfigJobs.targets[0])',
    ]);
  });

  test('fails on a target without a host', () => {
    expect(problems('exercises:\n  sharedConfigJobs:\n    targets:\n      - name: google\n')).toEqual([
      'workshop.yaml:4:9: exercises.sharedConfigJobs.targets[0].host is required',
    ]);
  });

  test('fails on a NodePort outside the NodePort range', () => {
    expect(problems('exercises:\n  votingApp:\n    voteNodePort: 80\n')).toEqual([
      'workshop.yaml:3:19: exercises.votingApp.voteNodePort must be >= 30000, got 80',
    ]);
  });

  test('fails on a storage size that is not a quantity', () => {
    expect(problems('exercises:\n  votingApp:\n    storageSize: lots\n')).toEqual([
      'workshop.yaml:3:18: exercises.votingApp.storageSize must be a Kubernetes quantity such as 100m, 64Mi, 1Gi, 1e3 or 1.5, got "lots"',
    ]);
  });

  test('fails on a StorageClass name that is not a DNS subdomain, and takes one with dots', () => {
    expect(problems('exercises:\n  votingApp:\n    storageClassName: Fast_SSD\n')).toEqual([
      "workshop.yaml:3:23: exercises.votingApp.storageClassName must be a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters), got \"Fast_SSD\"",
    ]);
    expect(
      parseWorkshopConfig('exercises:\n  votingApp:\n    storageClassName: fast.ssd\n', 'workshop.yaml').exercises
        ?.votingApp?.storageClassName,
    ).toEqual('fast.ssd');
  });

  test('accepts every quantity the API server accepts (1e3, 1P, +1)', () => {
    expect(() =>
      parseWorkshopConfig(
        'studentQuota:\n  requestsCpu: "+1"\n  requestsMemory: "1e3"\n  limitsMemory: 1P\n',
        'workshop.yaml',
      ),
    ).not.toThrow();
  });

  test('fails on an override of a rule synth does not have, listing the rules it has', () => {
    const text =
      'validation:\n  overrides:\n    - rule: shcema\n      severity: off\n      reason: a typo in the rule id\n';
    expect(problems(text, { ruleIds: ['schema', 'resources'] })).toEqual([
      'workshop.yaml:3:13: validation.overrides[0].rule must be one of schema, resources, got "shcema"',
    ]);
    // Without rule ids (the config module alone knows no rules) the id is not checked.
    expect(() => parseWorkshopConfig(text, 'workshop.yaml')).not.toThrow();
  });

  test('fails on an empty secret value', () => {
    expect(problems('exercises:\n  heartbeatCron:\n    password: ""\n')).toEqual([
      'workshop.yaml:3:15: exercises.heartbeatCron.password must be a non-empty string, got ""',
    ]);
  });

  test('takes heartbeat secret values from the environment over the file', () => {
    const config = parseWorkshopConfig(
      'exercises:\n  heartbeatCron:\n    username: Jeff\n    schedule: "*/5 * * * *"\n',
      'workshop.yaml',
    );
    const applied = applyEnvironment(config, { WORKSHOP_HEARTBEAT_USERNAME: 'ada', WORKSHOP_HEARTBEAT_PASSWORD: 'pw' });
    expect(applied.exercises?.heartbeatCron).toEqual({ username: 'ada', password: 'pw', schedule: '*/5 * * * *' });
    expect(config.exercises?.heartbeatCron?.username).toEqual('Jeff');
    expect(applyEnvironment(config, {})).toBe(config);
  });

  test('fails on an empty secret environment variable, naming it', () => {
    expect(() => applyEnvironment({}, { WORKSHOP_HEARTBEAT_PASSWORD: ' ' })).toThrow(
      'environment variable WORKSHOP_HEARTBEAT_PASSWORD must not be empty when set, got " "',
    );
  });
  // Job patterns: each value the Job controller or the construct would refuse, named with its line.
  test.each([
    [
      'oneShotJob',
      'restartPolicy: Always',
      'workshop.yaml:3:20: exercises.oneShotJob.restartPolicy must be one of Never, OnFailure, got "Always"',
    ],
    [
      'oneShotJob',
      'failingVariant: "yes"',
      'workshop.yaml:3:21: exercises.oneShotJob.failingVariant must be a boolean, got "yes"',
    ],
    ['parallelJob', 'completions: 0', 'workshop.yaml:3:18: exercises.parallelJob.completions must be >= 1, got 0'],
    ['parallelJob', 'parallelism: -5', 'workshop.yaml:3:18: exercises.parallelJob.parallelism must be >= 1, got -5'],
    [
      'workQueue',
      'queueName: Key_Gen',
      'workshop.yaml:3:16: exercises.workQueue.queueName must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "Key_Gen"',
    ],
    ['workQueue', 'workItems: 0', 'workshop.yaml:3:16: exercises.workQueue.workItems must be >= 1, got 0'],
    ['factorialJob', 'n: 5000', 'workshop.yaml:3:8: exercises.factorialJob.n must be <= 1000, got 5000'],
    [
      'factorialJob',
      'restartPolicy: Always',
      'workshop.yaml:3:20: exercises.factorialJob.restartPolicy must be one of Never, OnFailure, got "Always"',
    ],
    ['probesPod', 'healthySeconds: 0', 'workshop.yaml:3:21: exercises.probesPod.healthySeconds must be >= 1, got 0'],
    [
      'retryingJob',
      'exitCodeSource: web',
      'workshop.yaml:3:21: exercises.retryingJob.exitCodeSource must be one of configmap, keyvalue, got "web"',
    ],
    [
      'retryingJob',
      'initialExitCode: 256',
      'workshop.yaml:3:22: exercises.retryingJob.initialExitCode must be <= 255, got 256',
    ],
    [
      'periodicJob',
      'concurrencyPolicy: Sometimes',
      'workshop.yaml:3:24: exercises.periodicJob.concurrencyPolicy must be one of Allow, Forbid, Replace, got "Sometimes"',
    ],
    [
      'periodicJob',
      'startingDeadlineSeconds: 5',
      'workshop.yaml:3:30: exercises.periodicJob.startingDeadlineSeconds must be >= 10, got 5',
    ],
  ])('fails on %s %s', (exercise, line, message) => {
    expect(problems(`exercises:\n  ${exercise}:\n    ${line}\n`)).toEqual([message]);
  });

  test("takes the demo job keyvalue key from the environment, keeping the file's other settings", () => {
    const config = parseWorkshopConfig('exercises:\n  retryingJob:\n    exitCodeSource: keyvalue\n', 'workshop.yaml');
    const applied = applyEnvironment(config, { WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY: 'abcd1234' });
    expect(applied.exercises?.retryingJob).toEqual({ exitCodeSource: 'keyvalue', keyvalueAuthKey: 'abcd1234' });
    expect(applied.exercises?.heartbeatCron).toBeUndefined();
  });
});

describe('workshop config from a careless or hostile hand', () => {
  test('fails on an empty class: students: [] would synthesize nothing and exit 0', () => {
    expect(problems('students: []\n')).toEqual([
      'workshop.yaml:1:1: students must not be empty (leave students out for one workshop namespace), got []',
    ]);
  });

  test('fails on an integer past 2^53 instead of silently rounding it', () => {
    expect(problems('exercises:\n  parallelJob:\n    completions: 9007199254740993\n')).toEqual([
      'workshop.yaml:3:18: exercises.parallelJob.completions must be an integer from -(2^53-1) to 2^53-1 (larger ones lose digits), got 9007199254740993',
    ]);
  });

  test('names 1e400 and .nan as written, not as null', () => {
    expect(problems('exercises:\n  parallelJob:\n    completions: 1e400\n')).toEqual([
      'workshop.yaml:3:18: exercises.parallelJob.completions must be an integer, got 1e400 (too large for a number: .inf)',
    ]);
    expect(problems('exercises:\n  parallelJob:\n    completions: .nan\n')).toEqual([
      'workshop.yaml:3:18: exercises.parallelJob.completions must be an integer, got .nan (not a number)',
    ]);
  });

  test('suggests the setting a misspelled key was meant to be', () => {
    expect(problems('namespce: class-a\n')).toEqual([
      'workshop.yaml:1:1: namespce is not a known setting (did you mean namespace?)',
    ]);
    expect(problems('exercises:\n  traceJob:\n    restartPolcy: Never\n')).toEqual([
      'workshop.yaml:3:5: exercises.traceJob.restartPolcy is not a known setting (did you mean restartPolicy?)',
    ]);
  });

  test('lists at most MAX_PROBLEMS problems, in file order, and counts the rest', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `key${i}: ${i}\n`).join('');
    let error: ConfigError | undefined;
    try {
      parseWorkshopConfig(text, 'workshop.yaml');
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.total).toEqual(2000);
    const lines = error!.message.split('\n');
    expect(lines).toHaveLength(1 + MAX_PROBLEMS + 1);
    expect(lines[1]).toEqual('  workshop.yaml:1:1: key0 is not a known setting');
    expect(lines[MAX_PROBLEMS]).toEqual(
      `  workshop.yaml:${MAX_PROBLEMS}:1: key${MAX_PROBLEMS - 1} is not a known setting`,
    );
    expect(lines[MAX_PROBLEMS + 1]).toEqual(`  ... and ${2000 - MAX_PROBLEMS} more`);
  });

  test('shortens a long bad value, so a huge one cannot flood the terminal', () => {
    const [problem] = problems(`namespace: ${'A'.repeat(100_000)}\n`);
    expect(problem).toMatch(
      /^workshop\.yaml:1:12: namespace must be a DNS label .*, got "A{80}"\.\.\. \(100000 characters\)$/,
    );
    expect(problem.length).toBeLessThan(300);
  });

  test('fails on a key given twice, pointing at the second', () => {
    expect(problems('namespace: a\nnamespace: b\n')).toEqual([
      'workshop.yaml:2:1: namespace is set twice (a YAML map key must be unique)',
    ]);
  });

  test('refuses a file larger than a workshop config can be without parsing it', () => {
    const file = path.join(tempDir(), 'huge.yaml');
    fs.writeFileSync(file, `namespace: ${'a'.repeat(2 * 1024 * 1024)}\n`);
    expect(() => loadWorkshopConfig(file)).toThrow(
      `${file}: is ${2 * 1024 * 1024 + 12} bytes, more than a workshop config can be (at most ${MAX_CONFIG_BYTES} bytes)`,
    );
  });

  test("fails on aliases that expand past the yaml library's limit, without a stack trace", () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(problems(`${lines.join('\n')}\n`)[0]).toMatch(/^workshop\.yaml: not a usable YAML document: .*alias/i);
  });

  test('fails on an empty WORKSHOP_CONFIG or CDK8S_OUTDIR, naming the variable', () => {
    expect(() => synthSettings({ WORKSHOP_CONFIG: '' })).toThrow(
      'invalid settings in the environment:\n  environment variable WORKSHOP_CONFIG is set but empty, got ""; unset it to read workshop.yaml, or set it to a config file',
    );
    expect(() => synthSettings({ CDK8S_OUTDIR: ' ' })).toThrow('environment variable CDK8S_OUTDIR is set but empty');
    expect(synthSettings({})).toEqual({ configFile: 'workshop.yaml', outdir: 'dist' });
  });

  test('fails on a resultNodePort that fleet mode would silently replace', () => {
    expect(problems('students: [alice]\nexercises:\n  votingApp:\n    resultNodePort: 31500\n')).toEqual([
      'workshop.yaml:4:21: exercises.votingApp.resultNodePort must be exercises.votingApp.voteNodePort + 1 (31001) with students: student i gets voteNodePort + 2i + 1, got 31500; remove it or set it to 31001',
    ]);
    expect(() =>
      parseWorkshopConfig(
        'students: [alice]\nexercises:\n  votingApp:\n    voteNodePort: 31000\n    resultNodePort: 31001\n',
        'workshop.yaml',
      ),
    ).not.toThrow();
  });
});

describe('secrets from the environment', () => {
  const KEYVALUE = parseWorkshopConfig('exercises:\n  retryingJob:\n    exitCodeSource: keyvalue\n', 'workshop.yaml');

  test('a bad secret names the variable, not the file, and never shows the value', () => {
    let message = '';
    try {
      applyEnvironment(KEYVALUE, { WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY: 'hunter2 with spaces' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toEqual(
      'invalid settings in the environment:\n  environment variable WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY: ' +
        'exercises.retryingJob.keyvalueAuthKey must be letters and digits (the key GetAppKey returns), got a value of 19 characters (hidden: it is a secret)',
    );
  });

  test('fails on a secret variable that is not valid UTF-8 instead of storing U+FFFD', () => {
    expect(() => applyEnvironment({}, { WORKSHOP_HEARTBEAT_PASSWORD: 'pass\uFFFDword' })).toThrow(
      'environment variable WORKSHOP_HEARTBEAT_PASSWORD must be UTF-8 text, got bytes that are not (shown as U+FFFD at character 5 of 9; value hidden: it is a secret)',
    );
  });

  test('redacts secret values, plain and base64, from anything printed', () => {
    const b64 = Buffer.from('s3cr3t!').toString('base64');
    expect(redact(`got "s3cr3t!" and ${b64} (at x)`, ['s3cr3t!'])).toEqual('got "***" and *** (at x)');
  });

  test('redacts the longest secret first, short secrets too, and the start of a secret a long value was cut at', () => {
    expect(redact('user jeff, password jeff-Pa55word!', ['jeff', 'jeff-Pa55word!'])).toEqual('user ***, password ***');
    expect(redact('pin 123 given', ['123'])).toEqual('pin *** given');
    const secret = 'S3cret-that-is-long-enough-to-cross-the-cut';
    const value = `${'x'.repeat(70)}${secret}`;
    const shown = showValue(value);
    expect(shown).toContain('S3cret-tha');
    const out = redact(`got ${shown}`, [secret]);
    expect(out).toEqual(`got ${JSON.stringify(`${'x'.repeat(70)}***`)}... (${value.length} characters)`);
    expect(out).not.toMatch(/S3c/);
  });

  test('redacts a secret with quotes and backslashes as a message quotes it, and as a JSON report holds that message', () => {
    const secret = 'pa"ss\\word';
    const message = `password must be at least 8 characters, got ${JSON.stringify(secret)}`;
    expect(redact(message, [secret])).toEqual('password must be at least 8 characters, got "***"');
    const report = JSON.stringify({ message });
    expect(redact(report, [secret])).toEqual(
      JSON.stringify({ message: 'password must be at least 8 characters, got "***"' }),
    );
  });
});

describe('workshop config: beyond the issue', () => {
  test('escapes control and bidirectional characters, so a value cannot rewrite the terminal line', () => {
    expect(problems('namespace: "evil\\u202Eexe.txt\\u009b31m"\n')).toEqual([
      'workshop.yaml:1:12: namespace must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "evil\\u202eexe.txt\\u009b31m"',
    ]);
    expect(problems('"\\u202Ekey": 1\n')).toEqual(['workshop.yaml:1:1: "\\u202ekey" is not a known setting']);
  });

  test('fails on a file that is not UTF-8, naming the line, instead of storing U+FFFD', () => {
    const file = path.join(tempDir(), 'latin1.yaml');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('exercises:\n  configVolumeJob:\n    username: J'),
        Buffer.from([0xe9]),
        Buffer.from('r\n'),
      ]),
    );
    expect(() => loadWorkshopConfig(file)).toThrow(`${file}:3:16: not UTF-8 text (byte 0xe9); save the file as UTF-8`);
  });

  test.each(['kube-system', 'kube-public', 'kube-node-lease', 'default'])(
    "fails on the cluster's own namespace %s",
    (ns) => {
      expect(problems(`namespace: ${ns}\n`)).toEqual([
        `workshop.yaml:1:12: namespace must not be a namespace the cluster itself uses (default, kube-*), got "${ns}": the workshop sets its Pod Security labels and is removed with kubectl delete ns`,
      ]);
    },
  );
});
