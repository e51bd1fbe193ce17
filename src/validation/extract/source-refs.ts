// What ref-configmap and ref-secret share: every reference of a pod template to a ConfigMap or a
// Secret (env valueFrom, envFrom, volumes, projected volumes), checked against the bundle. The
// references come from reference-graph.ts, which the exercise diagrams draw too.
import { POD_TEMPLATE_KINDS } from '../bundle';
import { linksCheckedBy, SOURCES } from '../reference-graph';
import type { Bundle, BundleObject, FindingDraft, Rule } from '../types';

type SourceKind = 'ConfigMap' | 'Secret';

function keysOf(o: BundleObject): Set<string> {
  const m = o.manifest ?? {};
  return new Set([
    ...Object.keys(m.data ?? {}),
    ...Object.keys(m.binaryData ?? {}),
    ...Object.keys(m.stringData ?? {}),
  ]);
}

export function sourceRule(id: string, kind: SourceKind): Rule {
  // The field names reference-graph.ts extracts the links from.
  const { keyRef: ref, envFromRef, volume: volumeField } = SOURCES.find((s) => s.kind === kind)!;
  const missingKey = (target: BundleObject, name: string) =>
    `one of the keys of ${kind} ${name}: ${[...keysOf(target)].join(', ') || '(none)'}`;
  return {
    id,
    description: `every ${ref}, envFrom ${envFromRef} and ${volumeField} volume (and its items) names a ${kind} and key the bundle defines (else the pod sticks in CreateContainerConfigError or ContainerCreating)`,
    remediation: `define the ${kind} in the same namespace, fix the name or key, or mark the reference optional: true`,
    kinds: POD_TEMPLATE_KINDS,
    looksUp: [kind],
    check(bundle: Bundle) {
      const findings: FindingDraft[] = [];
      for (const link of linksCheckedBy(bundle, id)) {
        if (link.optional) continue;
        const target = link.found ? bundle.get(kind, link.target.namespace, link.target.name!) : undefined;
        if (!target) {
          findings.push({
            object: link.from,
            path: link.path,
            value: link.target.name,
            expected: `a ${kind} defined in the bundle in namespace ${link.target.namespace} (or optional: true)`,
          });
          continue;
        }
        const keys = keysOf(target);
        for (const k of link.keys ?? []) {
          if (!keys.has(String(k.key)))
            findings.push({
              object: link.from,
              path: k.path,
              value: k.key,
              expected: missingKey(target, String(link.target.name)),
            });
        }
      }
      return findings;
    },
  };
}
