import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { EXERCISES, exerciseAt, Workshop } from '../lib/workshop';
import {
  exerciseLabels,
  EXERCISE_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  PART_OF_LABEL,
  PART_OF_VALUE,
} from '../lib/labels';
import { loadWorkshopConfig } from '../src/config';
import { bundleOf, ChartOutput, synthWorkshop, toFiles } from '../src/synth';
import { formatFinding } from '../src/show';
import { validateBundle } from '../src/validation/validate';
import { synthApp, SynthRun, WORKSHOP_YAML } from './synth-app';
import { ROOT, tempDir } from './util';
import type { Json } from '../src/json';

const APP = path.join(ROOT, 'scripts', 'app.js');

/** The objects of a YAML file (cdk8s's Yaml.load would start a node process to read it). */
function loadYaml(file: string): Json[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf-8'))
    .map((d) => d.toJS())
    .filter((o) => o !== null);
}

function snapshotOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) out[file] = fs.readFileSync(full, 'utf-8');
  }
  return out;
}

/** An output folder holding a previous synth, in a folder of its own. */
function previousOutput(): { dir: string; outdir: string } {
  const dir = tempDir();
  const outdir = path.join(dir, 'dist');
  fs.mkdirSync(outdir);
  fs.writeFileSync(path.join(outdir, '0001-previous.k8s.yaml'), 'kind: ConfigMap\n');
  return { dir, outdir };
}

/**
 * Runs the synth app with `configText` over an output folder that holds a previous synth, and
 * checks that a failure left that folder and its parent exactly as they were.
 */
async function failingSynth(
  configText: string,
  env: Record<string, string> = {},
): Promise<{ stderr: string; config: string }> {
  const { dir, outdir } = previousOutput();
  const config = path.join(dir, 'bad.yaml');
  fs.writeFileSync(config, configText);
  const before = snapshotOf(outdir);

  const result = await synthApp({ CDK8S_OUTDIR: outdir, WORKSHOP_CONFIG: config, ...env });

  expect(result.status).toBe(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(snapshotOf(outdir)).toEqual(before);
  expect(fs.readdirSync(dir).sort()).toEqual(['bad.yaml', 'dist']);
  return { stderr: result.stderr, config };
}

const config = loadWorkshopConfig(WORKSHOP_YAML);
/** The shipped workshop, synthesized once for the tests that only read it. */
let outputs: ChartOutput[];
beforeAll(() => {
  outputs = synthWorkshop(config);
});

describe('synth', () => {
  test('writes one YAML file per chart, the Namespace first', () => {
    const files = toFiles(outputs).map((f) => f.path);
    expect(files[0]).toEqual('0000-namespace.k8s.yaml');
    expect(files).toEqual([
      '0000-namespace.k8s.yaml',
      '0001-voting-app.k8s.yaml',
      '0002-trace-job.k8s.yaml',
      '0003-shared-config-jobs.k8s.yaml',
      '0004-config-volume-job.k8s.yaml',
      '0005-heartbeat-cron.k8s.yaml',
      '0006-service-accounts.k8s.yaml',
      '0007-one-shot-job.k8s.yaml',
      '0008-parallel-job.k8s.yaml',
      '0009-work-queue.k8s.yaml',
      '0010-work-queue-consumers.k8s.yaml',
      '0011-factorial-job.k8s.yaml',
      '0012-probes-pod.k8s.yaml',
      '0013-retrying-job.k8s.yaml',
      '0014-periodic-job.k8s.yaml',
    ]);
    expect(files.every((f) => /^\d{4}-[a-z0-9-]+\.k8s\.yaml$/.test(f))).toBe(true);
  });

  test('writes the work-queue loader only when workQueue.loader is on, last, so no other file number moves', () => {
    const plain = toFiles(outputs).map((f) => f.path);
    const withLoader = toFiles(
      synthWorkshop({ ...config, exercises: { ...config.exercises, workQueue: { loader: true } } }),
    ).map((f) => f.path);
    expect(plain.filter((f) => f.includes('loader'))).toEqual([]);
    expect(withLoader).toEqual([...plain, '0015-work-queue-loader.k8s.yaml']);
    // A construct's error names the section its settings came from.
    expect(exerciseAt('work-queue-loader/WorkQueueLoader')?.settingsKey).toEqual('workQueue');
    expect(exerciseAt('work-queue-consumers/WorkQueueConsumers')?.settingsKey).toEqual('workQueue');
  });

  test('gives every exercise one name: chart and file, lib/<name>.ts and its test, its construct class, and its workshop.yaml key', () => {
    const pascal = (name: string) =>
      name
        .split('-')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join('');
    const camel = (name: string) => pascal(name)[0].toLowerCase() + pascal(name).slice(1);
    const all = synthWorkshop({ ...config, exercises: { ...config.exercises, workQueue: { loader: true } } });
    for (const e of EXERCISES) {
      const chart = all.find((o) => o.chartId === e.name)!;
      expect(chart.bundle[0].constructPath?.split('/').slice(0, 2)).toEqual([e.name, pascal(e.name)]);
      expect(fs.readFileSync(path.join(ROOT, 'lib', `${e.name}.ts`), 'utf-8')).toContain(
        `export class ${pascal(e.name)} extends Construct`,
      );
      expect(fs.existsSync(path.join(ROOT, 'test', `${e.name}.test.ts`))).toBe(true);
      // The work queue's consumers and loader are parts of one exercise of the text, set under its key.
      expect(e.settingsKey).toEqual(e.name.startsWith('work-queue') ? 'workQueue' : camel(e.name));
    }
  });

  test('puts every namespaced object in the workshop namespace, which the first file creates', () => {
    const classA = synthWorkshop({ ...config, namespace: 'class-a' });
    expect(classA[0].objects).toEqual([
      expect.objectContaining({ kind: 'Namespace', metadata: expect.objectContaining({ name: 'class-a' }) }),
    ]);
    for (const o of classA.slice(1).flatMap((x) => x.objects)) {
      expect(`${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`).toEqual(
        `${o.kind}/${o.metadata.name} in class-a`,
      );
    }
  });

  test('labels every object, and the Jobs every CronJob creates, with part-of, managed-by and its exercise', () => {
    const unlabelled: string[] = [];
    for (const { objects } of outputs) {
      for (const o of objects) {
        const exercise = o.metadata.labels?.[EXERCISE_LABEL] ?? '(none)';
        // The Namespace holds every exercise and is no one exercise's.
        const expected: Record<string, string> =
          o.kind === 'Namespace'
            ? { [PART_OF_LABEL]: PART_OF_VALUE, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE }
            : exerciseLabels(exercise);
        const where: Array<[string, Json]> = [[`${o.kind}/${o.metadata.name}`, o.metadata]];
        if (o.kind === 'CronJob') where.push([`${o.kind}/${o.metadata.name} jobTemplate`, o.spec.jobTemplate.metadata]);
        for (const [name, metadata] of where) {
          if (!Object.entries(expected).every(([k, v]) => metadata?.labels?.[k] === v)) unlabelled.push(name);
        }
      }
    }
    expect(unlabelled).toEqual([]);
    expect(
      outputs
        .flatMap((o) => o.objects)
        .filter((o) => o.kind === 'CronJob')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['login-heartbeat', 'periodic-report']);
  });

  test('produces the files cdk8s App.synth() writes, byte for byte, each after a leading document marker', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    new Workshop(app, config);
    app.synth();
    const ours = Object.fromEntries(toFiles(outputs).map((f) => [f.path, f.content]));
    const theirs = Object.fromEntries(
      Object.entries(snapshotOf(outdir)).map(([file, content]) => [file, `---\n${content}`]),
    );
    expect(ours).toEqual(theirs);
  });

  test('the shipped workshop passes every validation rule: no errors, warnings or suppressed findings', () => {
    const report = validateBundle(bundleOf(outputs), { overrides: config.validation?.overrides });
    expect(report.errors.map(formatFinding)).toEqual([]);
    expect(report.warnings.map(formatFinding)).toEqual([]);
    expect(report.suppressed).toEqual([]);
    expect(report.totals.pods).toBeGreaterThan(20);
  });
});

describe('the synth app', () => {
  describe('on the shipped workshop, with a password from the environment', () => {
    const PASSWORD = 'Real-Passw0rd-from-CI';
    let dir: string;
    let run: SynthRun;
    beforeAll(async () => {
      dir = tempDir();
      run = await synthApp({
        CDK8S_OUTDIR: path.join(dir, 'dist'),
        WORKSHOP_CONFIG: WORKSHOP_YAML,
        WORKSHOP_HEARTBEAT_PASSWORD: PASSWORD,
      });
    });

    test('writes only manifests into the output folder and says so in one line', () => {
      expect(run.status).toBe(0);
      const files = Object.keys(snapshotOf(path.join(dir, 'dist')));
      expect(files.length).toBeGreaterThan(1);
      expect(files.filter((f) => !f.endsWith('.k8s.yaml'))).toEqual([]);
      expect(loadYaml(path.join(dir, 'dist', '0000-namespace.k8s.yaml'))[0].kind).toEqual('Namespace');
      expect(run.stdout).toEqual('');
      expect(run.stderr).toMatch(
        new RegExp(
          `^synthesized \\d+ objects in ${files.length} files into ${dir}/dist/; requests when everything runs at once: \\d+ pods, `,
        ),
      );
    });

    test('synthesizes it without a warning: every image is pinned and catalogued', () => {
      expect(run.stderr.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'dist', '0001-voting-app.k8s.yaml'), 'utf-8')).toContain(
        'image: dockersamples/examplevotingapp_vote:latest@sha256:7102d3b952ec84e3541ee12e7217e320c52aed60b13501c3158f46376a907466',
      );
    });

    test('puts the secret in dist/ only: never in what synth prints', () => {
      const secret = loadYaml(path.join(dir, 'dist', '0005-heartbeat-cron.k8s.yaml')).find(
        (o: Json) => o.kind === 'Secret',
      );
      expect(Buffer.from(secret.data.password, 'base64').toString()).toEqual(PASSWORD);
      expect(run.stderr).toMatch(/^synthesized /m);
      for (const form of [PASSWORD, Buffer.from(PASSWORD).toString('base64')])
        expect(run.stdout + run.stderr).not.toContain(form);
    });
  });

  test('fails on a bad config, naming field, value and file, and leaves the previous output untouched', async () => {
    const { stderr, config: bad } = await failingSynth('exercises:\n  traceJob:\n    restartPolicy: Always\n');
    expect(stderr).toContain(
      `${bad}:3:20: exercises.traceJob.restartPolicy must be one of Never, OnFailure, got "Always"`,
    );
  });

  test('warns that the profile was not checked when workshop.yaml names an image outside the catalogue', async () => {
    const dir = tempDir();
    const configFile = path.join(dir, 'workshop.yaml');
    fs.writeFileSync(configFile, 'exercises:\n  votingApp:\n    postgresImage: postgres:9.4.25\n');
    const result = await synthApp({ CDK8S_OUTDIR: path.join(dir, 'dist'), WORKSHOP_CONFIG: configFile });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${configFile}: exercises.votingApp.postgresImage is "postgres:9.4.25", which is not in the image catalogue (src/images.ts): its security profile was not checked for this image`,
    );
    expect(fs.readFileSync(path.join(dir, 'dist', '0001-voting-app.k8s.yaml'), 'utf-8')).toContain(
      'image: postgres:9.4.25',
    );
  });

  test('warns that arch is no longer used, and writes the same manifests as without it', async () => {
    const dir = tempDir();
    const configFile = path.join(dir, 'workshop.yaml');
    fs.writeFileSync(configFile, 'arch: arm64\n');
    const result = await synthApp({ CDK8S_OUTDIR: path.join(dir, 'dist'), WORKSHOP_CONFIG: configFile });
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([
      `warning: ${configFile}: arch is no longer used and can be removed: every image the workshop pulls is multi-arch ` +
        '(kuard, the one image published per architecture, is replaced by a program on the node image; see kuardImage)',
    ]);
    expect(fs.readFileSync(path.join(dir, 'dist', '0007-one-shot-job.k8s.yaml'), 'utf-8')).toContain(
      'image: node:24.19.0-alpine3.24',
    );
  });

  test('kuardImage runs a built kuard in every kuard exercise, with a warning that the catalogue does not know it', async () => {
    const dir = tempDir();
    const configFile = path.join(dir, 'workshop.yaml');
    fs.writeFileSync(configFile, 'kuardImage: kuard:a27b696\n');
    const result = await synthApp({ CDK8S_OUTDIR: path.join(dir, 'dist'), WORKSHOP_CONFIG: configFile });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `warning: ${configFile}: kuardImage is "kuard:a27b696", which is not in the image catalogue`,
    );
    for (const file of ['0007-one-shot-job', '0008-parallel-job', '0009-work-queue', '0010-work-queue-consumers']) {
      const text = fs.readFileSync(path.join(dir, 'dist', `${file}.k8s.yaml`), 'utf-8');
      expect(text).toContain('image: kuard:a27b696');
      expect(text).not.toContain('node:');
      expect(text).not.toContain('kind: ConfigMap');
    }
  });

  test('fails on an architecture other than amd64 or arm64, naming field, value and file', async () => {
    const { stderr, config: bad } = await failingSynth('arch: x86_64\n');
    expect(stderr).toContain(`${bad}:1:7: arch must be one of amd64, arm64, got "x86_64"`);
  });

  test('fails on a schedule the CronJob controller rejects, naming field, value, construct path and config section', async () => {
    const { stderr, config: bad } = await failingSynth('exercises:\n  periodicJob:\n    schedule: "61 * * * *"\n');
    expect(stderr).toContain('schedule must be a cron schedule the CronJob controller accepts');
    expect(stderr).toContain('got "61 * * * *" (at periodic-job/PeriodicJob)');
    expect(stderr).toContain(`the value comes from exercises.periodicJob in ${bad}`);
  });

  test('fails validation with every finding at once and leaves the previous output untouched', async () => {
    // Valid config, but the root images (traceroute's raw sockets, postgres, the web apps) cannot
    // meet `restricted`: validation must say so for each of them, before anything is written.
    const { stderr } = await failingSynth('podSecurity:\n  enforce: restricted\n');
    expect(stderr).toMatch(/validation found \d+ problem\(s\)/);
    for (const object of [
      'StatefulSet/workshop-day2-solutions/data-pipeline',
      'Deployment/workshop-day2-solutions/vote',
      'Job/workshop-day2-solutions/traceroute',
      'Job/workshop-day2-solutions/ping-google',
    ]) {
      expect(stderr).toContain(`[pod-security] ${object} `);
    }
    expect(stderr).toContain(
      '[pod-security] Job/workshop-day2-solutions/traceroute spec.template.spec.containers[0].securityContext.runAsUser: got 0, expected a non-zero user id (restricted: running as non-root user) (construct trace-job/TraceJob/Resource)',
    );
  });

  test('fails on an empty class instead of writing nothing and exiting 0', async () => {
    const { stderr } = await failingSynth('students: []\n');
    expect(stderr).toContain('students must not be empty');
  });

  test('fails on an empty WORKSHOP_CONFIG, naming the variable', async () => {
    const outdir = path.join(tempDir(), 'dist');
    const result = await synthApp({ CDK8S_OUTDIR: outdir, WORKSHOP_CONFIG: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual(
      'synth failed: invalid settings in the environment:\n  environment variable WORKSHOP_CONFIG is set but empty, got ""; ' +
        'unset it to read workshop.yaml, or set it to a config file\n',
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('an output folder it cannot create ends in one line naming the path and the cause', async () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, '');
    const result = await synthApp({ CDK8S_OUTDIR: path.join(file, 'dist'), WORKSHOP_CONFIG: WORKSHOP_YAML });
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual(
      `synth failed: cannot create the folder ${file}: it is a file and not a folder (ENOTDIR); nothing was written to ${file}/dist\n`,
    );
  });

  test('fails on an unknown option, listing the ones it takes, before it writes anything', async () => {
    const outdir = path.join(tempDir(), 'dist');
    const result = await synthApp({ CDK8S_OUTDIR: outdir, WORKSHOP_CONFIG: WORKSHOP_YAML }, ['--stdot']);
    expect(result.status).toBe(1);
    expect(result.stderr).toEqual(
      "synth failed: Unknown option '--stdot'; the app takes --stdout and --report <file.sarif|file.json>\n",
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  describe('secrets from the environment', () => {
    test("a bad one is reported with the variable's name and its value hidden, not blamed on the file", async () => {
      const { stderr, config: file } = await failingSynth(
        'exercises:\n  retryingJob:\n    exitCodeSource: keyvalue\n',
        { WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY: 'not-a-key hunter2' },
      );
      expect(stderr).toContain(
        'environment variable WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY: exercises.retryingJob.keyvalueAuthKey must be letters and digits',
      );
      expect(stderr).not.toContain('hunter2');
      expect(stderr).not.toContain(file);
    });

    test('one a construct refuses is named as coming from its variable', async () => {
      const { stderr } = await failingSynth('exercises:\n  retryingJob:\n    exitCodeSource: configmap\n', {
        WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY: 'abcd1234',
      });
      expect(stderr).toContain(
        'keyvalueAuthKey must be unset when exitCodeSource is "configmap" (it only applies to "keyvalue"), ' +
          'got a value of 8 characters (hidden: it is a secret) (at retrying-job/RetryingJob); the value comes from environment variable WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY',
      );
      expect(stderr).not.toContain('abcd1234');
    });

    test('fails on one that Node decoded from bytes that are not UTF-8 (U+FFFD), without showing it', async () => {
      const { stderr } = await failingSynth('namespace: class-a\n', {
        WORKSHOP_HEARTBEAT_PASSWORD: 'pass\uFFFDhunter2',
      });
      expect(stderr).toContain('environment variable WORKSHOP_HEARTBEAT_PASSWORD must be UTF-8 text');
      expect(stderr).not.toContain('hunter2');
    });
  });
});

// The processes themselves: what only a real process shows.
describe('the synth process', () => {
  test('scripts/app.js never runs stale code: an edit to any imported file shows in the next run', () => {
    const dir = path.join(ROOT, 'test', `.stale-check-${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    try {
      const entry = path.join(dir, 'entry.ts');
      const dep = path.join(dir, 'dep.ts');
      fs.writeFileSync(entry, "import { value } from './dep';\nconsole.log(value);\n");
      const run = () =>
        execFileSync(process.execPath, [APP], {
          cwd: ROOT,
          env: { PATH: process.env.PATH, WORKSHOP_APP_ENTRY: path.relative(ROOT, entry) },
          encoding: 'utf-8',
        }).trim();
      fs.writeFileSync(dep, 'export const value: string = "first";\n');
      expect(run()).toEqual('first');
      expect(run()).toEqual('first');
      fs.writeFileSync(dep, 'export const value: string = "second";\n');
      expect(run()).toEqual('second');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      // Its cached bundle too (named as scripts/app.js names it): test runs must not grow the cache.
      const cached = path.join(
        ROOT,
        'node_modules',
        '.cache',
        'workshop',
        'app',
        `${path.relative(ROOT, path.join(dir, 'entry.ts')).replace(/[^A-Za-z0-9]+/g, '_')}.js`,
      );
      expect(fs.existsSync(cached)).toBe(true);
      fs.rmSync(cached, { force: true });
    }
  });

  test('scripts/app.js exits 1 with one line on a secret that is not valid UTF-8, and leaves the previous output untouched', () => {
    // Node cannot pass invalid UTF-8 in an environment, the shell can; Node decodes it into U+FFFD.
    const { dir, outdir } = previousOutput();
    const before = snapshotOf(outdir);
    const result = spawnSync(
      '/bin/sh',
      ['-c', `WORKSHOP_HEARTBEAT_PASSWORD=$(printf 'pass\\377word') exec "${process.execPath}" "${APP}"`],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, CDK8S_OUTDIR: outdir, WORKSHOP_CONFIG: WORKSHOP_YAML },
        encoding: 'utf-8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toEqual('');
    expect(result.stderr).toMatch(
      /^synth failed: invalid settings in the environment:\n {2}environment variable WORKSHOP_HEARTBEAT_PASSWORD must be UTF-8 text, got bytes that are not \(shown as U\+FFFD at character 5 of 9; value hidden: it is a secret\)\n$/,
    );
    expect(snapshotOf(outdir)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('npx cdk8s synth with a bad config exits non-zero and leaves no manifest behind', () => {
    const dir = tempDir();
    const outdir = path.join(dir, 'dist');
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'namespace: Not_A_Label\n');
    const cli = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
    const result = spawnSync(cli, ['synth', '--output', outdir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, WORKSHOP_CONFIG: bad, CDK8S_CHECK_UPGRADE: 'false' },
      encoding: 'utf-8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toContain('namespace must be a DNS label');
    const left = fs.existsSync(outdir) ? Object.keys(snapshotOf(outdir)) : [];
    expect(left).toEqual([]);
  });
});
