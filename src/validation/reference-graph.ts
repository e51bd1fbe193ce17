// The links between the objects of a bundle: the ConfigMap a Job reads, the ServiceAccount a pod
// runs as, the pods a Service selects. Extracted once per bundle; the reference rules check these
// links and the exercise diagrams (src/diagrams.ts) draw them, so a diagram never shows a link that
// validation does not check.
import { matches } from './extract/selectors';
import type { Bundle, BundleObject } from './types';
import type { Json } from '../json';

/** What a link means, as a diagram labels its edge. */
export type LinkKind = 'env from' | 'volume from' | 'runs as' | 'binds' | 'owns' | 'selects' | 'governs' | 'mounts';

/** The object a link names. */
export interface LinkTarget {
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** A key of a ConfigMap or Secret that a link reads (`configMapKeyRef.key`, a volume's `items[].key`). */
export interface LinkKey {
  readonly key: string;
  readonly path: string;
}

export interface Link {
  readonly kind: LinkKind;
  /** The rule that checks this link. */
  readonly rule: string;
  /** The object whose field names the target. */
  readonly from: BundleObject;
  /** Field path of that name inside `from`. */
  readonly path: string;
  readonly target: LinkTarget;
  /**
   * The target exists: defined in the bundle, built into every cluster (`builtIn`), or a volume
   * or claim template of `from` itself.
   */
  readonly found: boolean;
  /** A target every cluster has: the `default` ServiceAccount, the built-in ClusterRoles. */
  readonly builtIn?: boolean;
  /** A volumeClaimTemplate of the StatefulSet: each pod gets its own claim from it. */
  readonly claimTemplate?: boolean;
  /** `optional: true`: the pod starts without the target. */
  readonly optional?: boolean;
  readonly keys?: LinkKey[];
  /** The names the field may take, where the target lives inside `from` (its volumes and claim templates). */
  readonly choices?: string[];
}

/** Built-in ClusterRoles every cluster has. */
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

const cache = new WeakMap<Bundle, Link[]>();
const list = (v: unknown): Json[] => (Array.isArray(v) ? v : []);

/** Every link of the bundle, in bundle order; computed once per bundle. */
export function linksOf(bundle: Bundle): Link[] {
  let links = cache.get(bundle);
  if (!links) {
    links = [...podLinks(bundle), ...bindingLinks(bundle), ...serviceLinks(bundle)];
    cache.set(bundle, links);
  }
  return links;
}

/** The links a rule checks. */
export function linksCheckedBy(bundle: Bundle, rule: string): Link[] {
  return linksOf(bundle).filter((l) => l.rule === rule);
}

/** Where pod templates name ConfigMaps and Secrets, and the rule that checks each. */
export const SOURCES = [
  {
    kind: 'ConfigMap',
    rule: 'ref-configmap',
    keyRef: 'configMapKeyRef',
    envFromRef: 'configMapRef',
    volume: 'configMap',
    nameField: 'name',
  },
  {
    kind: 'Secret',
    rule: 'ref-secret',
    keyRef: 'secretKeyRef',
    envFromRef: 'secretRef',
    volume: 'secret',
    nameField: 'secretName',
  },
] as const;

/** What pod templates name: ConfigMaps, Secrets, ServiceAccounts, volumes and claim templates. */
function podLinks(bundle: Bundle): Link[] {
  const links: Link[] = [];
  for (const t of bundle.podTemplates) {
    const from = t.object;
    const ns = t.namespace;
    const exists = (kind: string, name: unknown) =>
      typeof name === 'string' && bundle.get(kind, ns, name) !== undefined;
    for (const s of SOURCES) {
      for (const { container, path } of t.containers) {
        list(container.env).forEach((e: Json, i: number) => {
          const r = e?.valueFrom?.[s.keyRef];
          if (!r) return;
          const p = `${path}.env[${i}].valueFrom.${s.keyRef}`;
          links.push({
            kind: 'env from',
            rule: s.rule,
            from,
            path: `${p}.name`,
            target: { kind: s.kind, namespace: ns, name: r.name },
            found: exists(s.kind, r.name),
            optional: r.optional,
            keys: r.key === undefined ? [] : [{ key: r.key, path: `${p}.key` }],
          });
        });
        list(container.envFrom).forEach((e: Json, i: number) => {
          const r = e?.[s.envFromRef];
          if (!r) return;
          links.push({
            kind: 'env from',
            rule: s.rule,
            from,
            path: `${path}.envFrom[${i}].${s.envFromRef}.name`,
            target: { kind: s.kind, namespace: ns, name: r.name },
            found: exists(s.kind, r.name),
            optional: r.optional,
          });
        });
      }
      list(t.spec.volumes).forEach((v: Json, i: number) => {
        const sources: Array<[Json, string, string]> = [];
        if (v?.[s.volume]) sources.push([v[s.volume], `${t.specPath}.volumes[${i}].${s.volume}`, s.nameField]);
        list(v?.projected?.sources).forEach((src: Json, j: number) => {
          if (src?.[s.volume])
            sources.push([src[s.volume], `${t.specPath}.volumes[${i}].projected.sources[${j}].${s.volume}`, 'name']);
        });
        for (const [src, p, nameField] of sources) {
          const name = src[nameField];
          links.push({
            kind: 'volume from',
            rule: s.rule,
            from,
            path: `${p}.${nameField}`,
            target: { kind: s.kind, namespace: ns, name },
            found: exists(s.kind, name),
            optional: src.optional,
            keys: list(src.items).map((item: Json, k: number) => ({ key: item?.key, path: `${p}.items[${k}].key` })),
          });
        }
      });
    }
    const account = t.spec.serviceAccountName ?? t.spec.serviceAccount;
    if (account !== undefined) {
      links.push({
        kind: 'runs as',
        rule: 'ref-service-account',
        from,
        path: `${t.specPath}.serviceAccountName`,
        target: { kind: 'ServiceAccount', namespace: ns, name: account },
        found: account === 'default' || exists('ServiceAccount', account),
        builtIn: account === 'default',
      });
    }
    const volumes = new Set<string>(list(t.spec.volumes).map((v: Json) => v?.name));
    const claims = new Set<string>(
      from.manifest.kind === 'StatefulSet'
        ? list(from.manifest.spec?.volumeClaimTemplates).map((c: Json) => c?.metadata?.name)
        : [],
    );
    const owned = new Set<string>();
    for (const { container, path } of t.containers) {
      list(container.volumeMounts).forEach((mount: Json, i: number) => {
        const m = mount ?? {};
        // A pod's own volume is drawn as nothing; a claim template once, however many mounts use it.
        const claim = !volumes.has(m.name) && claims.has(m.name);
        if (claim && owned.has(m.name)) return;
        if (claim) owned.add(m.name);
        links.push({
          kind: claim ? 'owns' : 'mounts',
          rule: 'volume-mount-source',
          from,
          path: `${path}.volumeMounts[${i}].name`,
          target: { kind: claim ? 'PersistentVolumeClaim' : 'volume', namespace: ns, name: m.name },
          found: volumes.has(m.name) || claim,
          claimTemplate: claim || undefined,
          choices: [...volumes, ...claims],
        });
      });
    }
  }
  return links;
}

/** What RoleBindings and ClusterRoleBindings bind: their role and their ServiceAccount subjects. */
function bindingLinks(bundle: Bundle): Link[] {
  const links: Link[] = [];
  for (const from of [...bundle.ofKind('RoleBinding'), ...bundle.ofKind('ClusterRoleBinding')]) {
    const m = from.manifest;
    const ns = m.metadata?.namespace;
    const ref = m.roleRef ?? {};
    const builtIn =
      ref.kind === 'ClusterRole' && (BUILT_IN_CLUSTER_ROLES.has(ref.name) || String(ref.name).startsWith('system:'));
    const found =
      ref.kind === 'Role'
        ? bundle.get('Role', ns, ref.name) !== undefined
        : ref.kind === 'ClusterRole'
          ? builtIn || bundle.get('ClusterRole', undefined, ref.name) !== undefined
          : false;
    links.push({
      kind: 'binds',
      rule: 'ref-role-binding',
      from,
      path: 'roleRef.name',
      target: { kind: ref.kind ?? 'Role', namespace: ref.kind === 'Role' ? ns : undefined, name: ref.name },
      found,
      builtIn: builtIn || undefined,
    });
    list(m.subjects).forEach((s: Json, i: number) => {
      if (s?.kind !== 'ServiceAccount') return;
      const subjectNs = s.namespace ?? ns;
      links.push({
        kind: 'binds',
        rule: 'ref-role-binding',
        from,
        path: `subjects[${i}].name`,
        target: { kind: 'ServiceAccount', namespace: subjectNs, name: s.name },
        found: s.name === 'default' || bundle.get('ServiceAccount', subjectNs, s.name) !== undefined,
        builtIn: s.name === 'default' || undefined,
      });
    });
  }
  return links;
}

/** The workloads each Service selects, and the Service that governs each StatefulSet. */
function serviceLinks(bundle: Bundle): Link[] {
  const links: Link[] = [];
  for (const from of bundle.ofKind('Service')) {
    const m = from.manifest;
    const selector = m.spec?.selector;
    if (
      !selector ||
      typeof selector !== 'object' ||
      Object.keys(selector).length === 0 ||
      m.spec?.type === 'ExternalName'
    )
      continue;
    const ns = m.metadata?.namespace;
    // Only the templates carrying the selector's first label can match: looked up, not scanned.
    const [key, value] = Object.entries(selector)[0];
    const selected = bundle.templatesWithLabel(ns, key, String(value)).filter((t) => matches(selector, t.labels));
    for (const t of selected) {
      const w = t.object.manifest;
      links.push({
        kind: 'selects',
        rule: 'service-selector',
        from,
        path: 'spec.selector',
        target: { kind: w.kind, namespace: ns, name: w.metadata?.name },
        found: true,
      });
    }
    if (selected.length === 0) {
      links.push({
        kind: 'selects',
        rule: 'service-selector',
        from,
        path: 'spec.selector',
        target: { kind: 'Pod', namespace: ns },
        found: false,
      });
    }
  }
  for (const from of bundle.ofKind('StatefulSet')) {
    const m = from.manifest;
    const name = m.spec?.serviceName;
    const ns = m.metadata?.namespace;
    links.push({
      kind: 'governs',
      rule: 'statefulset-service',
      from,
      path: 'spec.serviceName',
      target: { kind: 'Service', namespace: ns, name },
      found: typeof name === 'string' && name !== '' && bundle.get('Service', ns, name) !== undefined,
    });
  }
  return links;
}
