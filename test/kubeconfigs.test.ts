import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { parseDuration, runKubeconfigs } from '../src/verify/kubeconfigs';
import type { Connection } from '../src/verify/kubeconfig';
import { healthyCluster } from './cluster-fixtures';
import { StandIn, startStandIn } from './kube-standin';
import { NAMESPACE, tempDir } from './util';

let standIn: StandIn;
afterEach(async () => {
  await standIn?.close();
});

const STUDENTS = ['alice', 'bob', 'carol'];
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n').toString('base64');

function connection(token: string): Connection {
  return {
    context: 'kind-workshop',
    cluster: { name: 'kind-workshop', server: standIn.url, caData: CA, skipTLSVerify: false },
    endpoint: { server: standIn.url, options: { headers: { Authorization: `Bearer ${token}` } } },
  };
}

/** A project folder with a class config; kubeconfigs are written under it. */
function project(): { cwd: string; config: string } {
  const cwd = tempDir();
  fs.writeFileSync(path.join(cwd, 'workshop.yaml'), `students: [${STUDENTS.join(', ')}]\n`);
  return { cwd, config: path.join(cwd, 'workshop.yaml') };
}

async function run(argv: string[], cwd: string, config: string, token?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKubeconfigs(argv, {
    cwd,
    env: { WORKSHOP_CONFIG: config },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    connect: async () => connection(token ?? standIn.adminToken),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npm run kubeconfigs', () => {
  test('writes one kubeconfig per student, mode 0600, for their student ServiceAccount, and prints no token', async () => {
    standIn = await startStandIn(healthyCluster({ students: STUDENTS }));
    const { cwd, config } = project();
    const r = await run(['--duration', '2h'], cwd, config);
    expect(r.code).toEqual(0);
    expect(r.stderr).toEqual('');
    expect(standIn.issued.size).toEqual(3);
    for (const token of standIn.issued.keys()) {
      expect(r.stdout).not.toContain(token);
      expect(r.stdout).not.toContain(token.split('.')[1]);
    }
    expect(r.stdout.split('\n')).toEqual([
      'wrote kubeconfigs/alice.kubeconfig (mode 0600): ServiceAccount of alice, token valid until 2026-12-02T14:00:00Z',
      'wrote kubeconfigs/bob.kubeconfig (mode 0600): ServiceAccount of bob, token valid until 2026-12-02T14:00:00Z',
      'wrote kubeconfigs/carol.kubeconfig (mode 0600): ServiceAccount of carol, token valid until 2026-12-02T14:00:00Z',
      '3 of 3 kubeconfigs written to kubeconfigs/ (git-ignored; hand each student only their own file)',
    ]);
    expect([...standIn.issued.values()]).toEqual(
      STUDENTS.map((s) => ({ namespace: `${NAMESPACE}-${s}`, serviceAccount: 'student', expirationSeconds: 7200 })),
    );
    expect(standIn.requests.map((q) => `${q.method} ${q.path}`)).toEqual(
      STUDENTS.map((s) => `POST /api/v1/namespaces/${NAMESPACE}-${s}/serviceaccounts/student/token`),
    );

    const file = path.join(cwd, 'kubeconfigs', 'bob.kubeconfig');
    expect(fs.statSync(file).mode & 0o777).toEqual(0o600);
    expect(fs.statSync(path.join(cwd, 'kubeconfigs')).mode & 0o077).toEqual(0);
    const kubeconfig = parse(fs.readFileSync(file, 'utf-8'));
    const bobToken = [...standIn.issued].find(([, v]) => v.namespace.endsWith('-bob'))![0];
    expect(kubeconfig).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'kind-workshop', cluster: { server: standIn.url, 'certificate-authority-data': CA } }],
      users: [{ name: 'workshop-bob', user: { token: bobToken } }],
      contexts: [
        {
          name: 'workshop-bob',
          context: { cluster: 'kind-workshop', user: 'workshop-bob', namespace: `${NAMESPACE}-bob` },
        },
      ],
      'current-context': 'workshop-bob',
    });
  });

  test('--server replaces the address students reach the API server at; --student picks students', async () => {
    standIn = await startStandIn(healthyCluster({ students: STUDENTS }));
    const { cwd, config } = project();
    const r = await run(
      ['--student', 'carol', '--server', 'https://192.168.1.20:6443', '--out', 'class-creds'],
      cwd,
      config,
    );
    expect(r.code).toEqual(0);
    expect(fs.readdirSync(path.join(cwd, 'class-creds'))).toEqual(['carol.kubeconfig']);
    expect(
      parse(fs.readFileSync(path.join(cwd, 'class-creds', 'carol.kubeconfig'), 'utf-8')).clusters[0].cluster.server,
    ).toEqual('https://192.168.1.20:6443');
  });

  test('a token rewritten over an older, wider file is 0600 again', async () => {
    standIn = await startStandIn(healthyCluster({ students: STUDENTS }));
    const { cwd, config } = project();
    fs.mkdirSync(path.join(cwd, 'kubeconfigs'));
    fs.writeFileSync(path.join(cwd, 'kubeconfigs', 'alice.kubeconfig'), 'old', { mode: 0o644 });
    expect((await run(['--student', 'alice'], cwd, config)).code).toEqual(0);
    expect(fs.statSync(path.join(cwd, 'kubeconfigs', 'alice.kubeconfig')).mode & 0o777).toEqual(0o600);
  });

  test('a student whose namespace is not applied gets one line, the others their file, and the exit code is 1', async () => {
    const state = healthyCluster({ students: STUDENTS });
    state.objects.serviceaccounts = state.objects.serviceaccounts.filter(
      (s) => s.metadata.namespace !== `${NAMESPACE}-bob`,
    );
    standIn = await startStandIn(state);
    const { cwd, config } = project();
    const r = await run([], cwd, config);
    expect(r.code).toEqual(1);
    expect(r.stderr).toEqual(
      `kubeconfigs: bob: ServiceAccount student not found in namespace ${NAMESPACE}-bob: apply dist/ first (kubectl apply -f dist/bob.k8s.yaml)`,
    );
    expect(fs.readdirSync(path.join(cwd, 'kubeconfigs')).sort()).toEqual(['alice.kubeconfig', 'carol.kubeconfig']);
  });

  const failures: Array<[string, string[], (s: StandIn) => void, string | undefined, RegExp]> = [
    [
      'no permission to request tokens (403)',
      [],
      (s) => {
        s.forbid = (q) => q.resource === 'serviceaccounts/token';
      },
      undefined,
      /^kubeconfigs: context kind-workshop may not create serviceaccounts\/token in namespace workshop-day2-solutions-alice \(403 Forbidden\): kubeconfigs needs create on serviceaccounts\/token in each student namespace$/,
    ],
    [
      'credentials the API server rejects (401)',
      [],
      () => undefined,
      'not-a-token',
      /^kubeconfigs: the API server at .* rejected the credentials \(401 Unauthorized\)/,
    ],
    [
      'a folder inside dist/',
      ['--out', 'dist/creds'],
      () => undefined,
      undefined,
      /^kubeconfigs: --out dist\/creds is inside dist\/, which synth replaces; pick a folder outside it$/,
    ],
    [
      'a lifetime under the API minimum',
      ['--duration', '5m'],
      () => undefined,
      undefined,
      /^kubeconfigs: --duration must be at least 10m \(the TokenRequest API's minimum\), got "5m"$/,
    ],
    [
      'an unknown student',
      ['--student', 'dave'],
      () => undefined,
      undefined,
      /^kubeconfigs: unknown student dave; .*workshop\.yaml lists alice, bob, carol$/,
    ],
  ];

  test.each(failures)('%s: one line, exit code 2, no file', async (...c) => {
    const [, argv, setUp, token, line] = c;
    standIn = await startStandIn(healthyCluster({ students: STUDENTS }));
    setUp(standIn);
    const { cwd, config } = project();
    const r = await run(argv, cwd, config, token);
    expect(r.code).toEqual(2);
    expect(r.stderr).toMatch(line);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(cwd, 'kubeconfigs', 'alice.kubeconfig'))).toBe(false);
  });

  test('fails with one line when the config lists no students', async () => {
    standIn = await startStandIn(healthyCluster());
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'workshop.yaml'), 'namespace: day2\n');
    const r = await run([], cwd, path.join(cwd, 'workshop.yaml'));
    expect(r.code).toEqual(2);
    expect(r.stderr).toMatch(/^kubeconfigs: kubeconfigs needs students: in .*workshop\.yaml \(fleet mode\)/);
  });

  test('reads lifetimes in seconds, minutes, hours and days', () => {
    expect([parseDuration('600'), parseDuration('90m'), parseDuration('12h'), parseDuration('2d')]).toEqual([
      600, 5400, 43200, 172800,
    ]);
    expect(() => parseDuration('12 hours')).toThrow(
      '--duration must be a number with s, m, h or d (12h, 90m), got "12 hours"',
    );
  });
});
