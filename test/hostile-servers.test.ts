// verify and kubeconfigs against odd API servers and kubeconfigs: each case ends in one line and the
// right exit code, never a stack trace, a hang or unbounded memory; nothing a server sends reaches
// the terminal raw, and no credential is printed.
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { spawn, spawnSync } from 'child_process';
import { runVerify } from '../src/verify/cli';
import { KubeApiError } from '../src/errors';
import { httpKubeApi } from '../src/verify/kube-api';
import { connect, Connection } from '../src/verify/kubeconfig';
import { runKubeconfigs } from '../src/verify/kubeconfigs';
import { planVerification } from '../src/verify/plan';
import { verify } from '../src/verify/verify';
import { healthyCluster } from './cluster-fixtures';
import { StandIn, startStandIn } from './kube-standin';
import { ROOT, tempDir } from './util';
import type { Json } from '../src/json';

const CONFIG = path.join(ROOT, 'workshop.yaml');

/** A server that answers every request with `answer`. */
async function oddServer(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const connectionTo = (server: string, token = 'T0ken-secret-value'): Connection => ({
  context: 'odd',
  cluster: { name: 'odd', server, skipTLSVerify: true },
  endpoint: { server, options: { headers: { Authorization: `Bearer ${token}` } } },
});

async function verifyAgainst(server: string, argv: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerify(argv, {
    env: { WORKSHOP_CONFIG: CONFIG },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    connect: async () => connectionTo(server),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('verify against odd servers', () => {
  test("an answer that is not JSON (a proxy's login page) is one line and exit code 2", async () => {
    const s = await oddServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Sign in</body></html>'),
    );
    try {
      const r = await verifyAgainst(s.url);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^verify: the API server at http:\/\/127\.0\.0\.1:\d+ \(context odd\) answered GET \/api\/v1\/namespaces\/workshop-day2-solutions with something verify cannot use: the answer is not JSON \(it starts "<html><body>Sign in<\/body><\/html>"\); is a proxy or login page in the way\?$/,
      );
      expect(r.err.split('\n')).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  test('an answer larger than the cap stops reading, with one line', async () => {
    const s = await oddServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"items":[');
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', more);
        else res.end(']}');
      };
      more();
    });
    const api = httpKubeApi({ server: s.url }, { maxBytes: 1024 * 1024 });
    try {
      const err = await api.getJson('/api/v1/pods').catch((e) => e);
      expect(err).toBeInstanceOf(KubeApiError);
      expect(err.failure).toBe('invalid');
      expect(err.reason).toEqual('the answer is larger than 1048576 bytes; stopped reading');
    } finally {
      api.close();
      await s.close();
    }
  });

  test('big answers read at once share one budget: two lists of 700 KB under a 1 MiB cap, one is refused', async () => {
    const s = await oddServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"items":[');
      // Half now, the rest a moment later: both answers are being read at the same time.
      res.write(Buffer.alloc(350 * 1024, 0x20));
      setTimeout(() => res.end(Buffer.concat([Buffer.alloc(350 * 1024, 0x20), Buffer.from(']}')])), 50);
    });
    const api = httpKubeApi({ server: s.url }, { maxBytes: 1024 * 1024 });
    try {
      const answers = await Promise.allSettled([api.getJson('/a'), api.getJson('/b')]);
      const refused = answers.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(refused.map((r) => r.reason.reason)).toEqual([
        'the answers being read at once are larger than 1048576 bytes together; stopped reading',
      ]);
      // Once those are done, the budget is free again.
      await expect(api.getJson('/c')).resolves.toEqual({ items: [] });
    } finally {
      api.close();
      await s.close();
    }
  });

  test('a list with null items or fields of the wrong type: the items are left out, the checks fail plainly', async () => {
    const state = healthyCluster();
    const traceroute = state.objects.jobs.find((j) => j.metadata.name === 'traceroute');
    traceroute.status.conditions = 'Complete';
    const lists: Record<string, unknown[]> = {
      jobs: [null, 7, ...state.objects.jobs],
      pods: [null, ...state.objects.pods],
      events: [],
    };
    const s = await oddServer((req, res) => {
      const kind = /\/(jobs|pods|events)(\?|$)/.exec(req.url ?? '')?.[1];
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(kind ? { items: lists[kind] } : { kind: 'Namespace' }));
    });
    const api = httpKubeApi({ server: s.url });
    try {
      const report = await verify(api, planVerification({}, { exercises: ['trace-job', 'factorial-job'] }));
      expect(report.namespaces[0].exercises[0].checks[0]).toMatchObject({
        verdict: 'fail',
        detail: "the API server's objects for this check have fields of the wrong type; verify cannot judge them",
      });
      expect(report.namespaces[0].exercises[1].checks.map((c) => c.verdict)).toEqual(['pass', 'fail']); // no log server here
      // A list that is not a list is one clear error.
      lists.jobs = { not: 'a list' } as Json;
      const err = await verify(api, planVerification({}, { exercises: ['trace-job'] })).catch((e) => e);
      expect(err.failure.reason).toEqual('a list without an items array');
    } finally {
      api.close();
      await s.close();
    }
  });

  test('what a server says is escaped before it reaches the terminal, and the token is never printed', async () => {
    const s = await oddServer((req, res) =>
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          kind: 'Status',
          message: `\u001b]0;pwned\u0007\u001b[2J\u009b31m failed for ${req.headers.authorization}`,
        }),
      ),
    );
    try {
      const r = await verifyAgainst(s.url);
      expect(r.code).toBe(2);
      // eslint-disable-next-line no-control-regex -- it looks for raw escape characters in the output
      expect(r.err).not.toMatch(/[\u001b\u0007\u009b]/);
      expect(r.err).toContain('\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m failed for ***');
      expect(r.err).not.toContain('T0ken-secret-value');
    } finally {
      await s.close();
    }
  });

  test('--request-timeout must be a usable number of seconds, for verify and kubeconfigs alike', async () => {
    for (const bad of ['abc', '0', '-1', '', '2200000']) {
      const r = await verifyAgainst('http://127.0.0.1:9', [`--request-timeout=${bad}`]);
      expect([r.code, r.err]).toEqual([
        2,
        `verify: --request-timeout must be a number of seconds above 0 and at most 2147483, got ${JSON.stringify(bad)}`,
      ]);
    }
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'workshop.yaml'), 'students: [alice]\n');
    const err: string[] = [];
    const code = await runKubeconfigs(['--request-timeout', 'abc'], {
      cwd,
      env: { WORKSHOP_CONFIG: path.join(cwd, 'workshop.yaml') },
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      connect: async () => connectionTo('http://127.0.0.1:9'),
    });
    expect([code, err]).toEqual([
      2,
      ['kubeconfigs: --request-timeout must be a number of seconds above 0 and at most 2147483, got "abc"'],
    ]);
  });
});

describe('kubeconfigs that are odd', () => {
  /** A kubeconfig for `server` with the given user fields. */
  function kubeconfig(dir: string, server: string, user: Record<string, string>, insecure = false): string {
    const file = path.join(dir, 'config');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: odd',
        'clusters:',
        '- name: odd',
        '  cluster:',
        `    server: ${server}`,
        ...(insecure ? ['    insecure-skip-tls-verify: true'] : []),
        'users:',
        '- name: me',
        '  user:',
        ...Object.entries(user).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
        'contexts:',
        '- name: odd',
        '  context: {cluster: odd, user: me}',
        '',
      ].join('\n'),
    );
    return file;
  }

  /** `npm run verify` as a process (client-node is an ES module jest cannot load), with KUBECONFIG=`config`. */
  function verifyProcess(config: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'scripts', 'app.js'), 'src/verify/main.ts', 'verify', 'trace-job'],
        { cwd: ROOT, env: { PATH: process.env.PATH, KUBECONFIG: config, WORKSHOP_CONFIG: CONFIG } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  test('a token with its newline is trimmed, tokenFile is read, and a server URL with credentials is refused unprinted', async () => {
    const standIn = await startStandIn(healthyCluster());
    try {
      const dir = tempDir();
      const pasted = await verifyProcess(kubeconfig(dir, standIn.url, { token: `${standIn.adminToken}\n` }, true));
      expect([pasted.code, pasted.stderr]).toEqual([0, '']);
      fs.writeFileSync(path.join(dir, 'token'), `${standIn.adminToken}\n`);
      const fromFile = await verifyProcess(kubeconfig(dir, standIn.url, { tokenFile: 'token' }, true));
      expect([fromFile.code, fromFile.stderr]).toEqual([0, '']);
      const withPassword = await verifyProcess(
        kubeconfig(dir, standIn.url.replace('http://', 'http://admin:pw@'), { token: 'x' }, true),
      );
      expect(withPassword.code).toBe(2);
      expect(withPassword.stderr).toEqual(
        `verify: kube-context odd: the server URL ${standIn.url} carries a user name or password (user:password@); ` +
          "remove them: kubectl does not use them, and they would end up in every message and in every student's kubeconfig\n",
      );
    } finally {
      await standIn.close();
    }
  }, 30_000); // three verify processes, one after the other: more than jest's 5 s on a busy machine

  test('a FIFO, a device or an oversized file as KUBECONFIG is refused at once', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(connect({ env: { KUBECONFIG: fifo } })).rejects.toThrow(
      `cannot read kubeconfig ${fifo}: it is not a regular file (a pipe, device or folder)`,
    );
    await expect(connect({ env: { KUBECONFIG: '/dev/zero' } })).rejects.toThrow(
      'cannot read kubeconfig /dev/zero: it is not a regular file',
    );
    const big = path.join(dir, 'big');
    fs.writeFileSync(big, Buffer.alloc(4 * 1024 * 1024 + 1, 0x20));
    await expect(connect({ env: { KUBECONFIG: big } })).rejects.toThrow(
      `cannot read kubeconfig ${big}: it has 4194305 bytes, more than the 4194304 a kubeconfig can have`,
    );
  });
});

describe('WORKSHOP_CONFIG that is not a file', () => {
  test('a FIFO or a device is refused at once, without waiting for a writer', async () => {
    const fifo = path.join(tempDir(), 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const file of [fifo, '/dev/zero']) {
      const err: string[] = [];
      const code = await runVerify([], {
        env: { WORKSHOP_CONFIG: file },
        stdout: () => undefined,
        stderr: (t) => err.push(t),
      });
      expect([code, err]).toEqual([
        2,
        [
          `verify: invalid workshop config ${file}:\n  ${file}: is not a regular file (a pipe, device or folder); ` +
            "set WORKSHOP_CONFIG to the workshop config's path",
        ],
      ]);
    }
  });
});

describe('kubeconfigs --out', () => {
  let standIn: StandIn;
  afterEach(async () => standIn?.close());

  async function run(argv: string[], cwd: string): Promise<{ code: number; out: string[]; err: string[] }> {
    standIn = await startStandIn(healthyCluster({ students: ['alice'] }));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runKubeconfigs(argv, {
      cwd,
      env: { WORKSHOP_CONFIG: path.join(cwd, 'workshop.yaml') },
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      connect: async () => connectionTo(standIn.url, standIn.adminToken),
    });
    return { code, out, err };
  }

  function project(): string {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'workshop.yaml'), 'students: [alice]\n');
    return cwd;
  }

  test('through a link into dist/ is refused as dist/ itself is', async () => {
    const cwd = project();
    fs.mkdirSync(path.join(cwd, 'dist'));
    fs.symlinkSync(path.join(cwd, 'dist'), path.join(cwd, 'handouts'));
    const r = await run(['--out', 'handouts'], cwd);
    expect([r.code, r.err]).toEqual([
      2,
      ['kubeconfigs: --out handouts is inside dist/, which synth replaces; pick a folder outside it'],
    ]);
  });

  test('naming a file is one line, not a stack trace', async () => {
    const cwd = project();
    fs.writeFileSync(path.join(cwd, 'taken'), 'x');
    const r = await run(['--out', 'taken'], cwd);
    expect([r.code, r.err]).toEqual([
      2,
      ['kubeconfigs: --out taken exists and is not a folder; name a folder for the kubeconfigs'],
    ]);
  });

  test('an existing folder open to everyone is made private before a token goes in', async () => {
    const cwd = project();
    fs.mkdirSync(path.join(cwd, 'open'));
    fs.chmodSync(path.join(cwd, 'open'), 0o777);
    const r = await run(['--out', 'open'], cwd);
    expect(r.code).toBe(0);
    expect(fs.statSync(path.join(cwd, 'open')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(cwd, 'open', 'alice.kubeconfig')).mode & 0o777).toBe(0o600);
  });

  test('--server with credentials is refused', async () => {
    const r = await run(['--server', 'https://admin:pw@10.0.0.1:6443'], project());
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('--server: the server URL https://10.0.0.1:6443 carries a user name or password');
    expect(r.err[0]).not.toContain('pw');
  });
});
