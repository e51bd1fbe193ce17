// The bundle's indexes (by key, by kind, pod templates, pod templates by namespace and label),
// computed once per validation so that every rule stays linear in the size of the bundle.
import { firstAlikes } from './alike';
import type { Bundle, BundleObject, PodTemplate } from './types';
import type { Json } from '../json';

/** Kinds that live outside namespaces (the ones this workshop could produce or reference). */
export const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
]);

/** Kinds with a pod template, and where it is. */
const TEMPLATE_PATHS: Record<string, string> = {
  Pod: '',
  CronJob: 'spec.jobTemplate.spec.template',
  Job: 'spec.template',
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  ReplicaSet: 'spec.template',
  DaemonSet: 'spec.template',
};
export const POD_TEMPLATE_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return CLUSTER_SCOPED.has(kind) ? `${kind}/${name}` : `${kind}/${namespace ?? '(no namespace)'}/${name}`;
}

/** `Kind/namespace/name` of an object, as findings name it. */
export function describeObject(o: BundleObject): string {
  const m = o.manifest ?? {};
  return objectKey(String(m.kind ?? '(no kind)'), m.metadata?.namespace, String(m.metadata?.name ?? '(no name)'));
}

function podTemplateOf(object: BundleObject): PodTemplate | undefined {
  const m = object.manifest;
  const at = TEMPLATE_PATHS[m?.kind];
  if (at === undefined) return undefined;
  const template = at === '' ? m : at.split('.').reduce((node: Json, key) => node?.[key], m);
  if (!template?.spec || typeof template.spec !== 'object') return undefined;
  const specPath = at === '' ? 'spec' : `${at}.spec`;
  const containers: Array<{ container: Json; path: string }> = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = template.spec[field];
    if (Array.isArray(list))
      list.forEach((container: Json, i: number) =>
        containers.push({ container: container ?? {}, path: `${specPath}.${field}[${i}]` }),
      );
  }
  const labels = template.metadata?.labels;
  const labelsPath = at === '' ? 'metadata.labels' : `${at}.metadata.labels`;
  return {
    object,
    namespace: m.metadata?.namespace,
    specPath,
    spec: template.spec,
    labels: labels && typeof labels === 'object' ? labels : {},
    labelsPath,
    containers,
  };
}

export function makeBundle(objects: readonly BundleObject[]): Bundle {
  const byKey = new Map<string, BundleObject>();
  const byKind = new Map<string, BundleObject[]>();
  const podTemplates: PodTemplate[] = [];
  const byLabel = new Map<string, PodTemplate[]>();
  for (const o of objects) {
    const m = o.manifest;
    if (!m || typeof m !== 'object') continue;
    byKey.set(objectKey(m.kind, m.metadata?.namespace, m.metadata?.name), o);
    const ofKind = byKind.get(m.kind);
    if (ofKind) ofKind.push(o);
    else byKind.set(m.kind, [o]);
    const t = podTemplateOf(o);
    if (!t) continue;
    podTemplates.push(t);
    for (const [k, v] of Object.entries(t.labels)) {
      const key = `${t.namespace}\n${k}\n${v}`;
      const list = byLabel.get(key);
      if (list) list.push(t);
      else byLabel.set(key, [t]);
    }
  }
  let alike: Map<object, object> | undefined;
  return {
    objects,
    firstAlike: (manifest) => (alike ??= firstAlikes(objects.map((o) => o.manifest))).get(manifest) ?? manifest,
    get: (kind, namespace, name) => byKey.get(objectKey(kind, namespace, name)),
    ofKind: (kind) => byKind.get(kind) ?? [],
    podTemplates,
    templatesWithLabel: (namespace, key, value) => byLabel.get(`${namespace}\n${key}\n${value}`) ?? [],
  };
}

/** The kinds a rule is dispatched on: `*` is every kind. */
export const EVERY_KIND = '*';

/**
 * What a rule of `kinds` sees of `bundle` (Rule.kinds): its objects, kinds and pod templates are
 * those of `kinds` only, in bundle order; `get` and `templatesWithLabel` also find objects of
 * `looksUp`. With `*` among the kinds, the bundle itself (so that rules share what they compute
 * per bundle, as the two schema rules do).
 */
export function viewOf(bundle: Bundle, kinds: readonly string[], looksUp: readonly string[] = []): Bundle {
  if (kinds.includes(EVERY_KIND)) return bundle;
  const checked = new Set(kinds);
  const found = new Set([...kinds, ...looksUp]);
  const kindOf = (o: BundleObject) => o.manifest?.kind;
  let objects: readonly BundleObject[] | undefined;
  let podTemplates: readonly PodTemplate[] | undefined;
  return {
    get objects() {
      return (objects ??= bundle.objects.filter((o) => checked.has(kindOf(o))));
    },
    get podTemplates() {
      return (podTemplates ??= bundle.podTemplates.filter((t) => checked.has(kindOf(t.object))));
    },
    ofKind: (kind) => (checked.has(kind) ? bundle.ofKind(kind) : []),
    get: (kind, namespace, name) => (found.has(kind) ? bundle.get(kind, namespace, name) : undefined),
    templatesWithLabel: (namespace, key, value) =>
      bundle.templatesWithLabel(namespace, key, value).filter((t) => found.has(kindOf(t.object))),
    firstAlike: (manifest) => bundle.firstAlike(manifest),
  };
}
