import { WAIT_FOR_WORK_SCRIPT } from '../lib/memq';
import { WorkQueueConsumers } from '../lib/work-queue-consumers';
import { FakeMemq, hasCurl, runScript, startMemq, workItems } from './memq-fake';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, podSpec } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('work-queue-consumers');
  new WorkQueueConsumers(chart, 'WorkQueueConsumers', props);
  return chart.toJson();
}

describe('WorkQueueConsumers', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs 5 kuard consumers at once on the keygen queue, without completions, labelled as the text does', () => {
    const objects = synth();
    expect(objects.map((o: Json) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/kuard-consumers',
      'Job/consumers',
    ]);
    const job = find(objects, 'Job', 'consumers');
    expect(job.metadata.labels).toEqual(
      expect.objectContaining({ app: 'message-queue', component: 'consumer', chapter: 'jobs' }),
    );
    expect(job.spec.parallelism).toEqual(5);
    expect(job.spec.completions).toBeUndefined();
    const spec = podSpec(job);
    expect(spec.restartPolicy).toEqual('OnFailure');
    expect(spec.containers[0].name).toEqual('worker');
    expect(spec.containers[0].args).toEqual([
      '--keygen-enable',
      '--keygen-exit-on-complete',
      '--keygen-memq-server=http://queue:8080/memq/server',
      '--keygen-memq-queue=keygen',
    ]);
  });

  test('holds each worker in init container wait-for-work until the queue has received the work items', () => {
    const [init] = podSpec(find(synth(), 'Job', 'consumers')).initContainers;
    expect(init.name).toEqual('wait-for-work');
    expect(init.image).toEqual('curlimages/curl:8.21.0');
    expect(init.command).toEqual(['/bin/sh', '-c', WAIT_FOR_WORK_SCRIPT]);
    expect(init.env).toEqual([
      { name: 'QUEUE_URL', value: 'http://queue:8080/memq/server' },
      { name: 'QUEUE_NAME', value: 'keygen' },
      { name: 'WORK_ITEMS', value: '100' },
      { name: 'POLL_SECONDS', value: '2' },
    ]);
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('applies every prop', () => {
    const job = find(
      synth({ image: 'kuard:test', curlImage: 'curl:test', queueName: 'jobs', workItems: 7, parallelism: 2 }),
      'Job',
      'consumers',
    );
    expect(job.spec.parallelism).toEqual(2);
    const spec = podSpec(job);
    expect(spec.containers[0].image).toEqual('kuard:test');
    expect(spec.containers[0].args).toContain('--keygen-memq-queue=jobs');
    expect(spec.initContainers[0].image).toEqual('curl:test');
    expect(spec.initContainers[0].env).toEqual(
      expect.arrayContaining([
        { name: 'QUEUE_NAME', value: 'jobs' },
        { name: 'WORK_ITEMS', value: '7' },
      ]),
    );
  });

  test('fails when parallelism is zero', () => {
    expect(() => synth({ parallelism: 0 })).toThrow(
      'parallelism must be a positive integer, got 0 (at work-queue-consumers/WorkQueueConsumers)',
    );
  });

  // Each test spawns curl a few hundred times: a generous limit for a busy machine, not a speed goal.
  const SCRIPT_TIMEOUT = 30_000;

  (hasCurl ? describe : describe.skip)('wait-for-work, run with sh and curl against a MemQ stand-in', () => {
    let memq: FakeMemq;
    afterEach(() => memq.close());

    test(
      'waits for the server, for the queue and for all 100 items, then lets the worker start even after some were taken',
      async () => {
        memq = await startMemq({
          unavailableStats: 2,
          onStats: (n, m) => {
            if (n === 5) m.queues.set('keygen', { items: workItems(0, 37), enqueued: 37 });
            // The text's curl loop finishes, and early consumers have already taken 50 items.
            if (n === 8) m.queues.set('keygen', { items: workItems(50, 100), enqueued: 100 });
          },
        });
        const run = await runScript(WAIT_FOR_WORK_SCRIPT, memq.url);
        expect(run).toEqual(expect.objectContaining({ code: 0, killed: false }));
        expect(run.stdout.split('\n')).toEqual([
          'waiting until queue keygen has received 100 work items (now: no answer from the queue server yet)',
          'waiting until queue keygen has received 100 work items (now: no queue yet)',
          'waiting until queue keygen has received 100 work items (now: 37)',
          'queue keygen has received all 100 work items: starting the worker',
          '',
        ]);
      },
      SCRIPT_TIMEOUT,
    );

    test(
      'after a restart of the queue pod, waits again until the queue is loaded again',
      async () => {
        memq = await startMemq({
          onStats: (n, m) => {
            if (n === 1) m.queues.set('keygen', { items: [], enqueued: 0 }); // the fresh queue of a restarted pod
            if (n === 4) m.queues.set('keygen', { items: workItems(0, 100), enqueued: 100 });
          },
        });
        const run = await runScript(WAIT_FOR_WORK_SCRIPT, memq.url);
        expect(run.code).toEqual(0);
        expect(run.stdout).toContain('(now: 0)');
      },
      SCRIPT_TIMEOUT,
    );
  });
});
