import type { Bundle, BundleObject } from './types';

/** Kinds that live outside namespaces (the ones this workshop could produce or reference). */
export const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'RuntimeClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService',
]);

/**
 * Annotation on an object whose namespace the student creates by hand before applying it (seed
 * 004's `kubectl create ns demo-$USER`); its value is that command. The bundle does not create the
 * namespace, so the command does not collide with it.
 */
export const NAMESPACE_CREATED_BY = 'k8s-workshop/namespace-created-by';

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return CLUSTER_SCOPED.has(kind) ? `${kind}/${name}` : `${kind}/${namespace ?? '(no namespace)'}/${name}`;
}

/** `Kind/namespace/name` of an object, as findings name it. */
export function describeObject(o: BundleObject): string {
  const m = o.manifest ?? {};
  return objectKey(String(m.kind ?? '(no kind)'), m.metadata?.namespace, String(m.metadata?.name ?? '(no name)'));
}

export function makeBundle(objects: BundleObject[]): Bundle {
  const byKey = new Map<string, BundleObject>();
  const byKind = new Map<string, BundleObject[]>();
  for (const o of objects) {
    const m = o.manifest;
    if (!m || typeof m !== 'object') continue;
    byKey.set(objectKey(m.kind, m.metadata?.namespace, m.metadata?.name), o);
    byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), o]);
  }
  return {
    objects,
    get: (kind, namespace, name) => byKey.get(objectKey(kind, namespace, name)),
    ofKind: (kind) => byKind.get(kind) ?? [],
  };
}

/** A pod template inside a workload, with the field path that leads to it. */
export interface PodTemplateRef {
  readonly object: BundleObject;
  readonly namespace?: string;
  /** Path to the pod spec: `spec.template.spec`. */
  readonly specPath: string;
  readonly spec: any;
  readonly labels: Record<string, string>;
  /** Path to the template's labels. */
  readonly labelsPath: string;
}

/** Every pod template of the bundle: Pods, Jobs, CronJobs, Deployments, StatefulSets, ReplicaSets, DaemonSets. */
export function podTemplates(bundle: Bundle): PodTemplateRef[] {
  const out: PodTemplateRef[] = [];
  for (const object of bundle.objects) {
    const m = object.manifest;
    const namespace = m?.metadata?.namespace;
    switch (m?.kind) {
      case 'Pod':
        if (m.spec) out.push({ object, namespace, specPath: 'spec', spec: m.spec, labels: m.metadata?.labels ?? {}, labelsPath: 'metadata.labels' });
        break;
      case 'CronJob': {
        const t = m.spec?.jobTemplate?.spec?.template;
        if (t?.spec) out.push({ object, namespace, specPath: 'spec.jobTemplate.spec.template.spec', spec: t.spec, labels: t.metadata?.labels ?? {}, labelsPath: 'spec.jobTemplate.spec.template.metadata.labels' });
        break;
      }
      case 'Job': case 'Deployment': case 'StatefulSet': case 'ReplicaSet': case 'DaemonSet': {
        const t = m.spec?.template;
        if (t?.spec) out.push({ object, namespace, specPath: 'spec.template.spec', spec: t.spec, labels: t.metadata?.labels ?? {}, labelsPath: 'spec.template.metadata.labels' });
        break;
      }
      default:
    }
  }
  return out;
}

/** A container of a pod template with its path (`...spec.initContainers[0]`). */
export interface ContainerRef {
  readonly template: PodTemplateRef;
  readonly container: any;
  readonly path: string;
}

export function containersOf(template: PodTemplateRef): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    (template.spec[field] ?? []).forEach((container: any, i: number) => {
      out.push({ template, container, path: `${template.specPath}.${field}[${i}]` });
    });
  }
  return out;
}
