import type { Json } from '../json';
/** One Kubernetes object of the bundle, with where it came from. */
export interface BundleObject {
  readonly manifest: Json;
  /** Construct path of the ApiObject that made it (`trace-job/TraceJob/Resource`), if known. */
  readonly constructPath?: string;
  /** Output file it is written to, if known. */
  readonly file?: string;
}

/** A rule, declared as kube-linter declares its checks: one file per rule under rules/. */
export interface Rule {
  /** `ref-configmap`: what findings and overrides name. */
  readonly id: string;
  /** One line on what it checks and why a cluster would reject or break on it. */
  readonly description: string;
  /** What to change when it fires. */
  readonly remediation: string;
  /**
   * Kinds of the objects it checks and reports on (`POD_TEMPLATE_KINDS` for pod rules; `*` for
   * every kind). They drive dispatch, as kube-linter dispatches its checks on object kinds: the
   * runner hands `check` a view of the bundle holding only objects of these kinds (Bundle.objects,
   * ofKind, podTemplates), and a finding on an object of another kind is a bug of the rule, reported
   * as such.
   */
  readonly kinds: readonly string[];
  /**
   * Kinds it looks up by name or label to check a reference (Bundle.get, templatesWithLabel) without
   * checking them: the ConfigMap a pod reads, the Namespace whose Pod Security level applies.
   * @default []
   */
  readonly looksUp?: readonly string[];
  /** Its findings in the bundle (the view of its kinds); linear in the size of the bundle. */
  check(bundle: Bundle): FindingDraft[];
  /**
   * Its findings on an object depend on that object alone (its pod templates included), never on
   * its namespace or on other objects. Then a class's copies of an object (Bundle.firstAlike) have
   * findings only if the first one has, and the rule first checks the distinct objects only.
   * @default false
   */
  readonly local?: boolean;
}

/** A finding before the rule id, severity and construct path are filled in. */
export interface FindingDraft {
  readonly object: BundleObject;
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
}

/** A pod template inside a workload, with the field path that leads to it. */
export interface PodTemplate {
  readonly object: BundleObject;
  readonly namespace?: string;
  /** Path to the pod spec: `spec.template.spec`. */
  readonly specPath: string;
  readonly spec: Json;
  readonly labels: Record<string, string>;
  /** Path to the template's labels: `spec.template.metadata.labels`. */
  readonly labelsPath: string;
  /** Every container (init, app, ephemeral), with its path (`spec.template.spec.initContainers[0]`). */
  readonly containers: ReadonlyArray<{ readonly container: Json; readonly path: string }>;
}

/** The bundle with its indexes, built once and shared by every rule. */
export interface Bundle {
  readonly objects: readonly BundleObject[];
  /** The object of `kind` named `name` in `namespace` (ignored for cluster-scoped kinds). */
  get(kind: string, namespace: string | undefined, name: string): BundleObject | undefined;
  ofKind(kind: string): readonly BundleObject[];
  /** Every pod template: Pods, Jobs, CronJobs, Deployments, StatefulSets, ReplicaSets, DaemonSets. */
  readonly podTemplates: readonly PodTemplate[];
  /** Pod templates of `namespace` carrying label `key=value`. */
  templatesWithLabel(namespace: string | undefined, key: string, value: string): readonly PodTemplate[];
  /**
   * The first manifest of the bundle equal to `manifest` but for `metadata.namespace`, or `manifest`
   * itself (src/validation/alike.ts): a rule whose verdict does not depend on the namespace's value
   * checks each distinct object once.
   */
  firstAlike(manifest: object): object;
}
