// References inside the bundle: what the API server accepts but leaves pods stuck in
// CreateContainerConfigError or ContainerCreating, Services without endpoints, RoleBindings to nothing.
import { containersOf, podTemplates } from './bundle';
import type { Bundle, BundleObject, FindingDraft, Rule } from './types';

/** Built-in ClusterRoles every cluster has. */
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

function keysOf(o: BundleObject | undefined): Set<string> {
  const m = o?.manifest ?? {};
  return new Set([...Object.keys(m.data ?? {}), ...Object.keys(m.binaryData ?? {}), ...Object.keys(m.stringData ?? {})]);
}

type SourceKind = 'ConfigMap' | 'Secret';

/** Checks one reference to a ConfigMap or Secret (and optionally one of its keys). */
function checkSource(bundle: Bundle, findings: FindingDraft[], object: BundleObject, namespace: string | undefined,
  kind: SourceKind, name: string | undefined, key: string | undefined, optional: boolean | undefined, path: string, keyPath: string): void {
  if (optional) return;
  const target = name === undefined ? undefined : bundle.get(kind, namespace, name);
  if (!target) {
    findings.push({ object, path, value: name, expected: `a ${kind} defined in the bundle in namespace ${namespace} (or optional: true)` });
    return;
  }
  if (key !== undefined && !keysOf(target).has(key)) {
    findings.push({ object, path: keyPath, value: key, expected: `one of the keys of ${kind} ${name}: ${[...keysOf(target)].join(', ') || '(none)'}` });
  }
}

function sourceRule(id: string, kind: SourceKind): Rule {
  const ref = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
  const envFromRef = kind === 'ConfigMap' ? 'configMapRef' : 'secretRef';
  const volumeField = kind === 'ConfigMap' ? 'configMap' : 'secret';
  const volumeName = (v: any) => kind === 'ConfigMap' ? v.name : v.secretName;
  return {
    id,
    description: `every ${ref}, envFrom ${envFromRef} and ${volumeField} volume (and its items) names a ${kind} and key the bundle defines`,
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const t of podTemplates(bundle)) {
        for (const { container, path } of containersOf(t)) {
          (container.env ?? []).forEach((e: any, i: number) => {
            const r = e.valueFrom?.[ref];
            if (r) {
              const p = `${path}.env[${i}].valueFrom.${ref}`;
              checkSource(bundle, findings, t.object, t.namespace, kind, r.name, r.key, r.optional, `${p}.name`, `${p}.key`);
            }
          });
          (container.envFrom ?? []).forEach((e: any, i: number) => {
            const r = e[envFromRef];
            if (r) {
              const p = `${path}.envFrom[${i}].${envFromRef}.name`;
              checkSource(bundle, findings, t.object, t.namespace, kind, r.name, undefined, r.optional, p, p);
            }
          });
        }
        (t.spec.volumes ?? []).forEach((v: any, i: number) => {
          const sources: Array<[any, string]> = [];
          if (v[volumeField]) sources.push([v[volumeField], `${t.specPath}.volumes[${i}].${volumeField}`]);
          (v.projected?.sources ?? []).forEach((s: any, j: number) => {
            if (s[volumeField]) sources.push([s[volumeField], `${t.specPath}.volumes[${i}].projected.sources[${j}].${volumeField}`]);
          });
          for (const [src, p] of sources) {
            const name = v.projected ? src.name : volumeName(src);
            const nameField = v.projected || kind === 'ConfigMap' ? 'name' : 'secretName';
            checkSource(bundle, findings, t.object, t.namespace, kind, name, undefined, src.optional, `${p}.${nameField}`, '');
            const target = bundle.get(kind, t.namespace, name);
            if (target && !src.optional) {
              (src.items ?? []).forEach((item: any, k: number) => {
                if (!keysOf(target).has(item.key)) {
                  findings.push({ object: t.object, path: `${p}.items[${k}].key`, value: item.key, expected: `one of the keys of ${kind} ${name}: ${[...keysOf(target)].join(', ') || '(none)'}` });
                }
              });
            }
          }
        });
      }
      return findings;
    },
  };
}

export const REFERENCE_RULES: Rule[] = [
  sourceRule('ref-configmap', 'ConfigMap'),
  sourceRule('ref-secret', 'Secret'),
  {
    id: 'ref-service-account',
    description: 'every serviceAccountName is `default` or a ServiceAccount of the bundle (else the pod is never created)',
    check(bundle) {
      return podTemplates(bundle).flatMap((t) => {
        const name = t.spec.serviceAccountName ?? t.spec.serviceAccount;
        if (name === undefined || name === 'default' || bundle.get('ServiceAccount', t.namespace, name)) return [];
        return [{ object: t.object, path: `${t.specPath}.serviceAccountName`, value: name, expected: `default or a ServiceAccount defined in the bundle in namespace ${t.namespace}` }];
      });
    },
  },
  {
    id: 'ref-role-binding',
    description: 'every RoleBinding/ClusterRoleBinding roleRef and ServiceAccount subject exists in the bundle (or is built in)',
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const object of [...bundle.ofKind('RoleBinding'), ...bundle.ofKind('ClusterRoleBinding')]) {
        const m = object.manifest;
        const ns = m.metadata?.namespace;
        const ref = m.roleRef ?? {};
        const found = ref.kind === 'Role' ? bundle.get('Role', ns, ref.name)
          : ref.kind === 'ClusterRole' ? (bundle.get('ClusterRole', undefined, ref.name) ?? (BUILT_IN_CLUSTER_ROLES.has(ref.name) || String(ref.name).startsWith('system:') ? object : undefined))
            : undefined;
        if (!found) {
          findings.push({ object, path: 'roleRef.name', value: ref.name, expected: `a ${ref.kind ?? 'Role'} defined in the bundle${ref.kind === 'Role' ? ` in namespace ${ns}` : ' or a built-in ClusterRole'}` });
        }
        if (m.kind === 'RoleBinding' && ref.kind === 'Role' && ref.apiGroup !== 'rbac.authorization.k8s.io') {
          findings.push({ object, path: 'roleRef.apiGroup', value: ref.apiGroup, expected: 'rbac.authorization.k8s.io' });
        }
        (m.subjects ?? []).forEach((s: any, i: number) => {
          if (s.kind !== 'ServiceAccount' || s.name === 'default') return;
          const subjectNs = s.namespace ?? ns;
          if (!bundle.get('ServiceAccount', subjectNs, s.name)) {
            findings.push({ object, path: `subjects[${i}].name`, value: s.name, expected: `a ServiceAccount defined in the bundle in namespace ${subjectNs}` });
          }
        });
      }
      return findings;
    },
  },
  {
    id: 'volume-mount-source',
    description: 'every volumeMount names a volume of its pod, or a volumeClaimTemplate of its StatefulSet',
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const t of podTemplates(bundle)) {
        const names = new Set<string>((t.spec.volumes ?? []).map((v: any) => v.name));
        for (const c of t.object.manifest.kind === 'StatefulSet' ? t.object.manifest.spec?.volumeClaimTemplates ?? [] : []) {
          names.add(c.metadata?.name);
        }
        for (const { container, path } of containersOf(t)) {
          (container.volumeMounts ?? []).forEach((m: any, i: number) => {
            if (!names.has(m.name)) {
              findings.push({ object: t.object, path: `${path}.volumeMounts[${i}].name`, value: m.name, expected: `one of the pod's volumes or claim templates: ${[...names].join(', ') || '(none)'}` });
            }
          });
        }
      }
      return findings;
    },
  },
  {
    id: 'service-selector',
    description: 'every Service selector matches the labels of some pod template in its namespace (else it has no endpoints)',
    check(bundle) {
      const templates = podTemplates(bundle);
      return bundle.ofKind('Service').flatMap((object) => {
        const m = object.manifest;
        const selector = m.spec?.selector;
        if (!selector || Object.keys(selector).length === 0 || m.spec?.type === 'ExternalName') return [];
        const matched = templates.some((t) => t.namespace === m.metadata?.namespace && matches(selector, t.labels));
        return matched ? [] : [{ object, path: 'spec.selector', value: selector, expected: `labels of a pod template in namespace ${m.metadata?.namespace}` }];
      });
    },
  },
  {
    id: 'workload-selector',
    description: 'every workload selector matches its own pod template (the API server rejects it otherwise)',
    check(bundle) {
      const findings: FindingDraft[] = [];
      for (const kind of ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job']) {
        for (const object of bundle.ofKind(kind)) {
          const spec = object.manifest.spec ?? {};
          const selector = spec.selector;
          if (!selector) {
            if (kind !== 'Job') findings.push({ object, path: 'spec.selector', value: undefined, expected: 'a selector matching spec.template.metadata.labels' });
            continue;
          }
          const labels = spec.template?.metadata?.labels ?? {};
          if (!matches(selector.matchLabels ?? {}, labels) || !matchExpressions(selector.matchExpressions ?? [], labels)) {
            findings.push({ object, path: 'spec.selector', value: selector, expected: `a selector matching spec.template.metadata.labels ${JSON.stringify(labels)}` });
          }
        }
      }
      return findings;
    },
  },
  {
    id: 'statefulset-service',
    description: "a StatefulSet's serviceName is a headless Service (clusterIP: None) of the bundle, else its pods get no stable DNS names",
    check(bundle) {
      return bundle.ofKind('StatefulSet').flatMap((object) => {
        const m = object.manifest;
        const name = m.spec?.serviceName;
        const svc = name ? bundle.get('Service', m.metadata?.namespace, name) : undefined;
        if (svc && svc.manifest.spec?.clusterIP === 'None') return [];
        return [{ object, path: 'spec.serviceName', value: name, expected: svc ? `Service ${name} to be headless (clusterIP: None)` : `a headless Service defined in the bundle in namespace ${m.metadata?.namespace}` }];
      });
    },
  },
];

export function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function matchExpressions(expressions: any[], labels: Record<string, string>): boolean {
  return expressions.every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}
