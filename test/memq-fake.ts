// A stand-in for kuard's MemQ server (pkg/memq/server: routes, status codes and compact JSON), and a
// runner for the chart's shell scripts with the local sh and curl, as the pods run them. Nothing
// here sleeps: the scripts poll with POLL_SECONDS=0, and the server changes its state on the n-th
// stats request (`onStats`), so a wait is a count of polls, not a time.
import { spawn, spawnSync } from 'child_process';
import * as http from 'http';
import { AddressInfo } from 'net';

export interface FakeQueue {
  items: string[];
  enqueued: number;
}

export interface FakeMemqOptions {
  /** The n-th enqueue request (from 1) fails without storing the item, as a dropped connection. */
  readonly dropEnqueue?: number;
  /** The first n stats requests answer 503, as a server that is not up yet. */
  readonly unavailableStats?: number;
  /** Called with the request count (from 1) before each stats request is answered. */
  readonly onStats?: (n: number, memq: FakeMemq) => void;
}

export interface FakeMemq {
  readonly queues: Map<string, FakeQueue>;
  /** Every body stored by an enqueue, in order, across restarts. */
  readonly enqueuedBodies: string[];
  readonly url: string;
  /** Loses every queue, as a restarted queue pod does (MemQ lives in memory). */
  restart(): void;
  /** Takes up to `n` items from a queue, as consumers would. */
  take(queue: string, n: number): void;
  close(): Promise<void>;
}

export async function startMemq(options: FakeMemqOptions = {}): Promise<FakeMemq> {
  const queues = new Map<string, FakeQueue>();
  const enqueuedBodies: string[] = [];
  let enqueues = 0;
  let stats = 0;
  // eslint-disable-next-line prefer-const
  let memq: FakeMemq;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const m = /^\/memq\/server\/(?:(stats)|queues\/([^/]+)(?:\/(enqueue))?)$/.exec(req.url ?? '');
      if (m?.[1] && req.method === 'GET') {
        stats++;
        if (stats <= (options.unavailableStats ?? 0)) {
          res.writeHead(503).end();
          return;
        }
        options.onStats?.(stats, memq);
        const list = [...queues].map(([name, s]) => ({
          name,
          depth: s.items.length,
          enqueued: s.enqueued,
          dequeued: s.enqueued - s.items.length,
          drained: 0,
        }));
        res.end(JSON.stringify({ kind: 'stats', queues: list }) + '\n');
        return;
      }
      const q = m?.[2] ? queues.get(m[2]) : undefined;
      if (m?.[2] && !m[3] && req.method === 'PUT') {
        if (q) res.writeHead(400).end('already exists\n');
        else {
          queues.set(m[2], { items: [], enqueued: 0 });
          res.end();
        }
      } else if (m?.[3] && req.method === 'POST' && q) {
        if (++enqueues === options.dropEnqueue) {
          req.socket.destroy();
          return;
        }
        q.items.push(body);
        q.enqueued++;
        enqueuedBodies.push(body);
        res.end(JSON.stringify({ kind: 'message', body }) + '\n');
      } else {
        res.writeHead(400).end('does not exist\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  memq = {
    queues,
    enqueuedBodies,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/memq/server`,
    restart: () => queues.clear(),
    take: (queue, n) => {
      queues.get(queue)?.items.splice(0, n);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return memq;
}

/** `work-item-<from>` to `work-item-<to - 1>`. */
export function workItems(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `work-item-${from + i}`);
}

export interface ScriptRun {
  readonly code: number | null;
  readonly killed: boolean;
  readonly stdout: string;
}

/**
 * Runs `script` with sh against `url`, with the pod's environment (queue keygen, `workItems` items)
 * and no pause between polls. A script still running after `limit` ms (a bug: the server's state
 * makes every wait end long before) is killed with its process group, and `killed` says so.
 */
export function runScript(script: string, url: string, workItems = 100, limit = 20_000): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', script], {
      env: {
        PATH: process.env.PATH,
        QUEUE_URL: url,
        QUEUE_NAME: 'keygen',
        WORK_ITEMS: String(workItems),
        POLL_SECONDS: '0',
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    let killed = false;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => {
      killed = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, limit);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, stdout });
    });
  });
}

export const hasCurl = spawnSync('curl', ['--version']).status === 0;
