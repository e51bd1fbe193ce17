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
  /** Rule id, e.g. `ref-configmap-key`; what overrides in workshop.yaml name. */
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
}

/** A user's decision about a rule, from workshop.yaml's `validation.overrides`. */
export interface ValidationOverride {
  readonly rule: string;
  /** `Kind/name` or `Kind/namespace/name`; without it the override covers every object. */
  readonly object?: string;
  /** `warning` reports without failing synth; `off` drops the finding. */
  readonly severity: 'warning' | 'off';
  /** Why the exception is right; required, so the decision is recorded. */
  readonly reason: string;
}

/** A rule: looks at the whole bundle and returns its findings. */
export interface Rule {
  readonly id: string;
  /** One line on what it checks and why a cluster would reject or break on it. */
  readonly description: string;
  check(bundle: Bundle): FindingDraft[];
}

/** A finding before the rule id, severity and construct path are filled in. */
export interface FindingDraft {
  readonly object: BundleObject;
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
}

/** The bundle with its lookups, built once and shared by every rule. */
export interface Bundle {
  readonly objects: BundleObject[];
  /** Objects by `kind/namespace/name`. */
  get(kind: string, namespace: string | undefined, name: string): BundleObject | undefined;
  ofKind(kind: string): BundleObject[];
}
