// What the API server or the kubelet rejects although the manifest is well-formed.
import { assertCronSchedule } from '../../lib/cron';
import { CLUSTER_SCOPED, containersOf, describeObject, podTemplates } from './bundle';
import type { FindingDraft, Rule } from './types';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** How each kind's metadata.name is validated by the API server (apimachinery validation). */
function nameRule(kind: string): { test: (n: string) => boolean; expected: string } {
  const label = { test: (n: string) => n.length <= 63 && DNS_LABEL.test(n), expected: 'a DNS-1123 label (lowercase alphanumerics and \'-\', at most 63 characters)' };
  switch (kind) {
    case 'Namespace': return label;
    case 'Service': return { test: (n) => n.length <= 63 && DNS_1035_LABEL.test(n), expected: 'a DNS-1035 label (starts with a letter, lowercase alphanumerics and \'-\', at most 63 characters)' };
    // Job names become the job-name pod label (63), CronJob names get an 11-character suffix.
    case 'Job': case 'StatefulSet': return label;
    case 'CronJob': return { test: (n) => n.length <= 52 && DNS_SUBDOMAIN.test(n), expected: 'a DNS-1123 subdomain of at most 52 characters' };
    case 'Role': case 'RoleBinding': case 'ClusterRole': case 'ClusterRoleBinding':
      return { test: (n) => n.length > 0 && n !== '.' && n !== '..' && !/[/%]/.test(n), expected: 'a path segment name (no / or %, not . or ..)' };
    default: return { test: (n) => n.length <= 253 && DNS_SUBDOMAIN.test(n), expected: 'a DNS-1123 subdomain (lowercase alphanumerics, \'-\' and \'.\', at most 253 characters)' };
  }
}

function parseQuantity(q: unknown): number | undefined {
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  if (!m) return undefined;
  const scale: Record<string, number> = { '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'Ki': 1024, 'Mi': 1024 ** 2, 'Gi': 1024 ** 3, 'Ti': 1024 ** 4 };
  return Number(m[1]) * scale[m[2] ?? ''];
}

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
    description: 'every namespaced object names its namespace, and the bundle creates that Namespace',
    check(bundle) {
      return bundle.objects.flatMap((object) => {
        const m = object.manifest;
        if (CLUSTER_SCOPED.has(m.kind)) return [];
        const ns = m.metadata?.namespace;
        if (ns !== undefined && bundle.get('Namespace', undefined, ns)) return [];
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
        const rule = nameRule(m.kind);
        const name = m.metadata?.name;
        if (typeof name !== 'string' || !rule.test(name)) findings.push({ object, path: 'metadata.name', value: name, expected: rule.expected });
        for (const [k, v] of Object.entries(m.metadata?.labels ?? {})) {
          if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
            findings.push({ object, path: `metadata.labels.${k}`, value: v, expected: 'a label value (at most 63 alphanumerics, \'-\', \'_\' or \'.\', alphanumeric at both ends)' });
          }
        }
      }
      for (const t of podTemplates(bundle)) {
        for (const { container, path } of containersOf(t)) {
          if (typeof container.name !== 'string' || container.name.length > 63 || !DNS_LABEL.test(container.name)) {
            findings.push({ object: t.object, path: `${path}.name`, value: container.name, expected: 'a DNS-1123 label' });
          }
          (container.ports ?? []).forEach((p: any, i: number) => {
            if (p.name !== undefined && (p.name.length > 15 || !IANA_SVC_NAME.test(p.name))) {
              findings.push({ object: t.object, path: `${path}.ports[${i}].name`, value: p.name, expected: 'an IANA service name (at most 15 lowercase alphanumerics and \'-\', with a letter)' });
            }
          });
          (container.env ?? []).forEach((e: any, i: number) => {
            if (typeof e.name !== 'string' || !ENV_NAME.test(e.name)) {
              findings.push({ object: t.object, path: `${path}.env[${i}].name`, value: e.name, expected: 'an environment variable name (letters, digits, \'_\', \'-\' or \'.\', not starting with a digit)' });
            }
          });
        }
        (t.spec.volumes ?? []).forEach((v: any, i: number) => {
          if (typeof v.name !== 'string' || v.name.length > 63 || !DNS_LABEL.test(v.name)) {
            findings.push({ object: t.object, path: `${t.specPath}.volumes[${i}].name`, value: v.name, expected: 'a DNS-1123 label' });
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
        try {
          assertCronSchedule('schedule', String(schedule), describeObject(object));
          return [];
        } catch (err) {
          const why = /\), (.*), got /.exec((err as Error).message)?.[1] ?? 'unparseable';
          return [{ object, path: 'spec.schedule', value: schedule, expected: `a cron expression: 5 fields or a macro such as @hourly (${why})` }];
        }
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
            } else if (parseQuantity(value) === undefined) {
              findings.push({ object: t.object, path: `${path}.resources.${field}`, value, expected: 'a quantity such as 100m or 64Mi' });
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
                if (!C_IDENTIFIER.test(name) && !ENV_NAME.test(name)) continue;
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
