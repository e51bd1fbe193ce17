import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { parseSynthOptions } from '../src/synth-options';
import { synthApp, WORKSHOP_YAML } from './synth-app';
import { ROOT, tempDir } from './util';
import type { Json } from '../src/json';

const APP = path.join(ROOT, 'scripts', 'app.js');
const CLI = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

/** Parses a YAML stream the way kubectl reads `-f -`: every document, failing on any parse error. */
function parseStream(text: string): Json[] {
  const docs = parseAllDocuments(text);
  const errors = docs.flatMap((d) => d.errors.map((e) => e.message));
  expect(errors).toEqual([]);
  return docs.map((d) => d.toJS()).filter((o) => o !== null);
}

/** Every file under `dir`, in the order `kubectl apply -f dir --recursive` reads them (sorted paths). */
function filesOf(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

/** What the synth app writes into a fresh output folder: its files joined in the order kubectl reads them. */
async function distText(env: Record<string, string>): Promise<string> {
  const outdir = path.join(tempDir(), 'dist');
  const result = await synthApp({ ...env, CDK8S_OUTDIR: outdir });
  expect(result.status).toBe(0);
  return filesOf(outdir)
    .map((f) => fs.readFileSync(f, 'utf-8'))
    .join('');
}

/** An output folder holding a previous synth, to show that a run leaves it alone. */
function previousOutput(): { outdir: string; unchanged: () => void } {
  const outdir = path.join(tempDir(), 'dist');
  fs.mkdirSync(outdir);
  fs.writeFileSync(path.join(outdir, '0001-previous.k8s.yaml'), '---\nkind: ConfigMap\n');
  return { outdir, unchanged: () => expect(fs.readdirSync(outdir)).toEqual(['0001-previous.k8s.yaml']) };
}

const name = (o: Json) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

describe('pipes', () => {
  /** dist/ of the shipped workshop, written once for the tests that compare a stream with it. */
  let shipped: string;
  beforeAll(async () => {
    shipped = await distText({ WORKSHOP_CONFIG: WORKSHOP_YAML });
  });

  // A process: npm's banner and the app's own output on the real standard output are what a pipe sees.
  test('npm run -s synth -- --stdout writes exactly the objects of dist/, in apply order, and leaves dist/ alone', async () => {
    const config = WORKSHOP_YAML;
    const { outdir, unchanged } = previousOutput();
    const result = spawnSync('npm', ['run', '-s', 'synth', '--', '--stdout'], {
      cwd: ROOT,
      encoding: 'utf-8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, WORKSHOP_CONFIG: config, CDK8S_OUTDIR: outdir },
    });
    expect(result.status).toBe(0);
    // Byte for byte what dist/ holds, and a stream kubectl reads.
    expect(result.stdout).toEqual(shipped);
    const streamed = parseStream(result.stdout);
    expect(streamed[0].kind).toEqual('Namespace');
    unchanged();
    expect(result.stderr).toMatch(/^synthesized \d+ objects in 15 files to standard output; /m);
  });

  test('a class streams student after student, each namespace before the objects in it', async () => {
    const dir = tempDir();
    const config = path.join(dir, 'class.yaml');
    fs.writeFileSync(config, 'students: [alice, bob]\n');
    const result = await synthApp({ WORKSHOP_CONFIG: config, CDK8S_OUTDIR: path.join(dir, 'dist') }, ['--stdout']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^synthesized \d+ objects in \d+ files to standard output; /m);
    expect(result.stdout).toEqual(await distText({ WORKSHOP_CONFIG: config }));
    const streamed = parseStream(result.stdout);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    const seen = new Set<string>();
    for (const o of streamed) {
      if (o.kind === 'Namespace') seen.add(o.metadata.name);
      else
        expect(`${name(o)} after its namespace: ${seen.has(o.metadata.namespace)}`).toEqual(
          `${name(o)} after its namespace: true`,
        );
    }
    expect([...seen]).toEqual(['workshop-day2-solutions-alice', 'workshop-day2-solutions-bob']);
  });

  // A process: the cdk8s CLI itself, which decides what happens to dist/.
  test('npx cdk8s synth --stdout gives valid YAML with every object once, quietly, and keeps dist/', async () => {
    // The CLI reads cdk8s.yaml from its working folder: the project's own, with the app made absolute.
    const cwd = tempDir();
    const cdk8sYaml = fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf-8');
    expect(cdk8sYaml).toContain('app: node scripts/app.js\n');
    fs.writeFileSync(path.join(cwd, 'cdk8s.yaml'), cdk8sYaml.replace('app: node scripts/app.js', `app: node ${APP}`));
    const dist = path.join(cwd, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'keep.k8s.yaml'), '---\n');
    const config = WORKSHOP_YAML;

    const result = spawnSync(CLI, ['synth', '--stdout'], {
      cwd,
      encoding: 'utf-8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, WORKSHOP_CONFIG: config, CDK8S_CHECK_UPGRADE: 'false' },
    });

    expect(result.status).toBe(0);
    // The CLI streams the files concurrently, so only the set of objects is its promise, not the order.
    const sorted = (list: Json[]) => list.map(name).sort();
    expect(sorted(parseStream(result.stdout))).toEqual(sorted(parseStream(shipped)));
    expect(fs.readdirSync(dist)).toEqual(['keep.k8s.yaml']);
    expect(result.stderr).not.toMatch(/new version|Error|at .*\.mjs/);
  });
});

describe('synth options', () => {
  test('reads --stdout and --report, the report format from the file name', () => {
    expect(parseSynthOptions([], {})).toEqual({ stdout: false });
    expect(parseSynthOptions(['--stdout', '--report', 'out/findings.sarif'], {})).toEqual({
      stdout: true,
      report: { file: 'out/findings.sarif', format: 'sarif', source: '--report' },
    });
    expect(parseSynthOptions(['--report=findings.sarif.json'], {}).report?.format).toEqual('sarif');
    expect(parseSynthOptions(['--report', 'findings.json'], {}).report?.format).toEqual('json');
  });

  test('takes the report file from WORKSHOP_REPORT when the CLI passes no arguments; --report wins', () => {
    expect(parseSynthOptions([], { WORKSHOP_REPORT: 'ci/findings.json' }).report).toEqual({
      file: 'ci/findings.json',
      format: 'json',
      source: 'WORKSHOP_REPORT',
    });
    expect(parseSynthOptions(['--report', 'a.sarif'], { WORKSHOP_REPORT: 'b.json' }).report?.file).toEqual('a.sarif');
  });

  test('fails on a report file that is neither SARIF nor JSON, naming where it came from', () => {
    expect(() => parseSynthOptions(['--report', 'findings.txt'], {})).toThrow(
      '--report must name a .sarif, .sarif.json or .json file, got "findings.txt"',
    );
    expect(() => parseSynthOptions([], { WORKSHOP_REPORT: 'out.xml' })).toThrow(
      'WORKSHOP_REPORT must name a .sarif, .sarif.json or .json file, got "out.xml"',
    );
  });

  test('fails on an unknown option, listing the ones it takes', () => {
    expect(() => parseSynthOptions(['--stdot'], {})).toThrow(
      "Unknown option '--stdot'; the app takes --stdout and --report <file.sarif|file.json>",
    );
  });
});

describe('a reader that goes away', () => {
  /** Runs `args` with node, closes its standard output after the first chunk (as `| head -1` does). */
  function cutShort(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  test('synth --stdout | head ends quietly with status 141, as a command killed by SIGPIPE does', async () => {
    // A class of 20: megabytes, far more than a pipe holds, so the writer is still writing when the reader leaves.
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'class.yaml'),
      `students: [${Array.from({ length: 20 }, (_, i) => `s${i}`).join(', ')}]\n`,
    );
    const run = await cutShort([APP, '--stdout'], {
      WORKSHOP_CONFIG: path.join(dir, 'class.yaml'),
      CDK8S_OUTDIR: path.join(dir, 'dist'),
    });
    expect(run.code).toBe(141);
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });
});
