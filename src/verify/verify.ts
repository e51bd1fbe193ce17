// Reads the cluster once for all planned namespaces and evaluates every check against what it read.
// The number of requests is bounded: one list per kind the checks need (per namespace, or across
// all namespaces for a class), one namespace read, and one request per pod log a check needs.
// Objects are found by kind and by the names the workshop text uses, never by the generator's
// labels: a student's hand-typed Job counts as much as `kubectl apply -f dist`.
import { Check, finishedJobsOf, Kind, LogRef, logKey, NamespaceObjects, Verdict } from './checks';
import { Access, AccessError, KubeApiError } from '../errors';
import { KubeApi, mapLimited } from './kube-api';
import type { PlannedNamespace } from './plan';
import type { Json } from '../json';

export interface CheckResult {
  readonly title: string;
  readonly verdict: Verdict;
  readonly detail: string;
  /** The kubectl command to look with, in this namespace; on ✗ and pending only. */
  readonly hint?: string;
}

/** checked: the checks ran; not-applied: none of its objects exist; namespace-absent: dist/ not applied. */
export type ExerciseStatus = 'checked' | 'not-applied' | 'namespace-absent';

export interface ExerciseResult {
  readonly exercise: string;
  readonly file: string;
  readonly status: ExerciseStatus;
  readonly verdict: Verdict;
  readonly checks: CheckResult[];
}

export interface NamespaceResult {
  readonly namespace: string;
  readonly student?: string;
  readonly present: boolean;
  /** What to apply when the namespace is absent: `dist`, or in fleet mode `dist/<student>.k8s.yaml`. */
  readonly manifests: string;
  /** Checked as its user's own namespace (see PlannedNamespace.own). */
  readonly own?: boolean;
  readonly exercises: ExerciseResult[];
}

export interface VerifyReport {
  readonly namespaces: NamespaceResult[];
  /** pass only when every check passed. */
  readonly verdict: Verdict;
  readonly requests: { readonly lists: number; readonly logs: number };
}

/** Where each kind is listed: whole kinds, no label selector (students type their own objects). */
const KINDS: Record<Kind, { readonly prefix: string; readonly resource: string; readonly query?: string }> = {
  jobs: { prefix: '/apis/batch/v1', resource: 'jobs.batch' },
  cronjobs: { prefix: '/apis/batch/v1', resource: 'cronjobs.batch' },
  pods: { prefix: '/api/v1', resource: 'pods' },
  deployments: { prefix: '/apis/apps/v1', resource: 'deployments.apps' },
  persistentvolumeclaims: { prefix: '/api/v1', resource: 'persistentvolumeclaims' },
  // Only events about Jobs, which tell how a Job deleted by its TTL ended.
  events: {
    prefix: '/api/v1',
    resource: 'events',
    query: `fieldSelector=${encodeURIComponent('involvedObject.kind=Job')}`,
  },
};
const KIND_ORDER: Kind[] = ['jobs', 'cronjobs', 'pods', 'deployments', 'persistentvolumeclaims', 'events'];
/** The kinds read into maps by name (events are read into finishedJobs). */
type NamedKind = Exclude<Kind, 'events'>;

function listPath(kind: Kind, namespace?: string): string {
  const k = KINDS[kind];
  const plural = kind;
  const where = namespace === undefined ? '' : `/namespaces/${namespace}`;
  return `${k.prefix}${where}/${plural}${k.query ? `?${k.query}` : ''}`;
}

async function request<T>(access: Access, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw err instanceof KubeApiError ? new AccessError(err, access) : err;
  }
}

/** Which of `namespaces` exist; a 403 on namespaces (a student's own role) counts as present. */
async function presentNamespaces(api: KubeApi, namespaces: string[], clusterWide: boolean): Promise<Set<string>> {
  if (clusterWide) {
    try {
      const list = await api.getJson('/api/v1/namespaces');
      return new Set((list.items ?? []).map((n: Json) => n.metadata?.name));
    } catch (err) {
      if (err instanceof KubeApiError && err.failure === 'forbidden') return new Set(namespaces);
      throw err instanceof KubeApiError ? new AccessError(err, { verb: 'list', resource: 'namespaces' }) : err;
    }
  }
  const present = new Set<string>();
  for (const ns of namespaces) {
    try {
      await api.getJson(`/api/v1/namespaces/${ns}`);
      present.add(ns);
    } catch (err) {
      if (!(err instanceof KubeApiError)) throw err;
      if (err.failure === 'forbidden') present.add(ns);
      else if (err.failure !== 'not-found') throw new AccessError(err, { verb: 'get', resource: 'namespaces' });
    }
  }
  return present;
}

function emptyObjects(namespace: string): NamespaceObjects {
  return {
    namespace,
    jobs: new Map(),
    cronjobs: new Map(),
    pods: new Map(),
    deployments: new Map(),
    persistentvolumeclaims: new Map(),
    finishedJobs: new Map(),
  };
}

/** Whether a check finds its objects; malformed objects count as there (the check then says what is wrong). */
function presentGuarded(check: Check, objects: NamespaceObjects): boolean {
  try {
    return check.present(objects);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return true;
  }
}

/**
 * A check over what the server sent. Fields of the wrong type (a string where conditions should be a
 * list) make that one check fail with a plain message, instead of ending verify with a stack trace.
 */
function evaluateGuarded(
  check: Check,
  objects: NamespaceObjects,
  logs: Map<string, string>,
): { verdict: Verdict; detail: string } {
  try {
    return check.evaluate(objects, logs);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return {
      verdict: 'fail',
      detail: "the API server's objects for this check have fields of the wrong type; verify cannot judge them",
    };
  }
}

const worst = (verdicts: Verdict[]): Verdict =>
  verdicts.includes('fail') ? 'fail' : verdicts.includes('pending') ? 'pending' : 'pass';

export interface VerifyOptions {
  /** List across all namespaces (fleet mode) instead of per namespace. @default - when more than one namespace is planned */
  readonly clusterWide?: boolean;
  /** Pod logs read at once. @default 8 */
  readonly logConcurrency?: number;
  /** Lines read from the end of each log. @default 200 */
  readonly tailLines?: number;
}

/** Reads the cluster and evaluates every planned check. */
export async function verify(
  api: KubeApi,
  plan: PlannedNamespace[],
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const before = api.requests;
  const clusterWide = options.clusterWide ?? plan.length > 1;
  const namespaces = plan.map((p) => p.namespace);
  const kinds = KIND_ORDER.filter((k) =>
    plan.some((p) => p.exercises.some((e) => e.checks.some((c) => c.kinds.includes(k)))),
  );

  const present = await presentNamespaces(api, namespaces, clusterWide);
  const objects = new Map(namespaces.map((ns) => [ns, emptyObjects(ns)]));
  const lists = clusterWide
    ? kinds.map((kind) => ({ kind, namespace: undefined as string | undefined }))
    : kinds.flatMap((kind) => namespaces.filter((ns) => present.has(ns)).map((namespace) => ({ kind, namespace })));
  const events = new Map<string, Json[]>();
  await Promise.all(
    lists.map(async ({ kind, namespace }) => {
      let list: Json;
      try {
        list = await request({ verb: 'list', resource: KINDS[kind].resource, namespace }, () =>
          api.getJson(listPath(kind, namespace)),
        );
      } catch (err) {
        // Events only add what a deleted Job left behind: a role that may not list them loses that, nothing else.
        if (kind === 'events' && err instanceof AccessError && err.failure.failure === 'forbidden') return;
        throw err;
      }
      if (!Array.isArray(list.items)) {
        throw new AccessError(
          new KubeApiError('invalid', 'GET', listPath(kind, namespace), undefined, 'a list without an items array'),
          { verb: 'list', resource: KINDS[kind].resource, namespace },
        );
      }
      for (const item of list.items) {
        // A null or malformed item (no name) is nothing verify can judge: it is left out.
        if (item === null || typeof item !== 'object' || typeof item.metadata?.name !== 'string') continue;
        const ns = item.metadata?.namespace;
        if (kind === 'events') {
          if (objects.has(ns)) events.set(ns, [...(events.get(ns) ?? []), item]);
          continue;
        }
        (objects.get(ns)?.[kind as NamedKind] as Map<string, Json> | undefined)?.set(item.metadata.name, item);
      }
    }),
  );
  for (const [ns, list] of events) objects.set(ns, { ...objects.get(ns)!, finishedJobs: finishedJobsOf(list) });
  const listRequests = api.requests - before;

  // An exercise is applied when any of its checks finds what it looks at, by kind and name.
  // Logs: only for exercises that are applied, only the pods the checks name.
  const applied = new Map(namespaces.map((ns) => [ns, new Set<string>()]));
  for (const p of plan) {
    const o = objects.get(p.namespace)!;
    for (const e of p.exercises) {
      if (e.checks.some((c) => presentGuarded(c, o))) applied.get(p.namespace)!.add(e.exercise);
    }
  }
  const wanted: Array<{ namespace: string; ref: LogRef }> = [];
  const seen = new Set<string>();
  for (const p of plan) {
    if (!present.has(p.namespace)) continue;
    for (const e of p.exercises) {
      if (!applied.get(p.namespace)!.has(e.exercise)) continue;
      for (const check of e.checks) {
        let refs: LogRef[] = [];
        try {
          refs = check.logs?.(objects.get(p.namespace)!) ?? [];
        } catch (err) {
          if (!(err instanceof TypeError)) throw err; // malformed objects: evaluate says so
        }
        for (const ref of refs) {
          const key = `${p.namespace}/${logKey(ref)}`;
          if (!seen.has(key)) {
            seen.add(key);
            wanted.push({ namespace: p.namespace, ref });
          }
        }
      }
    }
  }
  const tail = options.tailLines ?? 200;
  const logs = new Map(namespaces.map((ns) => [ns, new Map<string, string>()]));
  await mapLimited(wanted, options.logConcurrency ?? 8, async ({ namespace, ref }) => {
    const path = `/api/v1/namespaces/${namespace}/pods/${ref.pod}/log?container=${encodeURIComponent(ref.container)}&tailLines=${tail}&limitBytes=65536`;
    try {
      logs.get(namespace)!.set(logKey(ref), await api.getText(path));
    } catch (err) {
      // A pod deleted since the list, or a container without a log yet: the check says so.
      if (err instanceof KubeApiError && (err.failure === 'not-found' || err.status === 400)) return;
      throw err instanceof KubeApiError ? new AccessError(err, { verb: 'get', resource: 'pods/log', namespace }) : err;
    }
  });

  const results: NamespaceResult[] = plan.map((p) => {
    const isPresent = present.has(p.namespace);
    const exercises = p.exercises.map((e): ExerciseResult => {
      const status: ExerciseStatus = !isPresent
        ? 'namespace-absent'
        : applied.get(p.namespace)!.has(e.exercise)
          ? 'checked'
          : 'not-applied';
      if (status !== 'checked') {
        const detail = status === 'namespace-absent' ? `namespace ${p.namespace} absent` : 'not applied';
        // In a user's own namespace: what that user may do (a student's Role creates the exercise
        // objects, never the namespace), not the instructor's files.
        const hint = p.own
          ? status === 'namespace-absent'
            ? `ask your instructor: namespace ${p.namespace} does not exist`
            : `do it as the workshop text says, in namespace ${p.namespace} (${e.guide})`
          : status !== 'namespace-absent'
            ? `kubectl apply ${e.apply}`
            : p.createdBy !== undefined
              ? `${p.createdBy} && kubectl apply ${e.apply}`
              : `kubectl apply -f ${p.manifests}`;
        return {
          exercise: e.exercise,
          file: e.file,
          status,
          verdict: 'fail',
          checks: e.checks.map((c) => ({ title: c.title, verdict: 'fail', detail, hint })),
        };
      }
      const checks = e.checks.map((c: Check): CheckResult => {
        const seen = evaluateGuarded(c, objects.get(p.namespace)!, logs.get(p.namespace)!);
        return { title: c.title, ...seen, hint: seen.verdict === 'pass' ? undefined : `${c.hint} -n ${p.namespace}` };
      });
      return { exercise: e.exercise, file: e.file, status, verdict: worst(checks.map((c) => c.verdict)), checks };
    });
    return {
      namespace: p.namespace,
      student: p.student,
      present: isPresent,
      manifests: p.manifests,
      ...(p.own ? { own: true } : {}),
      exercises,
    };
  });
  return {
    namespaces: results,
    verdict: worst(results.flatMap((n) => n.exercises.map((e) => e.verdict))),
    requests: { lists: listRequests, logs: api.requests - before - listRequests },
  };
}

export interface WatchOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Between two rounds. */
  readonly intervalMs: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each round that is not the last. */
  readonly onRound?: (report: VerifyReport, round: number) => void;
  /**
   * Whether an error is worth waiting out (the API server restarting; the callback may say so): then
   * the next round runs. Any other error, or any error in the last round, ends the watch.
   */
  readonly transient?: (err: unknown, round: number) => boolean;
}

/** An API server that could not be reached or did not answer: worth waiting out in --watch. */
export function isTransient(err: unknown): boolean {
  return err instanceof AccessError && (err.failure.failure === 'unreachable' || err.failure.failure === 'timeout');
}

/** Re-runs `check` until everything passes or `timeoutMs` has passed; returns the last report. */
export async function watch(check: () => Promise<VerifyReport>, options: WatchOptions): Promise<VerifyReport> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const start = now();
  for (let round = 1; ; round++) {
    const last = now() - start + options.intervalMs > options.timeoutMs;
    try {
      const report = await check();
      if (report.verdict === 'pass' || last) return report;
      options.onRound?.(report, round);
    } catch (err) {
      if (last || !options.transient?.(err, round)) throw err;
    }
    await sleep(options.intervalMs);
  }
}
