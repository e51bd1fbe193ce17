import { Verdict } from '../src/verify/checks';
import { httpKubeApi, KubeApi } from '../src/verify/kube-api';
import { planVerification } from '../src/verify/plan';
import { verify, VerifyReport } from '../src/verify/verify';
import { failedJob, healthyCluster, objectIn, removeExercise } from './cluster-fixtures';
import { ClusterState, emptyState, StandIn, startStandIn } from './kube-standin';
import { NAMESPACE } from './util';
import type { Json } from '../src/json';

let standIn: StandIn;
let api: KubeApi;

async function start(state: ClusterState): Promise<void> {
  standIn = await startStandIn(state);
  api = httpKubeApi(
    { server: standIn.url, options: { headers: { Authorization: `Bearer ${standIn.adminToken}` } } },
    { timeoutMs: 5000 },
  );
}

afterEach(async () => {
  api?.close();
  await standIn?.close();
});

function result(
  report: VerifyReport,
  exercise: string,
  title: RegExp,
): { verdict: Verdict; detail: string; hint?: string } {
  const e = report.namespaces[0].exercises.find((x) => x.exercise === exercise);
  const check = e?.checks.find((c) => title.test(c.title));
  if (!check) throw new Error(`no check ${title} in ${exercise}: ${e?.checks.map((c) => c.title).join('; ')}`);
  return check;
}

const job = (s: ClusterState, name: string) => objectIn(s, 'jobs', NAMESPACE, name);
const pod = (s: ClusterState, name: string) => objectIn(s, 'pods', NAMESPACE, name);
const podsOf = (s: ClusterState, jobName: string) =>
  s.objects.pods.filter((p) => p.metadata.ownerReferences?.[0]?.name === jobName);
const setLog = (s: ClusterState, p: Json, log: string) =>
  s.logs.set(`${NAMESPACE}/${p.metadata.name}/${p.spec.containers[0].name}`, log);
function running(j: Json, succeeded: number, active: number): void {
  j.status = { startTime: j.status.startTime, succeeded, active, ready: active };
}
function crashLooping(p: Json, container: string, reason = 'CrashLoopBackOff'): void {
  p.status.phase = 'Running';
  p.status.conditions.find((c: Json) => c.type === 'Ready').status = 'False';
  const s = p.status.containerStatuses.find((c: Json) => c.name === container);
  s.ready = false;
  s.state = { waiting: { reason, message: 'back-off 40s restarting failed container' } };
}

describe('verify, one namespace', () => {
  test('passes every check of every exercise on a cluster where each has done its work', async () => {
    await start(healthyCluster());
    const report = await verify(api, planVerification({}));
    const failing = report.namespaces[0].exercises.flatMap((e) =>
      e.checks.filter((c) => c.verdict !== 'pass').map((c) => `${e.exercise}: ${c.title}: ${c.detail}`),
    );
    expect(failing).toEqual([]);
    expect(report.verdict).toEqual('pass');
    expect(report.namespaces[0].exercises.map((e) => e.exercise)).toEqual([
      'voting-app',
      'trace-job',
      'shared-config-jobs',
      'config-volume-job',
      'heartbeat-cron',
      'service-accounts',
      'one-shot-job',
      'parallel-job',
      'work-queue',
      'work-queue-consumers',
      'factorial-job',
      'probes-pod',
      'retrying-job',
      'periodic-job',
    ]);
    expect(result(report, 'parallel-job', /^Job parallel reached 10\/10$/).detail).toEqual('10/10 completions');
    expect(result(report, 'factorial-job', /each of 3 pods of Job factorial5 prints 120/).detail).toEqual('3 pod(s)');
    expect(result(report, 'probes-pod', /restarted by its liveness probe/).detail).toEqual(
      'RESTARTS 2, killed (exit code 137)',
    );
  });

  test('makes one namespace read, one list per kind and one request per log it needs: 15 in all', async () => {
    await start(healthyCluster());
    const report = await verify(api, planVerification({}));
    expect(report.requests).toEqual({ lists: 7, logs: 8 });
    expect(standIn.requests).toHaveLength(15);
    const logged = standIn.requests.filter((r) => r.resource === 'pods/log').map((r) => r.path.split('/')[6]);
    const ownerOf = (name: string) =>
      standIn.state.objects.pods.find((p) => p.metadata.name === name)?.metadata.ownerReferences?.[0]?.name ?? name;
    expect(logged.map(ownerOf).sort()).toEqual([
      'create-pod-allowed',
      'create-pod-denied',
      'factorial5',
      'factorial5',
      'factorial5',
      'list-pods',
      'login-heartbeat-29412345',
      'volume-mount-explorer',
    ]);
  });

  test('never reads the log of peek-token, which is a ServiceAccount token', async () => {
    await start(healthyCluster());
    await verify(api, planVerification({}));
    expect(standIn.requests.filter((r) => r.path.includes('/pods/peek-token/'))).toEqual([]);
  });

  test('lists only the kinds the selected exercises read, and reads no log for them', async () => {
    await start(healthyCluster());
    const report = await verify(api, planVerification({}, { exercises: ['trace-job', 'one-shot-job'] }));
    expect(report.verdict).toEqual('pass');
    expect(standIn.requests.map((r) => `${r.verb} ${r.resource}`)).toEqual([
      'get namespaces',
      'list jobs',
      'list pods',
      'list events',
    ]);
  });

  // Each exercise: a cluster state where it did not work, and what verify says about it.
  const cases: Array<[string, string, (s: ClusterState) => void, RegExp, Verdict, RegExp, string?]> = [
    [
      'voting-app',
      'a crash-looping database',
      (s) => crashLooping(pod(s, 'data-pipeline-0'), 'db'),
      /^pod data-pipeline-0 Ready$/,
      'fail',
      /container db CrashLoopBackOff/,
      'kubectl get statefulset data-pipeline',
    ],
    [
      'voting-app',
      'a claim nothing provisions',
      (s) => {
        objectIn(s, 'persistentvolumeclaims', NAMESPACE, 'pg-data-data-pipeline-0').status = { phase: 'Pending' };
      },
      /claim pg-data-data-pipeline-0 Bound/,
      'pending',
      /storageClassName/,
      'kubectl get pvc',
    ],
    [
      'voting-app',
      'a front end whose image does not pull',
      (s) => {
        objectIn(s, 'deployments', NAMESPACE, 'vote').status.readyReplicas = 0;
        crashLooping(
          s.objects.pods.find((p) => p.metadata.name.startsWith('vote-')),
          'vote',
          'ImagePullBackOff',
        );
      },
      /Deployment vote Ready/,
      'fail',
      /0\/1 ready, container vote ImagePullBackOff/,
      'kubectl describe deployment vote',
    ],
    [
      'trace-job',
      'a trace that failed',
      (s) => {
        Object.assign(job(s, 'traceroute'), failedJob(job(s, 'traceroute'), 5));
      },
      /Job traceroute complete/,
      'fail',
      /failed: BackoffLimitExceeded, 5 failed/,
      'kubectl describe job traceroute',
    ],
    [
      'trace-job',
      'a trace still running',
      (s) => running(job(s, 'traceroute'), 0, 1),
      /Job traceroute complete/,
      'pending',
      /running: 0\/1 completions, 1 active/,
    ],
    [
      'trace-job',
      'a trace whose image does not pull',
      (s) => {
        running(job(s, 'traceroute'), 0, 1);
        crashLooping(podsOf(s, 'traceroute')[0], 'traceroute', 'ImagePullBackOff');
      },
      /Job traceroute complete/,
      'fail',
      /running: 0\/1 completions, 1 active, 0 failed; pod traceroute-\w+: container traceroute ImagePullBackOff/,
    ],
    [
      'one-shot-job',
      'a failing variant crash-looping as designed',
      (s) => {
        running(job(s, 'oneshot-failing'), 0, 1);
        crashLooping(podsOf(s, 'oneshot-failing')[0], 'kuard');
      },
      /Job oneshot-failing failed/,
      'pending',
      /still retrying/,
    ],
    [
      'shared-config-jobs',
      'a ping that failed',
      (s) => {
        Object.assign(job(s, 'ping-google'), failedJob(job(s, 'ping-google'), 5));
      },
      /Job ping-google complete/,
      'fail',
      /BackoffLimitExceeded/,
      'kubectl logs job/ping-google',
    ],
    [
      'config-volume-job',
      'a log without the username',
      (s) =>
        setLog(
          s,
          podsOf(s, 'volume-mount-explorer')[0],
          "ls: /etc/not-secret: No such file or directory\ncat: can't open '/etc/not-secret/username'",
        ),
      /log of Job volume-mount-explorer ends with Jeff/,
      'fail',
      /does not end with Jeff/,
      'kubectl logs job/volume-mount-explorer',
    ],
    [
      'heartbeat-cron',
      'a CronJob that has not fired yet',
      (s) => {
        objectIn(s, 'cronjobs', NAMESPACE, 'login-heartbeat').status = {};
        s.objects.pods = s.objects.pods.filter((p) => !p.metadata.name.startsWith('login-heartbeat-'));
      },
      /CronJob login-heartbeat has fired/,
      'pending',
      /not fired yet \(schedule \* \* \* \* \*\)/,
      'kubectl get cronjob login-heartbeat',
    ],
    [
      'heartbeat-cron',
      'a heartbeat that prints something else',
      (s) =>
        setLog(
          s,
          s.objects.pods.find((p) => p.metadata.name.startsWith('login-heartbeat-')),
          'cat: /run/secret/username: Permission denied\n',
        ),
      /log of a CronJob login-heartbeat run says has logged into/,
      'fail',
      /does not say has logged into/,
      'kubectl logs job/<login-heartbeat-NNNN>',
    ],
    [
      'service-accounts',
      'a create that RBAC allowed',
      (s) => {
        const p = pod(s, 'create-pod-denied');
        p.status.phase = 'Succeeded';
        setLog(s, p, 'pod/rbac-probe created (server dry run)\n');
      },
      /log of pod create-pod-denied says Forbidden/,
      'fail',
      /does not say Forbidden/,
      'kubectl logs create-pod-denied',
    ],
    [
      'service-accounts',
      'a list that has not run yet',
      (s) => {
        pod(s, 'list-pods').status.phase = 'Pending';
      },
      /log of pod list-pods says list-pods/,
      'pending',
      /pod is Pending/,
    ],
    [
      'service-accounts',
      'a peek-token pod that failed',
      (s) => {
        pod(s, 'peek-token').status.phase = 'Failed';
      },
      /pod peek-token completed/,
      'fail',
      /Failed/,
      'kubectl logs peek-token',
    ],
    [
      'one-shot-job',
      'a failing variant that completed',
      (s) => {
        Object.assign(job(s, 'oneshot-failing'), job(s, 'oneshot'), { metadata: job(s, 'oneshot-failing').metadata });
      },
      /Job oneshot-failing failed after its retries/,
      'fail',
      /meant to fail/,
      'kubectl get pods -w -l job-name=oneshot-failing',
    ],
    [
      'one-shot-job',
      'a failing variant still retrying',
      (s) => running(job(s, 'oneshot-failing'), 0, 1),
      /Job oneshot-failing failed/,
      'pending',
      /still retrying/,
    ],
    [
      'parallel-job',
      'a Job half way',
      (s) => running(job(s, 'parallel'), 5, 5),
      /Job parallel reached 10\/10/,
      'pending',
      /running: 5\/10 completions, 5 active/,
      'kubectl get job parallel',
    ],
    [
      'work-queue-consumers',
      'consumers that failed',
      (s) => {
        Object.assign(job(s, 'consumers'), failedJob(job(s, 'consumers'), 6));
      },
      /queue keygen drained by Job consumers/,
      'fail',
      /BackoffLimitExceeded/,
      'kubectl get pods -l app=message-queue -w',
    ],
    [
      'work-queue',
      'a queue server that is not ready yet',
      (s) => {
        const p = s.objects.pods.find((x) => x.metadata.name.startsWith('queue-'));
        p.status.phase = 'Pending';
        p.status.conditions.find((c: Json) => c.type === 'Ready').status = 'False';
      },
      /queue server \(ReplicaSet queue\) Ready/,
      'pending',
      /not Ready yet \(Pending\)/,
      'kubectl get pods -l app=work-queue,component=queue',
    ],
    [
      'factorial-job',
      'a pod that printed something else',
      (s) => setLog(s, podsOf(s, 'factorial5')[1], '24\n'),
      /each of 3 pods of Job factorial5 prints 120/,
      'fail',
      /does not print 120/,
      'kubectl logs -l job-name=factorial5',
    ],
    [
      'factorial-job',
      'a Job with 1 of 3 pods done',
      (s) => {
        running(job(s, 'factorial5'), 1, 2);
        podsOf(s, 'factorial5')
          .slice(1)
          .forEach((p) => {
            p.status.phase = 'Running';
          });
      },
      /each of 3 pods/,
      'pending',
      /1 of 3 so far/,
    ],
    [
      'probes-pod',
      'a pod the liveness probe has not restarted yet',
      (s) => {
        pod(s, 'probes').status.containerStatuses[0].restartCount = 0;
      },
      /pod probes restarted by its liveness probe/,
      'pending',
      /RESTARTS 0 so far/,
      'kubectl describe pod probes',
    ],
    [
      'probes-pod',
      'an app container that exits by itself',
      (s) => {
        pod(s, 'probes').status.containerStatuses[0].lastState = { terminated: { exitCode: 1, reason: 'Error' } };
      },
      /pod probes restarted by its liveness probe/,
      'fail',
      /exited 1 by itself, not killed by the probe/,
      'kubectl describe pod probes',
    ],
    [
      'probes-pod',
      'an init container that failed',
      (s) => {
        const p = pod(s, 'probes');
        p.status.phase = 'Pending';
        p.status.initContainerStatuses[0].state = { terminated: { exitCode: 1, reason: 'Error' } };
      },
      /init container setup of pod probes completed/,
      'fail',
      /exit code 1/,
      'kubectl get pod probes -w',
    ],
    [
      'retrying-job',
      'a Job that failed before its 5 attempts',
      (s) => {
        job(s, 'demo-job').status.failed = 3;
      },
      /Job demo-job completed, or failed after 5 attempts/,
      'fail',
      /failed after 3 attempt\(s\), expected 5/,
      'kubectl get pods --watch',
    ],
    [
      'periodic-job',
      'a CronJob whose newest run failed',
      (s) => {
        objectIn(s, 'cronjobs', NAMESPACE, 'periodic-report').status = { lastScheduleTime: '2026-12-02T09:01:00Z' };
        s.objects.pods.find((p) => p.metadata.name.startsWith('periodic-report-')).status.phase = 'Failed';
      },
      /a Job of CronJob periodic-report completed/,
      'fail',
      /failed/,
      'kubectl get jobs -w',
    ],
    [
      'periodic-job',
      'a CronJob that has not fired yet',
      (s) => {
        objectIn(s, 'cronjobs', NAMESPACE, 'periodic-report').status = {};
      },
      /a Job of CronJob periodic-report completed/,
      'pending',
      /not fired yet/,
    ],
  ];

  // Rest parameters: jest would take a 7th declared parameter for a done callback.
  test.each(cases)('%s: %s', async (...c) => {
    const [exercise, , breakIt, title, verdict, detail, hint] = c;
    const state = healthyCluster();
    breakIt(state);
    await start(state);
    const report = await verify(api, planVerification({}, { exercises: [exercise] }));
    const check = result(report, exercise, title);
    expect(check.verdict).toEqual(verdict);
    expect(check.detail).toMatch(detail);
    if (hint) expect(check.hint).toEqual(`${hint} -n ${NAMESPACE}`);
    expect(report.verdict).toEqual(verdict);
  });

  test('demo-job passes when a student flipped the ConfigMap and an attempt completed', async () => {
    const state = healthyCluster();
    const j = job(state, 'demo-job');
    j.status = { ...j.status, failed: 2, succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] };
    await start(state);
    const report = await verify(api, planVerification({}, { exercises: ['retrying-job'] }));
    expect(result(report, 'retrying-job', /demo-job/)).toEqual({
      title: 'Job demo-job completed, or failed after 5 attempts',
      verdict: 'pass',
      detail: 'completed after 3 attempt(s)',
      hint: undefined,
    });
  });

  /** A cluster where Job `name` and its pods are gone (its TTL), and `events` about it remain. */
  function deletedJob(name: string, events: Array<{ type: string; reason: string; at: string }>): ClusterState {
    const state = healthyCluster();
    state.objects.jobs = state.objects.jobs.filter((j) => j.metadata.name !== name);
    state.objects.pods = state.objects.pods.filter((p) => p.metadata.ownerReferences?.[0]?.name !== name);
    state.objects.events.push(
      ...events.map((e, i) => ({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${name}.18f${i}`, namespace: NAMESPACE, creationTimestamp: e.at },
        involvedObject: { kind: 'Job', namespace: NAMESPACE, name, apiVersion: 'batch/v1' },
        type: e.type,
        reason: e.reason,
        message: e.reason === 'Completed' ? 'Job completed' : 'Job has reached the specified backoff limit',
        lastTimestamp: e.at,
        source: { component: 'job-controller' },
      })),
    );
    // An event of another kind with the same name, which must not count.
    state.objects.events.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'other', namespace: NAMESPACE },
      involvedObject: { kind: 'Pod', namespace: NAMESPACE, name },
      type: 'Normal',
      reason: 'Completed',
      lastTimestamp: '2026-12-02T10:00:00Z',
    });
    return state;
  }

  test("demo-job deleted by its TTL after failing every attempt passes, from the job controller's event", async () => {
    await start(
      deletedJob('demo-job', [
        { type: 'Normal', reason: 'SuccessfulCreate', at: '2026-12-02T09:00:00Z' },
        { type: 'Warning', reason: 'BackoffLimitExceeded', at: '2026-12-02T09:02:40Z' },
      ]),
    );
    const report = await verify(api, planVerification({}, { exercises: ['retrying-job'] }));
    expect(report.namespaces[0].exercises[0].status).toEqual('checked');
    expect(result(report, 'retrying-job', /demo-job/)).toMatchObject({
      verdict: 'pass',
      detail:
        'failed after its attempts: BackoffLimitExceeded at 2026-12-02T09:02:40Z, then deleted (ttlSecondsAfterFinished); from its events',
    });
    // Events are listed once (by field selector involvedObject.kind=Job: the Pod event of the same name does not count).
    expect(standIn.requests.filter((r) => r.resource === 'events')).toHaveLength(1);
  });

  test('the newest event of a deleted Job decides: a completed run after a failed one passes', async () => {
    await start(
      deletedJob('demo-job', [
        { type: 'Warning', reason: 'BackoffLimitExceeded', at: '2026-12-02T09:02:40Z' },
        { type: 'Normal', reason: 'Completed', at: '2026-12-02T09:10:00Z' },
      ]),
    );
    const report = await verify(api, planVerification({}, { exercises: ['retrying-job'] }));
    expect(result(report, 'retrying-job', /demo-job/)).toMatchObject({
      verdict: 'pass',
      detail: expect.stringMatching(/^completed: Completed at 2026-12-02T09:10:00Z/),
    });
  });

  test('a deleted Job that failed for another reason fails, and a deleted oneshot-failing that completed fails', async () => {
    await start(deletedJob('demo-job', [{ type: 'Warning', reason: 'DeadlineExceeded', at: '2026-12-02T09:02:40Z' }]));
    const report = await verify(api, planVerification({}, { exercises: ['retrying-job'] }));
    expect(result(report, 'retrying-job', /demo-job/)).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(/^failed: DeadlineExceeded/),
    });
    api.close();
    await standIn.close();
    await start(deletedJob('oneshot-failing', [{ type: 'Normal', reason: 'Completed', at: '2026-12-02T09:02:40Z' }]));
    const again = await verify(api, planVerification({}, { exercises: ['one-shot-job'] }));
    expect(result(again, 'one-shot-job', /oneshot-failing/)).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(/meant to fail/),
    });
  });

  test('demo-job deleted by its TTL, its events expired too (the API server keeps them an hour), reads as not applied', async () => {
    await start(deletedJob('demo-job', []));
    const report = await verify(api, planVerification({}, { exercises: ['retrying-job'] }));
    expect(report.namespaces[0].exercises[0]).toMatchObject({
      status: 'not-applied',
      checks: [{ verdict: 'fail', hint: 'kubectl apply -f dist/0013-retrying-job.k8s.yaml' }],
    });
  });

  test('a role that may not list events loses only what deleted Jobs left behind', async () => {
    const state = healthyCluster();
    standIn = await startStandIn(state);
    standIn.forbid = (r) => r.resource === 'events';
    api = httpKubeApi(
      { server: standIn.url, options: { headers: { Authorization: `Bearer ${standIn.adminToken}` } } },
      { timeoutMs: 5000 },
    );
    const report = await verify(api, planVerification({}));
    expect(report.verdict).toEqual('pass');
  });

  test('consumers waiting for a queue that cannot pull its image fail now, naming the queue pod', async () => {
    const state = healthyCluster();
    running(job(state, 'consumers'), 0, 5);
    crashLooping(
      state.objects.pods.find((x) => x.metadata.name.startsWith('queue-')),
      'queue',
      'ImagePullBackOff',
    );
    await start(state);
    const report = await verify(api, planVerification({}, { exercises: ['work-queue-consumers'] }));
    expect(result(report, 'work-queue-consumers', /drained/)).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(
        /waits for the queue server \(ReplicaSet queue\), whose pod queue-\w+ cannot run: container queue ImagePullBackOff$/,
      ),
    });
  });

  test('consumers waiting for a healthy queue to be loaded are pending, saying what they wait for', async () => {
    const state = healthyCluster();
    running(job(state, 'consumers'), 0, 5);
    await start(state);
    const report = await verify(api, planVerification({}, { exercises: ['work-queue-consumers'] }));
    expect(result(report, 'work-queue-consumers', /drained/)).toMatchObject({
      verdict: 'pending',
      detail: expect.stringMatching(
        /waits until queue keygen has received 100 work items \(load it: curl loop, or workQueue.loader\)$/,
      ),
    });
    api.close();
    await standIn.close();
    const noQueue = healthyCluster();
    running(job(noQueue, 'consumers'), 0, 5);
    noQueue.objects.pods = noQueue.objects.pods.filter((x) => !x.metadata.name.startsWith('queue-'));
    await start(noQueue);
    const alone = await verify(api, planVerification({}, { exercises: ['work-queue-consumers'] }));
    expect(result(alone, 'work-queue-consumers', /drained/)).toMatchObject({
      verdict: 'pending',
      detail: expect.stringMatching(/which has no pod$/),
    });
  });

  test('the optional queue loader is checked when workshop.yaml turns it on', async () => {
    const config = { exercises: { workQueue: { loader: true } } };
    await start(healthyCluster(config));
    const report = await verify(api, planVerification(config, { exercises: ['work-queue-loader'] }));
    expect(result(report, 'work-queue-loader', /queue-loader/)).toMatchObject({
      title: 'Job queue-loader loaded 100 items and saw them taken (complete)',
      verdict: 'pass',
    });
    expect(() => planVerification({}, { exercises: ['work-queue-loader'] })).toThrow(
      'exercise work-queue-loader is not part of the workshop this config builds',
    );
  });

  test('an exercise whose objects are absent is not applied, with the file to apply', async () => {
    const state = healthyCluster();
    removeExercise(state, NAMESPACE, 'trace-job');
    await start(state);
    const report = await verify(api, planVerification({}));
    const e = report.namespaces[0].exercises.find((x) => x.exercise === 'trace-job')!;
    expect(e.status).toEqual('not-applied');
    expect(e.checks).toEqual([
      {
        title: 'Job traceroute complete',
        verdict: 'fail',
        detail: 'not applied',
        hint: 'kubectl apply -f dist/0002-trace-job.k8s.yaml',
      },
    ]);
    expect(report.namespaces[0].exercises.filter((x) => x.status !== 'checked').map((x) => x.exercise)).toEqual([
      'trace-job',
    ]);
  });

  test('an absent namespace fails every exercise with "apply dist/ first" and lists nothing', async () => {
    const state = healthyCluster();
    state.namespaces.clear();
    await start(state);
    const report = await verify(api, planVerification({}));
    expect(report.namespaces[0].present).toBe(false);
    expect(new Set(report.namespaces[0].exercises.map((e) => e.status))).toEqual(new Set(['namespace-absent']));
    expect(report.namespaces[0].exercises[0].checks[0].hint).toEqual('kubectl apply -f dist');
    expect(standIn.requests.map((r) => r.resource)).toEqual(['namespaces']);
  });

  test("checks the retrying job in seed 004's namespace, and says to create that namespace when it is absent", async () => {
    const config = { exercises: { retryingJob: { namespace: 'demo-ada' } } };
    const plan = planVerification(config);
    expect(
      plan.map((p) => [p.namespace, p.createdBy, p.exercises.map((e) => e.exercise).includes('retrying-job')]),
    ).toEqual([
      [NAMESPACE, undefined, false],
      ['demo-ada', 'kubectl create ns demo-ada', true],
    ]);
    await start(healthyCluster());
    const report = await verify(api, plan);
    const demo = report.namespaces.find((n) => n.namespace === 'demo-ada')!;
    expect(demo.present).toBe(false);
    expect(demo.exercises[0].checks[0].hint).toEqual(
      'kubectl create ns demo-ada && kubectl apply -f dist/0013-retrying-job.k8s.yaml',
    );
    expect(report.namespaces.find((n) => n.namespace === NAMESPACE)!.present).toBe(true);
  });

  test('a student whose role cannot read namespaces is checked all the same', async () => {
    await start(healthyCluster());
    standIn.forbid = (r) => r.resource === 'namespaces';
    const report = await verify(api, planVerification({}, { exercises: ['trace-job'] }));
    expect(report.verdict).toEqual('pass');
  });
});

describe('verify, a class', () => {
  /** One student's healthy namespace, copied for each of `count` students. */
  function classCluster(count: number): { state: ClusterState; students: string[] } {
    const students = Array.from({ length: count }, (_, i) => `student${i}`);
    const one = healthyCluster({ students: ['student0'] });
    const json = JSON.stringify({ ns: [...one.namespaces.values()], objects: one.objects, logs: [...one.logs] });
    const state: ClusterState = emptyState();
    for (const s of students) {
      const copy = JSON.parse(json.split(`${NAMESPACE}-student0`).join(`${NAMESPACE}-${s}`));
      for (const n of copy.ns) state.namespaces.set(n.metadata.name, n);
      for (const k of Object.keys(copy.objects) as Array<keyof ClusterState['objects']>)
        state.objects[k].push(...copy.objects[k]);
      for (const [k, v] of copy.logs) state.logs.set(k, v);
    }
    return { state, students };
  }

  test('checks 100 students with 7 lists across namespaces and 8 log reads per student: 807 requests', async () => {
    const { state, students } = classCluster(100);
    await start(state);
    const report = await verify(api, planVerification({ students }), { clusterWide: true });
    expect(report.verdict).toEqual('pass');
    expect(report.namespaces).toHaveLength(100);
    expect(report.requests).toEqual({ lists: 7, logs: 800 });
    expect(standIn.requests).toHaveLength(807);
    // Lists go across namespaces, by label: none names a namespace.
    expect(standIn.requests.filter((r) => r.verb === 'list').every((r) => r.namespace === undefined)).toBe(true);
  }, 60_000);

  test('reports each student on their own: absent, not applied, failing, passing', async () => {
    const { state, students } = classCluster(4);
    state.namespaces.delete(`${NAMESPACE}-student1`);
    removeExercise(state, `${NAMESPACE}-student2`, 'probes-pod');
    objectIn(state, 'jobs', `${NAMESPACE}-student3`, 'traceroute').status.conditions = [
      { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' },
    ];
    await start(state);
    const report = await verify(api, planVerification({ students }), { clusterWide: true });
    const statuses = report.namespaces.map((n) =>
      n.exercises.map((e) => (e.status === 'checked' ? e.verdict : e.status)),
    );
    expect(statuses[0].every((s) => s === 'pass')).toBe(true);
    expect(new Set(statuses[1])).toEqual(new Set(['namespace-absent']));
    expect(statuses[2][11]).toEqual('not-applied');
    expect(statuses[3][1]).toEqual('fail');
    expect(report.verdict).toEqual('fail');
  });
});
