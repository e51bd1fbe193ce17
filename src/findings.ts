// What validation finds, as commands, messages and errors report it: the shapes of findings and
// of a validation report. Types only; the rules and their bundle are in src/validation/.

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
