import { parseQuantity } from '../k8s/grammar';
import type { ResourceTotals } from '../findings';
import type { Bundle } from './types';
import type { Json } from '../json';

/**
 * Sums the requests of every pod template times the pods it runs at once: replicas, a Job's
 * parallelism (at most its completions), one pod per CronJob (concurrency is left to its policy).
 */
export function totalRequests(bundle: Bundle): ResourceTotals {
  let pods = 0;
  let cpu = 0;
  let mem = 0;
  let limit = 0;
  for (const t of bundle.podTemplates) {
    const m = t.object.manifest;
    const spec = m.spec ?? {};
    const count =
      m.kind === 'Job'
        ? Math.min(spec.parallelism ?? 1, spec.completions ?? spec.parallelism ?? 1)
        : ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(m.kind)
          ? (spec.replicas ?? 1)
          : 1;
    const containers = Array.isArray(t.spec.containers) ? t.spec.containers : [];
    const sum = (f: (r: Json) => unknown) =>
      containers.reduce((n: number, c: Json) => n + (parseQuantity(f(c?.resources ?? {})) ?? 0), 0);
    // Init containers run before the app containers: the pod needs the larger of the two.
    const inits = Array.isArray(t.spec.initContainers) ? t.spec.initContainers : [];
    const initMax = (f: (r: Json) => unknown) =>
      Math.max(0, ...inits.map((c: Json) => parseQuantity(f(c?.resources ?? {})) ?? 0));
    pods += count;
    cpu +=
      count *
      Math.max(
        sum((r) => r.requests?.cpu),
        initMax((r) => r.requests?.cpu),
      );
    mem +=
      count *
      Math.max(
        sum((r) => r.requests?.memory),
        initMax((r) => r.requests?.memory),
      );
    limit +=
      count *
      Math.max(
        sum((r) => r.limits?.memory),
        initMax((r) => r.limits?.memory),
      );
  }
  return {
    pods,
    cpuMillis: Math.round(cpu * 1000),
    memoryMiB: Math.round(mem / 1024 ** 2),
    memoryLimitMiB: Math.round(limit / 1024 ** 2),
  };
}
