import { spawn, spawnSync } from 'child_process';
import * as http from 'http';
import { AddressInfo } from 'net';
import { LOADER_SCRIPT, WAIT_FOR_WORK_SCRIPT, WorkQueue } from '../lib/work-queue';
import { matches } from '../src/validation/references';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, podSpec } from './util';

function synth(props = {}) {
  const chart = exerciseChart('work-queue');
  new WorkQueue(chart, 'WorkQueue', props);
  return chart.toJson();
}

/**
 * An in-memory MemQ server with kuard's routes and JSON (pkg/memq/server). `dropEnqueue` makes the
 * n-th enqueue request fail without storing the item, as a crash of the loader half-way would.
 */
function memq(dropEnqueue = 0) {
  const queues = new Map<string, { items: string[]; enqueued: number }>();
  let enqueues = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => body += chunk);
    req.on('end', () => {
      const m = /^\/memq\/server\/(?:(stats)|queues\/([^/]+)(?:\/(enqueue))?)$/.exec(req.url ?? '');
      const q = m?.[2] ? queues.get(m[2]) : undefined;
      if (m?.[1] && req.method === 'GET') {
        const stats = [...queues].map(([name, s]) => ({ name, depth: s.items.length, enqueued: s.enqueued, dequeued: s.enqueued - s.items.length, drained: 0 }));
        res.end(JSON.stringify({ kind: 'stats', queues: stats }) + '\n');
      } else if (m?.[2] && !m[3] && req.method === 'PUT') {
        if (q) res.writeHead(400).end('already exists\n');
        else { queues.set(m[2], { items: [], enqueued: 0 }); res.end(); }
      } else if (m?.[3] && req.method === 'POST' && q) {
        if (++enqueues === dropEnqueue) { req.socket.destroy(); return; }
        q.items.push(body);
        q.enqueued++;
        res.end(JSON.stringify({ kind: 'message', body }) + '\n');
      } else {
        res.writeHead(400).end('does not exist\n');
      }
    });
  });
  return { server, queues };
}

/**
 * Runs a script of the chart with sh and curl, as the pod would, against `url`. After `timeout` ms
 * the whole process group is killed (sh and its `sleep`), and `timedOut` says so.
 */
function runScript(script: string, url: string, timeout = 20_000): Promise<{ code: number | null; timedOut: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', script], {
      env: { PATH: process.env.PATH, QUEUE_URL: url, QUEUE_NAME: 'keygen', WORK_ITEMS: '100' },
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => stdout += chunk);
    const timer = setTimeout(() => { timedOut = true; process.kill(-child.pid!, 'SIGKILL'); }, timeout);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, timedOut, stdout }); });
  });
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;

describe('WorkQueue', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('creates the queue ReplicaSet and Service, the loader Job and the consumers Job, in that order', () => {
    expect(synth().map((o: any) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`)).toEqual([
      'apps/v1 ReplicaSet/queue', 'v1 Service/queue', 'batch/v1 Job/queue-loader', 'batch/v1 Job/consumers',
    ]);
  });

  test('runs one kuard replica as the queue, selected by app=work-queue,component=queue and ready once MemQ answers', () => {
    const rs = find(synth(), 'ReplicaSet', 'queue');
    expect(rs.spec.replicas).toEqual(1);
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'work-queue', component: 'queue' } });
    const [c] = podSpec(rs).containers;
    expect(c.name).toEqual('queue');
    expect(c.image).toEqual('gcr.io/kuar-demo/kuard-amd64:1');
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/memq/server/stats', port: 8080 });
  });

  test('exposes the queue as Service queue on 8080, selecting only the queue pods', () => {
    const objects = synth();
    const svc = find(objects, 'Service', 'queue');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }]);
    const selected = objects.filter((o: any) => o.spec.template && matches(svc.spec.selector, o.spec.template.metadata.labels));
    expect(selected.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['ReplicaSet/queue']);
  });

  test('runs 5 kuard consumers at once on the keygen queue, without completions', () => {
    const job = find(synth(), 'Job', 'consumers');
    expect(job.spec.parallelism).toEqual(5);
    expect(job.spec.completions).toBeUndefined();
    const spec = podSpec(job);
    expect(spec.restartPolicy).toEqual('OnFailure');
    expect(spec.containers[0].name).toEqual('worker');
    expect(spec.containers[0].args).toEqual([
      '--keygen-enable', '--keygen-exit-on-complete', '--keygen-memq-server=http://queue:8080/memq/server', '--keygen-memq-queue=keygen',
    ]);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['wait-for-work']);
    expect(spec.initContainers[0].command).toEqual(['/bin/sh', '-c', WAIT_FOR_WORK_SCRIPT]);
  });

  test('loads the queue from a Job with curl, after waiting for the queue server', () => {
    const spec = podSpec(find(synth(), 'Job', 'queue-loader'));
    expect(spec.restartPolicy).toEqual('OnFailure');
    expect(spec.initContainers.map((c: any) => `${c.name} ${c.image}`)).toEqual(['wait-for-queue curlimages/curl:8.10.1']);
    expect(spec.containers.map((c: any) => `${c.name} ${c.image}`)).toEqual(['loader curlimages/curl:8.10.1']);
    expect(spec.containers[0].command).toEqual(['/bin/sh', '-c', LOADER_SCRIPT]);
    expect(spec.containers[0].env).toEqual([
      { name: 'QUEUE_URL', value: 'http://queue:8080/memq/server' },
      { name: 'QUEUE_NAME', value: 'keygen' },
      { name: 'WORK_ITEMS', value: '100' },
    ]);
  });

  test('labels every object and pod template chapter=jobs with the text\'s app and component', () => {
    const expected: Record<string, [string, string]> = {
      'ReplicaSet/queue': ['work-queue', 'queue'],
      'Service/queue': ['work-queue', 'queue'],
      'Job/queue-loader': ['work-queue', 'loader'],
      'Job/consumers': ['message-queue', 'consumer'],
    };
    for (const o of synth()) {
      const [app, component] = expected[`${o.kind}/${o.metadata.name}`];
      const want = expect.objectContaining({ app, component, chapter: 'jobs' });
      expect(o.metadata.labels).toEqual(want);
      if (o.spec.template) expect(o.spec.template.metadata.labels).toEqual(want);
    }
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('applies every prop', () => {
    const objects = synth({ image: 'kuard:test', curlImage: 'curl:test', queueName: 'jobs', workItems: 7, parallelism: 2 });
    const consumers = find(objects, 'Job', 'consumers');
    expect(consumers.spec.parallelism).toEqual(2);
    expect(podSpec(consumers).containers[0].image).toEqual('kuard:test');
    expect(podSpec(consumers).containers[0].args).toContain('--keygen-memq-queue=jobs');
    expect(podSpec(consumers).initContainers[0].image).toEqual('curl:test');
    expect(podSpec(find(objects, 'ReplicaSet', 'queue')).containers[0].image).toEqual('kuard:test');
    expect(podSpec(find(objects, 'Job', 'queue-loader')).containers[0].env).toEqual(expect.arrayContaining([
      { name: 'QUEUE_NAME', value: 'jobs' }, { name: 'WORK_ITEMS', value: '7' },
    ]));
  });

  test('fails when parallelism is zero', () => {
    expect(() => synth({ parallelism: 0 })).toThrow('parallelism must be a positive integer, got 0 (at work-queue/WorkQueue)');
  });

  test('fails when workItems is zero', () => {
    expect(() => synth({ workItems: 0 })).toThrow('workItems must be a positive integer, got 0 (at work-queue/WorkQueue)');
  });

  test('fails when the queue name is not a DNS label', () => {
    expect(() => synth({ queueName: 'key gen' })).toThrow(
      'queueName must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "key gen" (at work-queue/WorkQueue)');
  });

  // The scripts run with the local sh and curl against a MemQ stand-in (skipped without curl).
  (hasCurl ? describe : describe.skip)('scripts', () => {
    let mq: ReturnType<typeof memq>;
    let url: string;
    async function start(dropEnqueue = 0) {
      mq = memq(dropEnqueue);
      await new Promise<void>((resolve) => mq.server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(mq.server.address() as AddressInfo).port}/memq/server`;
    }
    afterEach(() => new Promise<void>((resolve) => mq.server.close(() => resolve())));

    test('the loader creates the queue and enqueues work-item-0 to work-item-99', async () => {
      await start();
      const run = await runScript(LOADER_SCRIPT, url);
      expect(run.code).toEqual(0);
      expect(mq.queues.get('keygen')!.items).toEqual(Array.from({ length: 100 }, (_, i) => `work-item-${i}`));
    }, 30_000);

    test('a loader retried after failing half-way enqueues only the missing items; a second run adds none', async () => {
      await start(38);
      expect((await runScript(LOADER_SCRIPT, url)).code).not.toEqual(0);
      expect(mq.queues.get('keygen')!.items).toHaveLength(37);
      mq.queues.get('keygen')!.items.splice(0, 5); // consumers took some meanwhile
      const retry = await runScript(LOADER_SCRIPT, url);
      expect(retry.code).toEqual(0);
      expect(retry.stdout).toContain('queue keygen has received 37 of 100 work items');
      expect((await runScript(LOADER_SCRIPT, url)).code).toEqual(0);
      const { items, enqueued } = mq.queues.get('keygen')!;
      expect(enqueued).toEqual(100);
      expect(items).toEqual(Array.from({ length: 95 }, (_, i) => `work-item-${i + 5}`));
    }, 30_000);

    test('the consumers wait until the queue has received every item, even after some were taken', async () => {
      await start(38);
      const noQueue = await runScript(WAIT_FOR_WORK_SCRIPT, url, 2500);
      expect(noQueue.timedOut).toBe(true);
      expect(noQueue.stdout).toContain('waiting until queue keygen has received 100 work items (now: no queue yet)');
      await runScript(LOADER_SCRIPT, url); // fails after 37 items
      const halfLoaded = await runScript(WAIT_FOR_WORK_SCRIPT, url, 2500);
      expect(halfLoaded.timedOut).toBe(true);
      expect(halfLoaded.stdout).toContain('waiting until queue keygen has received 100 work items (now: 37)');
      await runScript(LOADER_SCRIPT, url);
      mq.queues.get('keygen')!.items.splice(0, 50);
      const loaded = await runScript(WAIT_FOR_WORK_SCRIPT, url);
      expect(loaded.code).toEqual(0);
      expect(loaded.stdout).toContain('queue keygen has received all 100 work items: starting the worker');
    }, 30_000);
  });
});
