// The vocabulary of expected outcomes: what a working exercise shows on a cluster, in the workshop
// text's terms ("Job traceroute complete", "log of Job volume-mount-explorer ends with Jeff").
// Each exercise construct declares its outcomes as data (lib/outcomes.ts); `checkOf` turns one into
// a check, and verify reads the cluster once and evaluates every check against it.
import type { LogExpectation as ExpectedLog, Outcome, Upstream } from '../../lib/outcomes';
import type { Json } from '../json';

/** ✓, ✗, or not yet (a Job still running, a CronJob that has not fired). */
export type Verdict = 'pass' | 'fail' | 'pending';

/** The kinds verify lists; a check names the ones it reads, so verify lists only those. */
export type Kind = 'jobs' | 'cronjobs' | 'pods' | 'deployments' | 'persistentvolumeclaims' | 'events';

/**
 * How a Job that no longer exists ended, from the event its controller recorded then: Normal
 * `Completed` ("Job completed"), or a Warning with the reason of its Failed condition
 * (BackoffLimitExceeded, DeadlineExceeded, ...); kubernetes pkg/controller/job, recordJobFinished.
 * A Job with ttlSecondsAfterFinished is deleted after it finishes, but its events stay for the API
 * server's --event-ttl (1 hour by default), so a finished exercise does not read as "not applied".
 */
export interface FinishedJob {
  readonly outcome: 'complete' | 'failed';
  /** `Completed`, or the failure reason. */
  readonly reason: string;
  /** When it was recorded (the event's last timestamp). */
  readonly at: string;
}

/** Reasons of a Job's Failed condition that its controller records as a Warning event. */
export const JOB_FAILURE_REASONS: ReadonlySet<string> = new Set([
  'BackoffLimitExceeded',
  'DeadlineExceeded',
  'PodFailurePolicy',
  'MaxFailedIndexesExceeded',
  'FailedIndexes',
]);

/** The newest finish recorded per Job name among `events` (Event objects of involvedObject kind Job). */
export function finishedJobsOf(events: Iterable<Json>): Map<string, FinishedJob> {
  const finished = new Map<string, FinishedJob>();
  for (const e of events) {
    if (e?.involvedObject?.kind !== 'Job' || typeof e.involvedObject.name !== 'string') continue;
    const outcome =
      e.reason === 'Completed' && e.type === 'Normal'
        ? 'complete'
        : e.type === 'Warning' && JOB_FAILURE_REASONS.has(e.reason)
          ? 'failed'
          : undefined;
    if (outcome === undefined) continue;
    const at = String(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '');
    const known = finished.get(e.involvedObject.name);
    if (known === undefined || known.at < at) finished.set(e.involvedObject.name, { outcome, reason: e.reason, at });
  }
  return finished;
}

/** What verify read from one namespace: objects by name, in the API's JSON shape. */
export interface NamespaceObjects {
  readonly namespace: string;
  readonly jobs: ReadonlyMap<string, Json>;
  readonly cronjobs: ReadonlyMap<string, Json>;
  readonly pods: ReadonlyMap<string, Json>;
  readonly deployments: ReadonlyMap<string, Json>;
  readonly persistentvolumeclaims: ReadonlyMap<string, Json>;
  /** Jobs whose finish an event recorded, by name (read with `events`). */
  readonly finishedJobs: ReadonlyMap<string, FinishedJob>;
}

/** A pod log a check wants to read (one request each). */
export interface LogRef {
  readonly pod: string;
  readonly container: string;
}

/** Logs read for a namespace, by `pod/container`; a log that could not be read is absent. */
export type Logs = ReadonlyMap<string, string>;

export const logKey = (ref: LogRef): string => `${ref.pod}/${ref.container}`;

export interface Observation {
  readonly verdict: Verdict;
  /** What verify saw, one short phrase: "1/1 completions", "not fired yet (schedule * * * * *)". */
  readonly detail: string;
}

export interface Check {
  /** The outcome, in the workshop text's words. */
  readonly title: string;
  /** The kubectl command to look with, as the student guide prints it (verify appends `-n <namespace>`). */
  readonly hint: string;
  /** Kinds the check reads. */
  readonly kinds: readonly Kind[];
  /** Pod logs the check needs, given what the lists showed; verify reads them before `evaluate`. */
  readonly logs?: (objects: NamespaceObjects) => LogRef[];
  readonly evaluate: (objects: NamespaceObjects, logs: Logs) => Observation;
  /**
   * Whether what the check looks at is there at all: an object of the kind and the name the text
   * uses (or, for the queue, the text's own labels), or what a deleted Job left (its events). An
   * exercise none of whose checks finds anything reads as not applied. However the objects got
   * there (`kubectl apply -f dist`, YAML typed from the text, `kubectl run`), they count alike:
   * verify never looks at the generator's labels.
   */
  readonly present: (objects: NamespaceObjects) => boolean;
}

const jobThere = (name: string) => (o: NamespaceObjects) => o.jobs.has(name) || o.finishedJobs.has(name);
const podThere = (name: string) => (o: NamespaceObjects) => o.pods.has(name);
const cronThere = (name: string) => (o: NamespaceObjects) => o.cronjobs.has(name);

const pass = (detail: string): Observation => ({ verdict: 'pass', detail });
const fail = (detail: string): Observation => ({ verdict: 'fail', detail });
const pending = (detail: string): Observation => ({ verdict: 'pending', detail });

function condition(obj: Json, type: string): Json {
  return (obj?.status?.conditions ?? []).find((c: Json) => c.type === type && c.status === 'True');
}

/** Pods owned by the named controller (Job, ReplicaSet, StatefulSet), newest first. */
function podsOwnedBy(objects: NamespaceObjects, kind: string, name: (owner: string) => boolean): Json[] {
  return [...objects.pods.values()]
    .filter((p) => (p.metadata?.ownerReferences ?? []).some((o: Json) => o.kind === kind && name(o.name)))
    .sort((a, b) =>
      String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')),
    );
}

function firstContainer(pod: Json): string {
  return pod.spec?.containers?.[0]?.name ?? '';
}

/** A container stuck in a state it will not leave by itself, as `kubectl get pods` shows it. */
const STUCK_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

function stuck(pod: Json, expected: ReadonlySet<string> = new Set()): string | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const s of statuses) {
    const reason = s.state?.waiting?.reason;
    if (STUCK_REASONS.has(reason) && !expected.has(reason)) return `container ${s.name} ${reason}`;
  }
  const unschedulable = (pod.status?.conditions ?? []).find(
    (c: Json) => c.type === 'PodScheduled' && c.status === 'False',
  );
  if (unschedulable) return `not scheduled: ${unschedulable.reason ?? ''} ${unschedulable.message ?? ''}`.trim();
  return undefined;
}

/**
 * A Job that has not finished is pending, unless one of its pods is stuck (an image that does not
 * pull, a container crash-looping): then it fails now instead of pending forever.
 */
function unfinished(o: NamespaceObjects, name: string, detail: string, expected?: ReadonlySet<string>): Observation {
  for (const pod of podsOwnedBy(o, 'Job', (n) => n === name)) {
    const trouble = stuck(pod, expected);
    if (trouble) return fail(`${detail}; pod ${pod.metadata.name}: ${trouble}`);
  }
  return pending(detail);
}

/** What the events say of Job `name`, which no longer exists: deleted after it finished (its TTL). */
function gone(o: NamespaceObjects, name: string): FinishedJob | undefined {
  return o.jobs.has(name) ? undefined : o.finishedJobs.get(name);
}

const goneDetail = (f: FinishedJob) =>
  `${f.reason} at ${f.at}, then deleted (ttlSecondsAfterFinished); from its events`;

function jobState(o: NamespaceObjects, name: string, completions: number): Observation {
  const job = o.jobs.get(name);
  const finished = gone(o, name);
  if (finished !== undefined)
    return finished.outcome === 'complete'
      ? pass(`completed: ${goneDetail(finished)}`)
      : fail(`failed: ${goneDetail(finished)}`);
  if (job === undefined) return fail(`Job ${name} not found`);
  const s = job.status ?? {};
  const failed = condition(job, 'Failed');
  if (failed) return fail(`failed: ${failed.reason ?? 'Failed'}, ${s.failed ?? 0} failed pod(s)`);
  const counts = `${s.succeeded ?? 0}/${completions} completions`;
  if (condition(job, 'Complete')) {
    return (s.succeeded ?? 0) >= completions ? pass(counts) : fail(`complete with only ${counts}`);
  }
  return unfinished(o, name, `running: ${counts}, ${s.active ?? 0} active, ${s.failed ?? 0} failed`);
}

/** Job `name` complete, with at least `completions` succeeded pods (the Job's own count by default). */
function jobComplete(
  name: string,
  hint: string,
  options: { completions?: number; title?: string; waitsFor?: Upstream } = {},
): Check {
  return {
    title: options.title ?? `Job ${name} complete`,
    hint,
    kinds: ['jobs', 'pods', 'events'],
    present: jobThere(name),
    evaluate: (o) => {
      const state = jobState(o, name, options.completions ?? o.jobs.get(name)?.spec?.completions ?? 1);
      return state.verdict === 'pending' && options.waitsFor !== undefined
        ? upstreamState(o, options.waitsFor, state)
        : state;
    },
  };
}

/**
 * A pending Job whose upstream cannot run fails now (its pods would wait forever); otherwise it
 * stays pending and says what it waits for.
 */
function upstreamState(o: NamespaceObjects, upstream: Upstream, state: Observation): Observation {
  const pods = [...o.pods.values()].filter((p) =>
    Object.entries(upstream.selector).every(([k, v]) => p.metadata?.labels?.[k] === v),
  );
  for (const pod of pods) {
    const trouble = stuck(pod);
    if (trouble)
      return fail(`${state.detail}; waits for ${upstream.what}, whose pod ${pod.metadata.name} cannot run: ${trouble}`);
  }
  if (pods.length === 0) return pending(`${state.detail}; waits for ${upstream.what}, which has no pod`);
  return pending(`${state.detail}; waits ${upstream.until}`);
}

/** Job `name` given up after its retries (a failing variant that must fail). */
function jobFailedAfterRetries(name: string, hint: string, backoffLimit: number): Check {
  return {
    title: `Job ${name} failed after its retries (backoffLimit ${backoffLimit})`,
    hint,
    kinds: ['jobs', 'pods', 'events'],
    present: jobThere(name),
    evaluate: (o) => {
      const job = o.jobs.get(name);
      const finished = gone(o, name);
      if (finished !== undefined) {
        return finished.outcome === 'failed'
          ? pass(`failed: ${goneDetail(finished)}`)
          : fail(`completed, but this Job is meant to fail: ${goneDetail(finished)}`);
      }
      if (job === undefined) return fail(`Job ${name} not found`);
      const failed = condition(job, 'Failed');
      if (failed) return pass(`failed: ${failed.reason ?? 'Failed'}`);
      if (condition(job, 'Complete')) return fail('completed, but this Job is meant to fail');
      // Its container exits 1 on purpose: crash-looping is what it should do. With OnFailure the
      // retries are container restarts in one pod, each after a longer kubelet back-off.
      const restarts = podsOwnedBy(o, 'Job', (n) => n === name)
        .flatMap((p) => p.status?.containerStatuses ?? [])
        .reduce((sum: number, c: Json) => sum + (c.restartCount ?? 0), 0);
      const retries = (job.status?.failed ?? 0) + restarts;
      return unfinished(
        o,
        name,
        `still retrying as it should: ${retries} of ${backoffLimit} retries so far (kubelet back-off 10, 20, 40 s...)`,
        new Set(['CrashLoopBackOff']),
      );
    },
  };
}

/**
 * Job `name` either completed (a student made it succeed) or failed after exactly `attempts` pods
 * (restartPolicy Never: one pod per attempt).
 */
function jobCompleteOrExhausted(name: string, hint: string, attempts: number): Check {
  return {
    title: `Job ${name} completed, or failed after ${attempts} attempts`,
    hint,
    kinds: ['jobs', 'pods', 'events'],
    present: jobThere(name),
    evaluate: (o) => {
      const job = o.jobs.get(name);
      const finished = gone(o, name);
      if (finished !== undefined) {
        // The attempts are not countable any more (the pods went with the Job): the reason says the
        // retries ran out, which is what failing after every attempt is.
        if (finished.outcome === 'complete') return pass(`completed: ${goneDetail(finished)}`);
        return finished.reason === 'BackoffLimitExceeded'
          ? pass(`failed after its attempts: ${goneDetail(finished)}`)
          : fail(`failed: ${goneDetail(finished)}`);
      }
      if (job === undefined) return fail(`Job ${name} not found (its TTL deletes it a while after it finishes)`);
      const s = job.status ?? {};
      if (condition(job, 'Complete')) return pass(`completed after ${(s.failed ?? 0) + 1} attempt(s)`);
      const failed = condition(job, 'Failed');
      if (failed) {
        return (s.failed ?? 0) === attempts
          ? pass(`failed after ${attempts} attempts (${failed.reason ?? 'Failed'})`)
          : fail(`failed after ${s.failed ?? 0} attempt(s), expected ${attempts} (${failed.reason ?? 'Failed'})`);
      }
      return unfinished(o, name, `attempt ${(s.failed ?? 0) + 1}: ${s.failed ?? 0} failed so far`);
    },
  };
}

/** What a log must show, with the words a title and a failure use. */
interface LogExpectation {
  /** How the title words it: "ends with Jeff". */
  readonly says: string;
  /** The same, negated: "does not end with Jeff". */
  readonly doesNot: string;
  readonly test: (log: string) => boolean;
}

/** The declared expectation, with its words and its test. */
export function logExpectation(expected: ExpectedLog): LogExpectation {
  if ('endsWith' in expected) {
    const text = expected.endsWith;
    return {
      says: `ends with ${text}`,
      doesNot: `does not end with ${text}`,
      test: (log) => log.trimEnd().endsWith(text),
    };
  }
  if ('contains' in expected) {
    const text = expected.contains;
    return { says: `says ${text}`, doesNot: `does not say ${text}`, test: (log) => log.includes(text) };
  }
  const text = expected.prints;
  return { says: `prints ${text}`, doesNot: `does not print ${text}`, test: (log) => log.trim() === text };
}

/** The newest succeeded pod of Job `name` (or of a CronJob's Jobs), with its log expectation. */
function succeededPodLog(
  title: string,
  hint: string,
  pods: (o: NamespaceObjects) => Json[],
  missing: (o: NamespaceObjects) => Observation,
  expect: LogExpectation,
  present: (o: NamespaceObjects) => boolean,
): Check {
  const newestSucceeded = (o: NamespaceObjects) => pods(o).find((p) => p.status?.phase === 'Succeeded');
  return {
    title,
    hint,
    kinds: ['jobs', 'cronjobs', 'pods'],
    present,
    logs: (o) => {
      const pod = newestSucceeded(o);
      return pod ? [{ pod: pod.metadata.name, container: firstContainer(pod) }] : [];
    },
    evaluate: (o, logs) => {
      const pod = newestSucceeded(o);
      if (!pod) return missing(o);
      const log = logs.get(logKey({ pod: pod.metadata.name, container: firstContainer(pod) }));
      if (log === undefined) return fail(`log of pod ${pod.metadata.name} could not be read`);
      return expect.test(log)
        ? pass(`pod ${pod.metadata.name}`)
        : fail(`log of pod ${pod.metadata.name} ${expect.doesNot}`);
    },
  };
}

/** The log of Job `name`'s newest succeeded pod meets `expect`. */
function jobLog(name: string, hint: string, expect: LogExpectation): Check {
  const check = succeededPodLog(
    `log of Job ${name} ${expect.says}`,
    hint,
    (o) => podsOwnedBy(o, 'Job', (n) => n === name),
    (o) => {
      const state = jobState(o, name, 1);
      if (gone(o, name)?.outcome === 'complete')
        return pass(`its pods went with it, so the log cannot be read any more: ${state.detail}`);
      return state.verdict === 'pending'
        ? pending(`no pod has succeeded yet (${state.detail})`)
        : fail(`no succeeded pod (${state.detail})`);
    },
    expect,
    jobThere(name),
  );
  return { ...check, kinds: [...check.kinds, 'events'], present: jobThere(name) };
}

/** `count` succeeded pods of Job `name`, each of whose logs meets `expect` (factorial5 printed 120 three times). */
function jobPodsLog(name: string, hint: string, count: number, expect: LogExpectation): Check {
  const succeeded = (o: NamespaceObjects) =>
    podsOwnedBy(o, 'Job', (n) => n === name)
      .filter((p) => p.status?.phase === 'Succeeded')
      .slice(0, count);
  return {
    title: `each of ${count} pods of Job ${name} ${expect.says}`,
    hint,
    kinds: ['jobs', 'pods'],
    present: jobThere(name),
    logs: (o) => succeeded(o).map((p) => ({ pod: p.metadata.name, container: firstContainer(p) })),
    evaluate: (o, logs) => {
      const pods = succeeded(o);
      const good = pods.filter((p) => {
        const log = logs.get(logKey({ pod: p.metadata.name, container: firstContainer(p) }));
        return log !== undefined && expect.test(log);
      });
      if (good.length >= count) return pass(`${good.length} pod(s)`);
      if (good.length < pods.length) {
        const bad = pods.find((p) => !good.includes(p));
        return fail(`log of pod ${bad.metadata.name} ${expect.doesNot}`);
      }
      const state = jobState(o, name, count);
      return state.verdict === 'pending'
        ? pending(`${good.length} of ${count} so far (${state.detail})`)
        : fail(`${good.length} of ${count} (${state.detail})`);
    },
  };
}

/** Bare pod `name` ran to completion with `phase` and its log meets `expect`. */
function podLog(name: string, hint: string, phase: 'Succeeded' | 'Failed', expect: LogExpectation): Check {
  const ref = (pod: Json): LogRef => ({ pod: name, container: firstContainer(pod) });
  return {
    title: `log of pod ${name} ${expect.says}`,
    hint,
    kinds: ['pods'],
    present: podThere(name),
    logs: (o) => {
      const pod = o.pods.get(name);
      return pod && (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') ? [ref(pod)] : [];
    },
    evaluate: (o, logs) => {
      const pod = o.pods.get(name);
      if (pod === undefined) return fail(`pod ${name} not found`);
      const podPhase = pod.status?.phase ?? 'Pending';
      if (podPhase !== 'Succeeded' && podPhase !== 'Failed') {
        const trouble = stuck(pod);
        return trouble ? fail(trouble) : pending(`pod is ${podPhase}`);
      }
      const log = logs.get(logKey(ref(pod)));
      if (log === undefined) return fail(`log of pod ${name} could not be read`);
      if (!expect.test(log)) return fail(`pod ${podPhase}, its log ${expect.doesNot}`);
      return podPhase === phase ? pass(`pod ${podPhase}`) : fail(`pod ${podPhase}, expected ${phase}`);
    },
  };
}

/** Bare pod `name` ran its command and exited 0. */
function podSucceeded(name: string, hint: string): Check {
  return {
    title: `pod ${name} completed`,
    hint,
    kinds: ['pods'],
    present: podThere(name),
    evaluate: (o) => {
      const pod = o.pods.get(name);
      if (pod === undefined) return fail(`pod ${name} not found`);
      const phase = pod.status?.phase ?? 'Pending';
      if (phase === 'Succeeded') return pass('Succeeded');
      if (phase === 'Failed') return fail('Failed');
      const trouble = stuck(pod);
      return trouble ? fail(trouble) : pending(`pod is ${phase}`);
    },
  };
}

function readiness(pod: Json | undefined, name: string): Observation {
  if (pod === undefined) return fail(`pod ${name} not found`);
  if (condition(pod, 'Ready')) return pass('Ready');
  const trouble = stuck(pod);
  return trouble ? fail(trouble) : pending(`not Ready yet (${pod.status?.phase ?? 'Pending'})`);
}

/** Pod `name` Ready (all its containers pass their readiness). */
function podReady(name: string, hint: string): Check {
  return {
    title: `pod ${name} Ready`,
    hint,
    kinds: ['pods'],
    present: podThere(name),
    evaluate: (o) => readiness(o.pods.get(name), name),
  };
}

/** A pod of the controller whose pods carry `selector` is Ready (a ReplicaSet's pods have random names). */
function selectedPodReady(title: string, selector: Readonly<Record<string, string>>, hint: string): Check {
  const selected = (o: NamespaceObjects) =>
    [...o.pods.values()].filter((p) => Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v));
  return {
    title,
    hint,
    kinds: ['pods'],
    present: (o) => selected(o).length > 0,
    evaluate: (o) => {
      const pods = [...o.pods.values()].filter((p) =>
        Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v),
      );
      const ready = pods.find((p) => condition(p, 'Ready'));
      if (ready) return pass(`pod ${ready.metadata.name} Ready`);
      if (pods.length === 0) return fail('no pod');
      const trouble = pods.map((p) => stuck(p)).find((t) => t !== undefined);
      return trouble ? fail(trouble) : pending(`not Ready yet (${pods[0].status?.phase ?? 'Pending'})`);
    },
  };
}

/** Deployment `name` has its replicas Ready. */
function deploymentReady(name: string, hint: string): Check {
  return {
    title: `Deployment ${name} Ready`,
    hint,
    kinds: ['deployments', 'pods'],
    present: (o) => o.deployments.has(name),
    evaluate: (o) => {
      const deployment = o.deployments.get(name);
      if (deployment === undefined) return fail(`Deployment ${name} not found`);
      const want = deployment.spec?.replicas ?? 1;
      const ready = deployment.status?.readyReplicas ?? 0;
      if (ready >= want) return pass(`${ready}/${want} ready`);
      const selector: Record<string, string> = deployment.spec?.selector?.matchLabels ?? {};
      const pods = [...o.pods.values()].filter((p) =>
        Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v),
      );
      const trouble = pods.map((p) => stuck(p)).find((t) => t !== undefined);
      if (trouble) return fail(`${ready}/${want} ready, ${trouble}`);
      if (
        condition(deployment, 'Progressing') === undefined &&
        (deployment.status?.conditions ?? []).some((c: Json) => c.reason === 'ProgressDeadlineExceeded')
      ) {
        return fail(`${ready}/${want} ready, ProgressDeadlineExceeded`);
      }
      return pending(`${ready}/${want} ready`);
    },
  };
}

/** PersistentVolumeClaim `name` Bound. */
function claimBound(name: string, hint: string): Check {
  return {
    title: `claim ${name} Bound`,
    hint,
    kinds: ['persistentvolumeclaims'],
    present: (o) => o.persistentvolumeclaims.has(name),
    evaluate: (o) => {
      const claim = o.persistentvolumeclaims.get(name);
      if (claim === undefined) return fail(`claim ${name} not found`);
      const phase = claim.status?.phase ?? 'Pending';
      return phase === 'Bound'
        ? pass('Bound')
        : pending(`${phase} (no volume yet: is storageClassName right for this cluster?)`);
    },
  };
}

/** Container `container` of pod `name` restarted by its liveness probe (RESTARTS at least 1). */
function restartedByLiveness(name: string, container: string, hint: string): Check {
  return {
    title: `pod ${name} restarted by its liveness probe`,
    hint,
    kinds: ['pods'],
    present: podThere(name),
    evaluate: (o) => {
      const pod = o.pods.get(name);
      if (pod === undefined) return fail(`pod ${name} not found`);
      const status = (pod.status?.containerStatuses ?? []).find((s: Json) => s.name === container);
      const restarts = status?.restartCount ?? 0;
      if (restarts >= 1) {
        // The kubelet kills a container that fails its liveness probe (a signal: exit code above
        // 128); a container that exited by itself failed for another reason.
        const code = status?.lastState?.terminated?.exitCode;
        if (code === undefined || code > 128)
          return pass(`RESTARTS ${restarts}${code === undefined ? '' : `, killed (exit code ${code})`}`);
        return fail(`RESTARTS ${restarts}, but the container exited ${code} by itself, not killed by the probe`);
      }
      const trouble = stuck(pod);
      if (trouble) return fail(trouble);
      return pending(
        `RESTARTS 0 so far (${pod.status?.phase ?? 'Pending'}); the first restart comes about a minute after start`,
      );
    },
  };
}

/** Init container `container` of pod `name` exited 0 (so the app container could start). */
function initContainerDone(name: string, container: string, hint: string): Check {
  return {
    title: `init container ${container} of pod ${name} completed`,
    hint,
    kinds: ['pods'],
    present: podThere(name),
    evaluate: (o) => {
      const pod = o.pods.get(name);
      if (pod === undefined) return fail(`pod ${name} not found`);
      const status = (pod.status?.initContainerStatuses ?? []).find((s: Json) => s.name === container);
      const done = status?.state?.terminated ?? status?.lastState?.terminated;
      if (done?.exitCode === 0) return pass('exit code 0');
      if (done !== undefined) return fail(`exit code ${done.exitCode} (${done.reason ?? 'Error'})`);
      const trouble = stuck(pod);
      return trouble ? fail(trouble) : pending(`Init:0/${pod.status?.initContainerStatuses?.length ?? 1}`);
    },
  };
}

/** Pods of the Jobs CronJob `name` created (named `<name>-<minutes since epoch>`), newest first. */
const cronPods = (o: NamespaceObjects, name: string) =>
  podsOwnedBy(o, 'Job', (job) => job.startsWith(`${name}-`) && /^\d+$/.test(job.slice(name.length + 1)));

function notFired(cron: Json): Observation {
  return pending(`not fired yet (schedule ${cron.spec?.schedule ?? '?'})`);
}

/** CronJob `name` has started a Job at least once. Before its first run it is pending, not failed. */
function cronFired(name: string, hint: string): Check {
  return {
    title: `CronJob ${name} has fired`,
    hint,
    kinds: ['cronjobs'],
    present: cronThere(name),
    evaluate: (o) => {
      const cron = o.cronjobs.get(name);
      if (cron === undefined) return fail(`CronJob ${name} not found`);
      if (cron.spec?.suspend) return fail('suspended');
      const last = cron.status?.lastScheduleTime;
      return last ? pass(`last run ${last}`) : notFired(cron);
    },
  };
}

/** A Job of CronJob `name` has succeeded; pending before the first run, failed when the newest run failed. */
function cronSucceeded(name: string, hint: string): Check {
  return {
    title: `a Job of CronJob ${name} completed`,
    hint,
    kinds: ['cronjobs', 'pods'],
    present: cronThere(name),
    evaluate: (o) => {
      const cron = o.cronjobs.get(name);
      if (cron === undefined) return fail(`CronJob ${name} not found`);
      if (cron.status?.lastSuccessfulTime) return pass(`last success ${cron.status.lastSuccessfulTime}`);
      if (!cron.status?.lastScheduleTime) return notFired(cron);
      const newest = cronPods(o, name)[0];
      if (newest?.status?.phase === 'Failed') return fail(`pod ${newest.metadata.name} failed`);
      const trouble = newest ? stuck(newest) : undefined;
      return trouble ? fail(trouble) : pending('first run not finished yet');
    },
  };
}

/** The log of the newest succeeded run of CronJob `name` meets `expect`; pending before the first run. */
function cronLog(name: string, hint: string, expect: LogExpectation): Check {
  return succeededPodLog(
    `log of a CronJob ${name} run ${expect.says}`,
    hint,
    (o) => cronPods(o, name),
    (o) => {
      const cron = o.cronjobs.get(name);
      if (cron === undefined) return fail(`CronJob ${name} not found`);
      if (!cron.status?.lastScheduleTime) return notFired(cron);
      const newest = cronPods(o, name)[0];
      if (newest?.status?.phase === 'Failed') return fail(`pod ${newest.metadata.name} failed`);
      return pending('no run has succeeded yet');
    },
    expect,
    cronThere(name),
  );
}

/** The check of one declared outcome. */
export function checkOf(outcome: Outcome): Check {
  switch (outcome.check) {
    case 'jobComplete':
      return jobComplete(outcome.job, outcome.hint, outcome);
    case 'jobFailedAfterRetries':
      return jobFailedAfterRetries(outcome.job, outcome.hint, outcome.backoffLimit);
    case 'jobCompleteOrExhausted':
      return jobCompleteOrExhausted(outcome.job, outcome.hint, outcome.attempts);
    case 'jobLog':
      return jobLog(outcome.job, outcome.hint, logExpectation(outcome.expect));
    case 'jobPodsLog':
      return jobPodsLog(outcome.job, outcome.hint, outcome.count, logExpectation(outcome.expect));
    case 'podLog':
      return podLog(outcome.pod, outcome.hint, outcome.phase, logExpectation(outcome.expect));
    case 'podSucceeded':
      return podSucceeded(outcome.pod, outcome.hint);
    case 'podReady':
      return podReady(outcome.pod, outcome.hint);
    case 'selectedPodReady':
      return selectedPodReady(outcome.title, outcome.selector, outcome.hint);
    case 'deploymentReady':
      return deploymentReady(outcome.deployment, outcome.hint);
    case 'claimBound':
      return claimBound(outcome.claim, outcome.hint);
    case 'restartedByLiveness':
      return restartedByLiveness(outcome.pod, outcome.container, outcome.hint);
    case 'initContainerDone':
      return initContainerDone(outcome.pod, outcome.container, outcome.hint);
    case 'cronFired':
      return cronFired(outcome.cronJob, outcome.hint);
    case 'cronSucceeded':
      return cronSucceeded(outcome.cronJob, outcome.hint);
    case 'cronLog':
      return cronLog(outcome.cronJob, outcome.hint, logExpectation(outcome.expect));
  }
}
