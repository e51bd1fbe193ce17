import { LOADER_SCRIPT, QUEUE_SELECTOR } from '../lib/memq';
import { WorkQueueLoader } from '../lib/work-queue-loader';
import { matches } from '../src/validation/extract/selectors';
import { FakeMemq, hasCurl, runScript, startMemq, workItems } from './memq-fake';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, podSpec } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('work-queue-loader');
  new WorkQueueLoader(chart, 'WorkQueueLoader', props);
  return chart.toJson();
}

/**
 * Work items per run: the scripts spawn curl for every item (and every curl costs a process start),
 * and 6 show every case 100 would: a dropped enqueue in the middle, a resumed load, a restart half way.
 */
const ITEMS = 6;

/** Consumers in the stand-in: once the queue has received every item, each poll sees 3 fewer waiting. */
function consumers(_n: number, m: FakeMemq): void {
  if ((m.queues.get('keygen')?.enqueued ?? 0) >= ITEMS) m.take('keygen', 3);
}

describe('WorkQueueLoader', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test("loads the queue from Job queue-loader with curl, in a pod the text's queue selector does not pick", () => {
    const objects = synth();
    expect(objects.map((o: Json) => `${o.kind}/${o.metadata.name}`)).toEqual(['Job/queue-loader']);
    const job = find(objects, 'Job', 'queue-loader');
    expect(job.spec.template.metadata.labels).toEqual(
      expect.objectContaining({ app: 'work-queue', component: 'loader', chapter: 'jobs' }),
    );
    expect(matches(QUEUE_SELECTOR, job.spec.template.metadata.labels)).toBe(false);
    const spec = podSpec(job);
    expect(spec.restartPolicy).toEqual('OnFailure');
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers.map((c: Json) => `${c.name} ${c.image}`)).toEqual(['loader curlimages/curl:8.21.0']);
    expect(spec.containers[0].command).toEqual(['/bin/sh', '-c', LOADER_SCRIPT]);
    expect(spec.containers[0].env).toEqual(expect.arrayContaining([{ name: 'POLL_SECONDS', value: '2' }]));
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('fails when workItems is zero', () => {
    expect(() => synth({ workItems: 0 })).toThrow(
      'workItems must be a positive integer, got 0 (at work-queue-loader/WorkQueueLoader)',
    );
  });

  // Each test spawns curl a few hundred times: a generous limit for a busy machine, not a speed goal.
  const SCRIPT_TIMEOUT = 30_000;

  (hasCurl ? describe : describe.skip)('the loader, run with sh and curl against a MemQ stand-in', () => {
    let memq: FakeMemq;
    afterEach(() => memq.close());

    test(
      'waits for the server, creates the queue, enqueues each work item once and ends when the consumers have taken them',
      async () => {
        memq = await startMemq({ unavailableStats: 3, dropEnqueue: 4, onStats: consumers });
        const run = await runScript(LOADER_SCRIPT, memq.url, ITEMS);
        expect(run).toEqual(expect.objectContaining({ code: 0, killed: false }));
        expect(memq.enqueuedBodies).toEqual(workItems(0, ITEMS));
        expect(memq.queues.get('keygen')).toEqual({ items: [], enqueued: ITEMS });
        expect(run.stdout.split('\n').slice(0, 5)).toEqual([
          'waiting for the queue server at ' + memq.url,
          'creating queue keygen and loading 6 work items',
          'enqueueing work-item-3 failed: trying again',
          'queue keygen has received all 6 work items; waiting until the consumers have taken them',
          'the consumers have taken all 6 work items from queue keygen:',
        ]);
      },
      SCRIPT_TIMEOUT,
    );

    test(
      'a retried pod enqueues only what the queue has not received; a run after the consumers are done adds nothing',
      async () => {
        memq = await startMemq({ onStats: consumers });
        memq.queues.set('keygen', { items: workItems(1, 3), enqueued: 3 });
        const retry = await runScript(LOADER_SCRIPT, memq.url, ITEMS);
        expect(retry.code).toEqual(0);
        expect(retry.stdout).toContain('queue keygen has received 3 of 6 work items: loading the rest');
        expect(memq.enqueuedBodies).toEqual(workItems(3, ITEMS));
        const again = await runScript(LOADER_SCRIPT, memq.url, ITEMS);
        expect(again.code).toEqual(0);
        expect(again.stdout.split('\n')[0]).toEqual('the consumers have taken all 6 work items from queue keygen:');
        expect(memq.enqueuedBodies).toHaveLength(ITEMS - 3);
      },
      SCRIPT_TIMEOUT,
    );

    test(
      'loads the queue again when the queue pod restarts before the consumers are done',
      async () => {
        let restarted = false;
        memq = await startMemq({
          onStats: (n, m) => {
            const q = m.queues.get('keygen');
            // Half the items taken: the consumers are not done.
            if (!restarted && q && q.enqueued >= ITEMS && q.items.length === ITEMS / 2) {
              restarted = true;
              m.restart();
              return;
            }
            consumers(n, m);
          },
        });
        const run = await runScript(LOADER_SCRIPT, memq.url, ITEMS);
        expect(run).toEqual(expect.objectContaining({ code: 0, killed: false }));
        expect(restarted).toBe(true);
        expect(run.stdout).toContain('queue keygen is gone (the queue pod restarted?): creating and loading it again');
        expect(memq.enqueuedBodies).toEqual([...workItems(0, ITEMS), ...workItems(0, ITEMS)]);
        expect(memq.queues.get('keygen')).toEqual({ items: [], enqueued: ITEMS });
      },
      SCRIPT_TIMEOUT,
    );
  });
});
