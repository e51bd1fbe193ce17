/** One Kubernetes object of the bundle, with where it came from. */
export interface BundleObject {
  readonly manifest: any;
  /** Construct path of the ApiObject that made it (`trace-job/TraceJob/Resource`), if known. */
  readonly constructPath?: string;
  /** Output file it is written to, if known. */
  readonly file?: string;
}

export type Severity = 'error' | 'warning';

/** A problem with one field of one object. */
export interface Finding {
  /** Rule id, e.g. `ref-configmap`; what overrides in workshop.yaml name. */
  readonly rule: string;
  severity: Severity;
  /** `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects). */
  readonly object: string;
  /** Field path inside the object: `spec.template.spec.containers[0].image`. */
  readonly path: string;
  readonly value: unknown;
  /** What the rule expected instead, in words. */
  readonly expected: string;
  readonly constructPath?: string;
  /** Output file of the object, relative to the output folder. */
  readonly file?: string;
}

/** A user's decision about a rule, from workshop.yaml's `validation.overrides`. */
export interface ValidationOverride {
  /**
   * @pattern ^[a-z0-9-]+$
   * @description a validation rule id such as run-as-non-root-user
   */
  readonly rule: string;
  /**
   * `Kind/name` or `Kind/namespace/name`; without it the override covers every object.
   * @pattern ^[A-Za-z]+/([a-z0-9.-]+/)?[a-z0-9.:-]+$
   * @description Kind/name or Kind/namespace/name
   */
  readonly object?: string;
  /** `warning` reports without failing synth; `off` drops the finding. */
  readonly severity: 'warning' | 'off';
  /**
   * Why the exception is right; required, so the decision is recorded.
   * @minLength 10
   * @description a reason of at least 10 characters
   */
  readonly reason: string;
}

/** A rule, declared as kube-linter declares its checks: one file per rule under rules/. */
export interface Rule {
  /** `ref-configmap`: what findings and overrides name. */
  readonly id: string;
  /** One line on what it checks and why a cluster would reject or break on it. */
  readonly description: string;
  /** What to change when it fires. */
  readonly remediation: string;
  /** Kinds of the objects it reports on (`POD_TEMPLATE_KINDS` for pod rules; `*` for every kind). */
  readonly kinds: readonly string[];
  /** Its findings in the bundle; linear in the size of the bundle. */
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
  readonly spec: any;
  readonly labels: Record<string, string>;
  /** Path to the template's labels: `spec.template.metadata.labels`. */
  readonly labelsPath: string;
  /** Every container (init, app, ephemeral), with its path (`spec.template.spec.initContainers[0]`). */
  readonly containers: ReadonlyArray<{ readonly container: any; readonly path: string }>;
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

/** Workshop-wide resource totals: how many pods run at once, and what they request. */
export interface ResourceTotals {
  readonly pods: number;
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  readonly memoryLimitMiB: number;
}

/** What validating a bundle found. */
export interface ValidationReport {
  /** Findings that fail synth. */
  readonly errors: Finding[];
  /** Findings turned into warnings by an override. */
  readonly warnings: Finding[];
  /** Findings an override switched off, with the override that did it. */
  readonly suppressed: Array<{ finding: Finding; override: ValidationOverride }>;
  readonly totals: ResourceTotals;
}
