// What ref-configmap and ref-secret share: every reference of a pod template to a ConfigMap or a
// Secret (env valueFrom, envFrom, volumes, projected volumes), checked against the bundle.
import { POD_TEMPLATE_KINDS } from '../bundle';
import type { Bundle, BundleObject, FindingDraft, Rule } from '../types';

type SourceKind = 'ConfigMap' | 'Secret';

function keysOf(o: BundleObject): Set<string> {
  const m = o.manifest ?? {};
  return new Set([...Object.keys(m.data ?? {}), ...Object.keys(m.binaryData ?? {}), ...Object.keys(m.stringData ?? {})]);
}

export function sourceRule(id: string, kind: SourceKind): Rule {
  const ref = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
  const envFromRef = kind === 'ConfigMap' ? 'configMapRef' : 'secretRef';
  const volumeField = kind === 'ConfigMap' ? 'configMap' : 'secret';
  const missingKey = (target: BundleObject, name: string) => `one of the keys of ${kind} ${name}: ${[...keysOf(target)].join(', ') || '(none)'}`;
  return {
    id,
    description: `every ${ref}, envFrom ${envFromRef} and ${volumeField} volume (and its items) names a ${kind} and key the bundle defines (else the pod sticks in CreateContainerConfigError or ContainerCreating)`,
    remediation: `define the ${kind} in the same namespace, fix the name or key, or mark the reference optional: true`,
    kinds: POD_TEMPLATE_KINDS,
    check(bundle: Bundle) {
      const findings: FindingDraft[] = [];
      for (const t of bundle.podTemplates) {
        const check = (name: unknown, key: unknown, optional: unknown, path: string, keyPath: string): BundleObject | undefined => {
          if (optional) return undefined;
          const target = typeof name === 'string' ? bundle.get(kind, t.namespace, name) : undefined;
          if (!target) {
            findings.push({ object: t.object, path, value: name, expected: `a ${kind} defined in the bundle in namespace ${t.namespace} (or optional: true)` });
          } else if (key !== undefined && !keysOf(target).has(String(key))) {
            findings.push({ object: t.object, path: keyPath, value: key, expected: missingKey(target, String(name)) });
          }
          return target;
        };
        for (const { container, path } of t.containers) {
          (Array.isArray(container.env) ? container.env : []).forEach((e: any, i: number) => {
            const r = e?.valueFrom?.[ref];
            if (r) check(r.name, r.key, r.optional, `${path}.env[${i}].valueFrom.${ref}.name`, `${path}.env[${i}].valueFrom.${ref}.key`);
          });
          (Array.isArray(container.envFrom) ? container.envFrom : []).forEach((e: any, i: number) => {
            const r = e?.[envFromRef];
            if (r) check(r.name, undefined, r.optional, `${path}.envFrom[${i}].${envFromRef}.name`, '');
          });
        }
        (Array.isArray(t.spec.volumes) ? t.spec.volumes : []).forEach((v: any, i: number) => {
          const sources: Array<[any, string, string]> = [];
          if (v?.[volumeField]) sources.push([v[volumeField], `${t.specPath}.volumes[${i}].${volumeField}`, kind === 'ConfigMap' ? 'name' : 'secretName']);
          (v?.projected?.sources ?? []).forEach((s: any, j: number) => {
            if (s?.[volumeField]) sources.push([s[volumeField], `${t.specPath}.volumes[${i}].projected.sources[${j}].${volumeField}`, 'name']);
          });
          for (const [src, p, nameField] of sources) {
            const target = check(src[nameField], undefined, src.optional, `${p}.${nameField}`, '');
            if (!target) continue;
            (src.items ?? []).forEach((item: any, k: number) => {
              if (!keysOf(target).has(item?.key)) findings.push({ object: t.object, path: `${p}.items[${k}].key`, value: item?.key, expected: missingKey(target, src[nameField]) });
            });
          }
        });
      }
      return findings;
    },
  };
}
