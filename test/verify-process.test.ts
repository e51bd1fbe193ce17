// The commands as a user runs them: `node scripts/app.js src/verify/main.ts ...` (what `npm run
// verify` and `npm run kubeconfigs` do), so the real kubeconfig loading through
// @kubernetes/client-node (an ES module, imported at run time, which jest cannot load) is part of
// the test. Each run costs a process that loads client-node: only what needs it runs here; the
// rest of the commands is tested in-process (verify-cli.test.ts, kubeconfigs.test.ts; the choice of
// context and its messages in kubeconfig.test.ts).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { healthyCluster } from './cluster-fixtures';
import { StandIn, startStandIn } from './kube-standin';
import { NAMESPACE, ROOT, tempDir } from './util';

let standIn: StandIn;
afterEach(async () => {
  await standIn?.close();
});

/** Runs the command without blocking this process, which serves the stand-in meanwhile. */
function runCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'app.js'), 'src/verify/main.ts', ...args], {
      cwd,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A kubeconfig for the stand-in; plain http needs insecure-skip-tls-verify for client-node. */
function adminKubeconfig(dir: string): string {
  const file = path.join(dir, 'config');
  fs.writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'standin', cluster: { server: standIn.url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'admin', user: { token: standIn.adminToken } }],
      contexts: [
        { name: 'other', context: { cluster: 'standin', user: 'nobody' } },
        { name: 'admin@standin', context: { cluster: 'standin', user: 'admin' } },
      ],
      'current-context': 'other',
    }),
  );
  return file;
}

describe('the commands, run as npm runs them', () => {
  test('kubeconfigs, on the kube-context --context names, writes files a student can verify with, and no token reaches the output', async () => {
    standIn = await startStandIn(healthyCluster({ students: ['alice', 'bob'] }));
    const home = tempDir();
    const cwd = tempDir();
    const config = path.join(cwd, 'workshop.yaml');
    fs.writeFileSync(config, 'students: [alice, bob]\n');
    const made = await runCommand(
      ['kubeconfigs', '--context', 'admin@standin', '--duration', '1h'],
      { HOME: home, KUBECONFIG: adminKubeconfig(home), WORKSHOP_CONFIG: config },
      cwd,
    );
    expect(made.stderr).toEqual('');
    expect(made.code).toEqual(0);
    expect(standIn.issued.size).toEqual(2);
    // The context --context names, not the file's current-context (other, whose user has no token).
    const tokenRequests = standIn.requests.filter((q) => q.verb === 'create');
    expect(tokenRequests.length).toEqual(2);
    expect(tokenRequests.every((q) => q.token === standIn.adminToken)).toBe(true);
    for (const token of standIn.issued.keys()) expect(made.stdout + made.stderr).not.toContain(token);
    const alice = path.join(cwd, 'kubeconfigs', 'alice.kubeconfig');
    expect(fs.statSync(alice).mode & 0o777).toEqual(0o600);

    // alice's own context: her namespace is the context's, so verify checks it without --student.
    const checked = await runCommand(
      ['verify', 'trace-job'],
      { HOME: home, KUBECONFIG: alice, WORKSHOP_CONFIG: config },
      cwd,
    );
    expect(checked.stderr).toEqual('');
    expect(checked.code).toEqual(0);
    expect(checked.stdout).toContain(`context workshop-alice (${standIn.url})`);
    expect(checked.stdout).toContain(`namespace ${NAMESPACE}-alice (student alice)`);
    expect(checked.stdout).toMatch(/^\d+ of \d+ checks pass, 0 failed, 0 pending/m);
    const aliceToken = [...standIn.issued].find(([, v]) => v.namespace.endsWith('-alice'))![0];
    const lists = standIn.requests.filter((q) => q.verb === 'list');
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((q) => q.token === aliceToken && q.namespace === `${NAMESPACE}-alice`)).toBe(true);
  }, 90_000);
});
