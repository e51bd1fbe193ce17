// The kuard-compatible program the Job-patterns exercises run (lib/kuard-workload.ts), run here as
// the pods run it: the ConfigMap's text, written to a file and started with node and kuard's flags.
// Only the key size (1024 instead of 4096 bits) and the retry pause are made small, through the
// program's two test seams, so that nothing here sleeps for real.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { KUARD_SCRIPT } from '../lib/kuard-workload';
import { LOADER_SCRIPT, WAIT_FOR_WORK_SCRIPT } from '../lib/memq';
import { hasCurl, runScript } from './memq-fake';
import { tempDir } from './util';
import type { Json } from '../src/json';

const FAST = { KUARD_KEY_BITS: '1024', KUARD_RETRY_MS: '20' };

let script: string;
beforeAll(() => {
  script = path.join(tempDir('kuard-'), 'kuard.js');
  fs.writeFileSync(script, KUARD_SCRIPT);
});

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the program with `args`; `done` settles when it exits (killed after `limit` ms: a bug). */
function start(
  args: string[],
  options: { node?: string[]; limit?: number } = {},
): { child: ChildProcess; done: Promise<Run>; stderr: () => string } {
  const child = spawn(process.execPath, [...(options.node ?? [script]), ...args], {
    env: { PATH: process.env.PATH, ...FAST },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Run>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.limit ?? 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
  return { child, done, stderr: () => stderr };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A MemQ server (the queue pod), answering once it is up. */
async function startQueue(): Promise<{ url: string; stderr: () => string }> {
  const port = await freePort();
  const queue = start([`--address=127.0.0.1:${port}`]);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 500; i++) {
    try {
      await fetch(`${url}/memq/server/stats`);
      return { url, stderr: queue.stderr };
    } catch {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  throw new Error(`the queue did not start: ${queue.stderr()}`);
}

/**
 * A pass-through to `target` that holds requests while closed and forwards them once opened: what
 * goes through it is the real server's answer, only later.
 */
async function startGate(target: string) {
  let waiting: Array<() => void> | undefined;
  const server = http.createServer((req, res) => {
    const forward = () => {
      const body: Buffer[] = [];
      req.on('data', (chunk: Buffer) => body.push(chunk));
      req.on('end', async () => {
        const answer = await fetch(`${target}${req.url}`, {
          method: req.method,
          body: body.length > 0 ? Buffer.concat(body) : undefined,
        });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    };
    if (waiting) waiting.push(forward);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      waiting = [];
    },
    open: () => {
      const held = waiting ?? [];
      waiting = undefined;
      held.forEach((forward) => forward());
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const itemsDone = (log: string) =>
  log.split('\n').filter((l) => / Item done: SHA256:[A-Za-z0-9+/]{43}$/.test(l)).length;

describe('the kuard-compatible program', () => {
  describe('as a module', () => {
    let kuard: Json;
    beforeAll(() => {
      kuard = require(script);
    });

    test('fingerprints a key as kuard does (ssh.FingerprintSHA256), equal to what ssh-keygen -l printed for it', () => {
      const crypto = jest.requireActual('crypto') as typeof import('crypto');
      // A 4096-bit public key and the fingerprint `ssh-keygen -i -m PKCS8 | ssh-keygen -lf -` printed for it.
      const pem = [
        'MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAuLcvAbaKQdk7XPOPgrmr',
        'I5AVlPxIMPkMcDq/Sjq3kIo8ZKRYMq7zgfsmaP5MgTie+VEuMpCAT2dF0QyUSsf3',
        'rDxG49o7H7XRv9rKHjmIVKMqQiX7mUe2gcyBdXnO4N/ag3GX/w1DaLlIAgSnzCcs',
        'AWfmFj9FkHr2xeGGCxdLGXfuoJBR/Ar/DRuPPGTNsKKXIysz+olnxavPoCrb4CX7',
        '8MRpQVMTelhHW2MujY3kM6J1ed05AFzSmpcsm6bAqV4AwCD6iLGcnRH9G2baA41H',
        'T22HczIO0S3tn5qnL8yjPjcBvmjJTtEqrQI7+PnRHIEE3+HwrNPyD/vdw1ZdDNj4',
        '9xJLEZfeW8i97nQdjJgN8ZqEWm4Le4qTjUbbk7P+lIU57RMJR2eznaz7OXf2/qYu',
        '3OQSEQwRZvY0fUc9KTQr7iykTeown8vyNqfmD32/6mBp1c+xCW3ZWFpGZfXllsuF',
        '540vS8DsIM7GCDuZ/8P9MuEUc6JS1Z0k+6k/otMePmjEMOiZ1WpYBL6MCwjLicLL',
        'UmMJ0n0NlQAHDo44wsyMMUx1Ske9Pofz5zgTs/Zonrbb1ojXQogYA6u55tL2xBFD',
        'f8PUxc2aqIimq7Armuij/SPq5aIRKcvg4tH3PCU2iaCQswY2WT16OrUr6Y5S2pPg',
        'IXeDk2Lev5dBIM8V3Xlb2mcCAwEAAQ==',
      ].join('\n');
      const key = crypto.createPublicKey(`-----BEGIN PUBLIC KEY-----\n${pem}\n-----END PUBLIC KEY-----\n`);
      expect(kuard.sshFingerprint(key)).toEqual('SHA256:wEWqMvF2kyanrsvS/TdNRTOS3RdEmqQWl+bQ35PqTlo');
    });

    test("parses kuard's flags as pflag does: --name value (kubectl run's form), --name=value, bare booleans", () => {
      const v = kuard.parseFlags(['--keygen-enable', '--keygen-exit-on-complete', '--keygen-num-to-gen', '10']);
      expect(v).toEqual(
        expect.objectContaining({
          'keygen-enable': true,
          'keygen-exit-on-complete': true,
          'keygen-num-to-gen': 10,
          address: ':8080',
        }),
      );
      expect(kuard.parseFlags(['--keygen-num-to-gen=0x10', '--keygen-enable=false', 'ignored'])).toEqual(
        expect.objectContaining({ 'keygen-num-to-gen': 16, 'keygen-enable': false }),
      );
      expect(
        kuard.parseFlags(['--keygen-memq-server=http://queue:8080/memq/server', '--keygen-memq-queue', 'keygen']),
      ).toEqual(
        expect.objectContaining({
          'keygen-memq-server': 'http://queue:8080/memq/server',
          'keygen-memq-queue': 'keygen',
        }),
      );
      expect(kuard.parseFlags(['--', '--not-a-flag'])['keygen-enable']).toBe(false);
    });

    test('refuses what pflag refuses, with its messages', () => {
      expect(() => kuard.parseFlags(['--keygen-bogus'])).toThrow('unknown flag: --keygen-bogus');
      // The seed's YAML has "-- keygen-enable" with a space: kuard refuses it the same way.
      expect(() => kuard.parseFlags(['-- keygen-enable'])).toThrow('unknown flag: -- keygen-enable');
      expect(() => kuard.parseFlags(['--keygen-num-to-gen=ten'])).toThrow(
        'invalid argument "ten" for "--keygen-num-to-gen" flag: strconv.ParseInt: parsing "ten": invalid syntax',
      );
      expect(() => kuard.parseFlags(['--keygen-num-to-gen'])).toThrow('flag needs an argument: --keygen-num-to-gen');
      expect(() => kuard.parseFlags(['--keygen-enable=yes'])).toThrow(
        'strconv.ParseBool: parsing "yes": invalid syntax',
      );
    });

    test("writes JSON as Go's encoding/json does: HTML characters escaped, one newline after", () => {
      expect(kuard.goJson({ body: '<a&b>' })).toEqual('{"body":"\\u003ca\\u0026b\\u003e"}\n');
      expect(kuard.rfc3339Nano(new Date('2026-12-03T10:00:00.120Z'))).toEqual('2026-12-03T10:00:00.12Z');
      expect(kuard.rfc3339Nano(new Date('2026-12-03T10:00:00.000Z'))).toEqual('2026-12-03T10:00:00Z');
    });
  });

  test('one shot: generates the configured number of keys, logs each as kuard does, then exits with the configured code', async () => {
    const port = await freePort();
    const run = await start([
      `--address=127.0.0.1:${port}`,
      '--keygen-enable',
      '--keygen-exit-on-complete',
      '--keygen-num-to-gen',
      '3',
      '--keygen-exit-code=1',
    ]).done;
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, ''));
    expect(lines).toEqual(
      expect.arrayContaining([
        '(ID 0) Workload starting',
        '(ID 0) Workload exiting',
        `Serving on HTTP on 127.0.0.1:${port}`,
      ]),
    );
    expect(lines.filter((l) => l.startsWith('(ID 0 ')).map((l) => l.replace(/SHA256:.*/, 'SHA256:…'))).toEqual([
      '(ID 0 1/3) Item done: SHA256:…',
      '(ID 0 2/3) Item done: SHA256:…',
      '(ID 0 3/3) Item done: SHA256:…',
    ]);
    expect(itemsDone(run.stderr)).toBe(3);
    expect(run.stderr).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Starting kuard version: /);
    expect(run.stderr).toContain('"num-to-gen": 3');
  });

  test("exits 0 by default, and runs from `node -e` as the student guide's kubectl run form does", async () => {
    const port = await freePort();
    const run = await start(
      [`--address=127.0.0.1:${port}`, '--keygen-enable', '--keygen-exit-on-complete', '--keygen-num-to-gen', '2'],
      { node: ['-e', KUARD_SCRIPT, '--'] },
    ).done;
    expect(run.code).toBe(0);
    expect(itemsDone(run.stderr)).toBe(2);
  });

  test('an unknown flag ends with exit code 2, the error and the usage, as pflag does', async () => {
    const run = await start(['--keygen-bogus']).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^unknown flag: --keygen-bogus\nUsage of kuard:\n/);
    expect(run.stderr).toContain('--keygen-num-to-gen int');
  });

  test('ends at once on SIGTERM, which PID 1 would otherwise ignore', async () => {
    const queue = await startQueue();
    const run = children[children.length - 1];
    const done = new Promise<number | null>((resolve) => run.on('close', (code) => resolve(code)));
    run.kill('SIGTERM');
    expect(await done).toBe(143);
    expect(queue.stderr()).toContain('Serving on HTTP');
  });

  test("the queue takes the text's curl load with MemQ's status codes and JSON", async () => {
    const { url } = await startQueue();
    const server = `${url}/memq/server`;
    const created = await fetch(`${server}/queues/keygen`, { method: 'PUT' });
    expect([created.status, await created.text()]).toEqual([200, '']);
    const again = await fetch(`${server}/queues/keygen`, { method: 'PUT' });
    expect([again.status, again.headers.get('content-type'), await again.text()]).toEqual([
      400,
      'text/plain; charset=utf-8',
      'already exists\n',
    ]);
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${server}/queues/keygen/enqueue`, { method: 'POST', body: `work-item-${i}` });
      expect(res.status).toBe(200);
      const message = await res.json();
      expect(message).toEqual({
        kind: 'message',
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        body: `work-item-${i}`,
        creationTimestamp: expect.any(String),
      });
    }
    const stats = await fetch(`${server}/stats`);
    expect(stats.headers.get('content-type')).toEqual('application/json');
    expect(await stats.text()).toEqual(
      '{"kind":"stats","queues":[{"name":"keygen","depth":100,"enqueued":100,"dequeued":0,"drained":0}]}\n',
    );

    const first = await fetch(`${server}/queues/keygen/dequeue`, { method: 'POST' });
    expect(((await first.json()) as { body: string }).body).toEqual('work-item-0');
    expect((await fetch(`${server}/queues/missing/dequeue`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${server}/queues/missing/enqueue`, { method: 'POST', body: 'x' })).status).toBe(400);
    expect((await fetch(`${server}/queues/keygen/drain`, { method: 'POST' })).status).toBe(200);
    expect(await (await fetch(`${server}/stats`)).json()).toEqual({
      kind: 'stats',
      queues: [{ name: 'keygen', depth: 0, enqueued: 100, dequeued: 1, drained: 99 }],
    });
    expect((await fetch(`${server}/queues/keygen/dequeue`, { method: 'POST' })).status).toBe(204);
    expect((await fetch(`${server}/queues/keygen`, { method: 'GET' })).status).toBe(405);
    expect((await fetch(`${url}/fs/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${server}/queues/keygen`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await fetch(`${server}/stats`)).json()).toEqual({ kind: 'stats', queues: [] });
    // The status page the text's "MemQ Server" tab stands for.
    expect(await (await fetch(`${url}/`)).text()).toContain('<h2>MemQ Server</h2>');
  });

  test('the consumers drain the queue between them, each key once, and all exit 0', async () => {
    const { url } = await startQueue();
    const server = `${url}/memq/server`;
    await fetch(`${server}/queues/keygen`, { method: 'PUT' });
    for (let i = 0; i < 12; i++)
      await fetch(`${server}/queues/keygen/enqueue`, { method: 'POST', body: `work-item-${i}` });
    const consumers = await Promise.all(
      [1, 2, 3].map(
        async () =>
          start([
            '--address=127.0.0.1:0',
            '--keygen-enable',
            '--keygen-exit-on-complete',
            `--keygen-memq-server=${server}`,
            '--keygen-memq-queue=keygen',
          ]).done,
      ),
    );
    expect(consumers.map((c) => c.code)).toEqual([0, 0, 0]);
    expect(consumers.every((c) => c.stderr.includes('MemQ Worker starting'))).toBe(true);
    expect(consumers.reduce((n, c) => n + itemsDone(c.stderr), 0)).toBe(12);
    expect(await (await fetch(`${server}/stats`)).json()).toEqual({
      kind: 'stats',
      queues: [{ name: 'keygen', depth: 0, enqueued: 12, dequeued: 12, drained: 0 }],
    });
  });

  test("a consumer retries while the queue is missing, as kuard's MemQ worker does, and carries on once it is loaded", async () => {
    const { url } = await startQueue();
    // The consumer talks to the queue through a gate: while the test creates the queue and puts the
    // item in, the consumer's retry waits, so it never finds the queue created but still empty
    // (which would end it with nothing done), however late this test sees its first error.
    const gate = await startGate(url);
    try {
      const consumer = start([
        '--address=127.0.0.1:0',
        '--keygen-enable',
        '--keygen-exit-on-complete',
        `--keygen-memq-server=${gate.url}/memq/server`,
        '--keygen-memq-queue=keygen',
      ]);
      while (!consumer.stderr().includes('Error talking to server: HTTP Error: 400 Bad Request. Retrying after 1s.')) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      gate.close();
      await fetch(`${url}/memq/server/queues/keygen`, { method: 'PUT' });
      await fetch(`${url}/memq/server/queues/keygen/enqueue`, { method: 'POST', body: 'work-item-0' });
      gate.open();
      const run = await consumer.done;
      expect(run.code).toBe(0);
      expect(itemsDone(run.stderr)).toBe(1);
    } finally {
      await gate.stop();
    }
  });

  (hasCurl ? test : test.skip)(
    'the in-cluster loader, the wait-for-work init script and the consumers work against it end to end',
    async () => {
      const { url } = await startQueue();
      const server = `${url}/memq/server`;
      const loading = runScript(LOADER_SCRIPT, server, 5);
      const wait = await runScript(WAIT_FOR_WORK_SCRIPT, server, 5);
      expect(wait.code).toBe(0);
      expect(wait.stdout).toContain('queue keygen has received all 5 work items: starting the worker');
      const consumer = await start([
        '--address=127.0.0.1:0',
        '--keygen-enable',
        '--keygen-exit-on-complete',
        `--keygen-memq-server=${server}`,
        '--keygen-memq-queue=keygen',
      ]).done;
      expect(consumer.code).toBe(0);
      expect(itemsDone(consumer.stderr)).toBe(5);
      // The loader stays until the consumers have taken every item, then ends.
      const loader = await loading;
      expect([loader.code, loader.killed]).toEqual([0, false]);
      expect(loader.stdout).toContain('the consumers have taken all 5 work items from queue keygen');
    },
  );
});
