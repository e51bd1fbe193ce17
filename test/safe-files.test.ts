// What the tools write, against a shared folder where someone else can plant names and links, and
// a user whose umask keeps files private (issue: hostile servers, shared folders, careless commands).
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomically } from '../src/output';
import { synthApp, WORKSHOP_YAML } from './synth-app';
import { tempDir } from './util';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** Runs `f` with the process umask set to `mask`, then puts the old one back. */
async function withUmask<T>(mask: number, f: () => Promise<T> | T): Promise<T> {
  const old = process.umask(mask);
  try {
    return await f();
  } finally {
    process.umask(old);
  }
}

describe('writeFileAtomically', () => {
  test('never writes through a name planted where the old code put its temporary file', () => {
    const dir = tempDir();
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'untouched');
    const file = path.join(dir, 'findings.sarif');
    // The old predictable name, and the same with other pids: each a link to the victim.
    for (const pid of [process.pid, process.pid + 1]) fs.symlinkSync(victim, `${file}.${pid}.tmp`);
    writeFileAtomically(file, 'report', 0o600);
    expect(fs.readFileSync(victim, 'utf-8')).toEqual('untouched');
    expect(fs.readFileSync(file, 'utf-8')).toEqual('report');
    expect(mode(victim)).not.toEqual(0o600);
  });

  test('replaces a symlink at the destination instead of writing into what it points to', () => {
    const dir = tempDir();
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'untouched', { mode: 0o644 });
    const file = path.join(dir, 'alice.kubeconfig');
    fs.symlinkSync(victim, file);
    writeFileAtomically(file, 'token: secret', 0o600);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(file, 'utf-8')).toEqual('token: secret');
    expect([fs.readFileSync(victim, 'utf-8'), mode(victim)]).toEqual(['untouched', 0o644]);
  });

  test("creates the file with its rights from the start: 0600 for secrets, the umask's for the rest", async () => {
    const dir = tempDir();
    await withUmask(0o022, () => {
      writeFileAtomically(path.join(dir, 'private'), 'x', 0o600);
      writeFileAtomically(path.join(dir, 'public'), 'x');
    });
    expect([mode(path.join(dir, 'private')), mode(path.join(dir, 'public'))]).toEqual([0o600, 0o644]);
    await withUmask(0o077, () => writeFileAtomically(path.join(dir, 'public'), 'y'));
    expect(mode(path.join(dir, 'public'))).toEqual(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(['private', 'public']);
  });
});

describe('the output folder', () => {
  test('is 0700 with 0600 files when it holds a secret from the environment', async () => {
    const dist = path.join(tempDir(), 'dist');
    const run = await withUmask(0o022, () =>
      synthApp({ WORKSHOP_CONFIG: WORKSHOP_YAML, CDK8S_OUTDIR: dist, WORKSHOP_HEARTBEAT_PASSWORD: 'Hunter2-real' }),
    );
    expect(run.status).toBe(0);
    expect(mode(dist)).toEqual(0o700);
    expect(fs.readdirSync(dist).map((f) => mode(path.join(dist, f)))).toEqual(fs.readdirSync(dist).map(() => 0o600));
  });

  test('follows the umask otherwise: 0755 under 022, and stays private under 077', async () => {
    const open = path.join(tempDir(), 'dist');
    await withUmask(0o022, () => synthApp({ WORKSHOP_CONFIG: WORKSHOP_YAML, CDK8S_OUTDIR: open }));
    expect([mode(open), mode(path.join(open, '0000-namespace.k8s.yaml'))]).toEqual([0o755, 0o644]);
    const closed = path.join(tempDir(), 'dist');
    await withUmask(0o077, () => synthApp({ WORKSHOP_CONFIG: WORKSHOP_YAML, CDK8S_OUTDIR: closed }));
    expect([mode(closed), mode(path.join(closed, '0000-namespace.k8s.yaml'))]).toEqual([0o700, 0o600]);
  });
});

describe('--report', () => {
  test('is written 0600, and may replace a report synth wrote before', async () => {
    const dir = tempDir();
    const report = path.join(dir, 'findings.sarif');
    const env = { WORKSHOP_CONFIG: WORKSHOP_YAML, CDK8S_OUTDIR: path.join(dir, 'dist') };
    expect((await synthApp(env, ['--report', report])).status).toBe(0);
    expect(mode(report)).toEqual(0o600);
    expect((await synthApp(env, ['--report', report])).status).toBe(0);
    const json = path.join(dir, 'findings.json');
    expect((await synthApp(env, ['--report', json])).status).toBe(0);
    expect((await synthApp(env, ['--report', json])).status).toBe(0);
  });

  test('refuses a file that is not a report, and leaves it as it was', async () => {
    const dir = tempDir();
    const pkg = path.join(dir, 'package.json');
    fs.writeFileSync(pkg, '{ "name": "mine" }\n');
    const run = await synthApp({ WORKSHOP_CONFIG: WORKSHOP_YAML, CDK8S_OUTDIR: path.join(dir, 'dist') }, [
      '--report',
      pkg,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `synth failed: --report ${JSON.stringify(pkg)} exists and is not a findings report synth wrote`,
    );
    expect(fs.readFileSync(pkg, 'utf-8')).toEqual('{ "name": "mine" }\n');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('refuses a place inside the output folder, so that the next synth still works', async () => {
    const dir = tempDir();
    const dist = path.join(dir, 'dist');
    const env = { WORKSHOP_CONFIG: WORKSHOP_YAML, CDK8S_OUTDIR: dist };
    expect((await synthApp(env)).status).toBe(0);
    const inside = await synthApp(env, ['--report', path.join(dist, 'findings.json')]);
    expect(inside.status).toBe(1);
    expect(inside.stderr).toContain('is inside the output folder');
    // Through a link to the output folder, too.
    fs.symlinkSync(dist, path.join(dir, 'link'));
    expect((await synthApp(env, ['--report', path.join(dir, 'link', 'findings.json')])).status).toBe(1);
    expect((await synthApp(env)).status).toBe(0);
  });

  test('an empty WORKSHOP_REPORT is an error, as an empty WORKSHOP_CONFIG is', async () => {
    const run = await synthApp({
      WORKSHOP_CONFIG: WORKSHOP_YAML,
      CDK8S_OUTDIR: path.join(tempDir(), 'dist'),
      WORKSHOP_REPORT: '',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toEqual(
      'synth failed: WORKSHOP_REPORT is set but empty: name a .sarif, .sarif.json or .json file, or unset it\n',
    );
  });
});
