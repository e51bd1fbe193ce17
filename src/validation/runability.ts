// What the API server or the kubelet rejects although the manifest is well-formed.
import { CRON_SCHEDULE_DESCRIPTION, cronScheduleProblem } from '../k8s/cron';
import {
  C_IDENTIFIER, DNS_1035_LABEL, DNS_LABEL, DNS_SUBDOMAIN, dnsSubdomain, ENV_VAR_NAME, Grammar, LABEL_KEY, LABEL_VALUE, parseQuantity, PORT_NAME, QUANTITY,
} from '../k8s/grammar';
import { CLUSTER_SCOPED, containersOf, describeObject, NAMESPACE_CREATED_BY, podTemplates } from './bundle';
import type { FindingDraft, Rule } from './types';

/** A path segment name (Role, RoleBinding and other RBAC objects): anything but `/`, `%`, `.` and `..`. */
const PATH_SEGMENT: Grammar = {
  pattern: '^(?!\\.\\.?$)[^/%]+$', maxLength: Infinity, description: 'a path segment name (no / or %, not . or ..)',
  test: (n: unknown): n is string => typeof n === 'string' && n.length > 0 && n !== '.' && n !== '..' && !/[/%]/.test(n),
};

/** How each kind's metadata.name is validated by the API server (apimachinery validation). */
function nameGrammar(kind: string): Grammar {
  switch (kind) {
    // Job names become the job-name pod label (63).
    case 'Namespace': case 'Job': case 'StatefulSet': return DNS_LABEL;
    case 'Service': return DNS_1035_LABEL;
    // The CronJob controller appends an 11-character suffix to name its Jobs.
    case 'CronJob': return CRONJOB_NAME;
    case 'Role': case 'RoleBinding': case 'ClusterRole': case 'ClusterRoleBinding': return PATH_SEGMENT;
    default: return DNS_SUBDOMAIN;
  }
}
const CRONJOB_NAME = dnsSubdomain(52);

/** Workshop-wide resource totals: how many pods run at once, and what they request. */
export interface ResourceTotals {
  readonly pods: number;
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  readonly memoryLimitMiB: number;
}

/**
 * Sums the requests of every pod template times the pods it runs at once: replicas, a Job's
 * parallelism (at most its completions), one pod per CronJob (concurrency is left to its policy).
 */
export function totalRequests(objects: { manifest: any }[]): ResourceTotals {
  let pods = 0; let cpu = 0; let mem = 0; let limit = 0;
  for (const t of podTemplates({ objects, get: () => undefined, ofKind: () => [] } as any)) {
    const m = t.object.manifest;
    const spec = m.spec ?? {};
    const count = m.kind === 'Job' ? Math.min(spec.parallelism ?? 1, spec.completions ?? spec.parallelism ?? 1)
      : ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(m.kind) ? spec.replicas ?? 1 : 1;
    const containers = t.spec.containers ?? [];
    const sum = (f: (r: any) => unknown) => containers.reduce((n: number, c: any) => n + (parseQuantity(f(c.resources ?? {})) ?? 0), 0);
    // Init containers run before the app containers: the pod needs the larger of the two.
    const initMax = (f: (r: any) => unknown) => Math.max(0, ...(t.spec.initContainers ?? []).map((c: any) => parseQuantity(f(c.resources ?? {})) ?? 0));
    pods += count;
    cpu += count * Math.max(sum((r) => r.requests?.cpu), initMax((r) => r.requests?.cpu));
    mem += count * Math.max(sum((r) => r.requests?.memory), initMax((r) => r.requests?.memory));
    limit += count * Math.max(sum((r) => r.limits?.memory), initMax((r) => r.limits?.memory));
  }
  return { pods, cpuMillis: Math.round(cpu * 1000), memoryMiB: Math.round(mem / 1024 ** 2), memoryLimitMiB: Math.round(limit / 1024 ** 2) };
}

/** `$(NAME)` references Kubernetes would expand in a command or argument (`$$(` escapes). */
export function variableReferences(text: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') { i++; continue; }
    if (text[i + 1] !== '(') continue;
    const end = text.indexOf(')', i + 2);
    if (end < 0) break;
    names.push(text.slice(i + 2, end));
    i = end;
  }
  return names;
}

export const RUNABILITY_RULES: Rule[] = [
  {
    id: 'namespace-exists',
    description: `every namespaced object names its namespace, and the bundle creates that Namespace (or the object's ${NAMESPACE_CREATED_BY} annotation names the command that does)`,
    check(bundle) {
      return bundle.objects.flatMap((object) => {
        const m = object.manifest;
        if (CLUSTER_SCOPED.has(m.kind)) return [];
        const ns = m.metadata?.namespace;
        if (ns !== undefined && bundle.get('Namespace', undefined, ns)) return [];
        if (ns !== undefined && m.metadata?.annotations?.[NAMESPACE_CREATED_BY] === `kubectl create ns ${ns}`) return [];
        return [{ object, path: 'metadata.namespace', value: ns, expected: ns === undefined ? 'an explicit namespace' : 'a Namespace the bundle creates' }];
      });
    },
  },
  {
    id: 'name-valid',
    description: 'object, container, volume and port names and label values are what the API server accepts',
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const object of bundle.objects) {
        const m = object.manifest;
        const grammar = nameGrammar(m.kind);
        const name = m.metadata?.name;
        if (!grammar.test(name)) findings.push({ object, path: 'metadata.name', value: name, expected: grammar.description });
        for (const [k, v] of Object.entries(m.metadata?.labels ?? {})) {
          if (!LABEL_KEY.test(k)) findings.push({ object, path: `metadata.labels.${k}`, value: k, expected: LABEL_KEY.description });
          if (!LABEL_VALUE.test(v)) findings.push({ object, path: `metadata.labels.${k}`, value: v, expected: LABEL_VALUE.description });
        }
      }
      for (const t of podTemplates(bundle)) {
        for (const { container, path } of containersOf(t)) {
          if (!DNS_LABEL.test(container.name)) {
            findings.push({ object: t.object, path: `${path}.name`, value: container.name, expected: DNS_LABEL.description });
          }
          (container.ports ?? []).forEach((p: any, i: number) => {
            if (p.name !== undefined && !PORT_NAME.test(p.name)) {
              findings.push({ object: t.object, path: `${path}.ports[${i}].name`, value: p.name, expected: PORT_NAME.description });
            }
          });
          (container.env ?? []).forEach((e: any, i: number) => {
            if (!ENV_VAR_NAME.test(e.name)) {
              findings.push({ object: t.object, path: `${path}.env[${i}].name`, value: e.name, expected: ENV_VAR_NAME.description });
            }
          });
        }
        (t.spec.volumes ?? []).forEach((v: any, i: number) => {
          if (!DNS_LABEL.test(v.name)) {
            findings.push({ object: t.object, path: `${t.specPath}.volumes[${i}].name`, value: v.name, expected: DNS_LABEL.description });
          }
        });
      }
      return findings;
    },
  },
  {
    id: 'duplicate-object',
    description: 'no two objects share kind, namespace and name (kubectl would silently keep only the last)',
    check(bundle) {
      const seen = new Set<string>();
      return bundle.objects.flatMap((object) => {
        const key = describeObject(object);
        if (!seen.has(key)) { seen.add(key); return []; }
        return [{ object, path: 'metadata.name', value: object.manifest.metadata?.name, expected: `a name not used by another ${object.manifest.kind} in the namespace` }];
      });
    },
  },
  {
    id: 'node-port-unique',
    description: 'no two Services ask for the same nodePort (the API server rejects the second)',
    check(bundle) {
      const seen = new Map<number, string>();
      const findings: FindingDraft[] = [];
      for (const object of bundle.ofKind('Service')) {
        (object.manifest.spec?.ports ?? []).forEach((p: any, i: number) => {
          if (p.nodePort === undefined) return;
          const owner = seen.get(p.nodePort);
          if (owner) findings.push({ object, path: `spec.ports[${i}].nodePort`, value: p.nodePort, expected: `a nodePort not already taken by ${owner}` });
          else seen.set(p.nodePort, describeObject(object));
        });
      }
      return findings;
    },
  },
  {
    id: 'job-restart-policy',
    description: 'Job and CronJob pods restart Never or OnFailure (Always is rejected: a Job must end)',
    check(bundle) {
      return podTemplates(bundle)
        .filter((t) => ['Job', 'CronJob'].includes(t.object.manifest.kind))
        .filter((t) => t.spec.restartPolicy !== 'Never' && t.spec.restartPolicy !== 'OnFailure')
        .map((t) => ({ object: t.object, path: `${t.specPath}.restartPolicy`, value: t.spec.restartPolicy, expected: 'Never or OnFailure' }));
    },
  },
  {
    id: 'cron-schedule',
    description: 'every CronJob schedule is a five-field cron expression or macro the controller parses',
    check(bundle) {
      return bundle.ofKind('CronJob').flatMap((object) => {
        const schedule = object.manifest.spec?.schedule;
        const problem = typeof schedule === 'string' ? cronScheduleProblem(schedule) : 'not a string';
        return problem === undefined ? [] : [{ object, path: 'spec.schedule', value: schedule, expected: `${CRON_SCHEDULE_DESCRIPTION}; ${problem}` }];
      });
    },
  },
  {
    id: 'run-as-non-root-user',
    description: 'runAsNonRoot comes with a numeric non-zero runAsUser, else the kubelet cannot verify a named image user and refuses to start the container',
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const t of podTemplates(bundle)) {
        const pod = t.spec.securityContext ?? {};
        for (const { container, path } of containersOf(t)) {
          const sc = container.securityContext ?? {};
          const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
          const user = sc.runAsUser ?? pod.runAsUser;
          if (nonRoot !== true) continue;
          if (user === 0) {
            findings.push({ object: t.object, path: `${path}.securityContext.runAsUser`, value: user, expected: 'a non-zero user id: runAsNonRoot with user 0 never starts' });
          } else if (!Number.isInteger(user)) {
            findings.push({ object: t.object, path: `${path}.securityContext.runAsUser`, value: user, expected: 'a numeric non-root runAsUser next to runAsNonRoot: true' });
          }
        }
      }
      return findings;
    },
  },
  {
    id: 'resources',
    description: 'every container requests CPU and memory and has a memory limit, so the workshop fits a small cluster',
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const t of podTemplates(bundle)) {
        for (const { container, path } of containersOf(t)) {
          const r = container.resources ?? {};
          for (const [field, value] of [['requests.cpu', r.requests?.cpu], ['requests.memory', r.requests?.memory], ['limits.memory', r.limits?.memory]] as const) {
            if (value === undefined) {
              findings.push({ object: t.object, path: `${path}.resources.${field}`, value, expected: 'an explicit quantity' });
            } else if (parseQuantity(value) === undefined || parseQuantity(value)! < 0) {
              findings.push({ object: t.object, path: `${path}.resources.${field}`, value, expected: QUANTITY.description.replace('a ', 'a non-negative ') });
            }
          }
        }
      }
      return findings;
    },
  },
  {
    id: 'env-var-reference',
    description: '$(VAR) in command and args names a variable the container defines; Kubernetes leaves unknown ones as text, which the shell then runs as a command',
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const t of podTemplates(bundle)) {
        for (const { container, path } of containersOf(t)) {
          const defined = new Set<string>((container.env ?? []).map((e: any) => e.name));
          (container.envFrom ?? []).forEach((e: any) => {
            const source = e.configMapRef ? bundle.get('ConfigMap', t.namespace, e.configMapRef.name) : e.secretRef ? bundle.get('Secret', t.namespace, e.secretRef.name) : undefined;
            for (const key of Object.keys({ ...source?.manifest.data, ...source?.manifest.stringData })) defined.add(`${e.prefix ?? ''}${key}`);
          });
          for (const field of ['command', 'args']) {
            // A string instead of a list is the schema rule's finding; nothing to expand here.
            (Array.isArray(container[field]) ? container[field] : []).forEach((arg: unknown, i: number) => {
              if (typeof arg !== 'string') return;
              for (const name of variableReferences(arg)) {
                // `$(cat file)` is not a variable name: Kubernetes leaves it to the shell, as intended.
                if (!C_IDENTIFIER.test(name) && !ENV_VAR_NAME.test(name)) continue;
                if (!defined.has(name)) {
                  findings.push({ object: t.object, path: `${path}.${field}[${i}]`, value: `$(${name})`, expected: `a variable the container defines (${[...defined].join(', ') || 'none'}), or $$(${name}) for a literal` });
                }
              }
            });
          }
        }
      }
      return findings;
    },
  },
];
