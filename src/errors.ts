// Every error type of the project, in one module. A UserError is the user's to fix (config,
// environment, props, arguments, the manifests they describe) and is reported without a stack
// trace; the others say what failed (writing the output, the cluster, the kubeconfig) in fields as
// well as in their message. This module loads nothing but src/show.ts, so constructs (lib/),
// config and validation can all import it without loading each other (test/layers.test.ts).
import type { ValidationReport } from './findings';
import { capped, formatFinding, showValue } from './show';

/** How a request failed; callers turn it into one line that says what was being done. */
export type KubeFailure = 'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'not-found' | 'http' | 'invalid';

/** What a request needed, for the one-line message when the API refuses it. */
export interface Access {
  readonly verb: 'get' | 'list' | 'create';
  /** `jobs.batch`, `pods/log`, `namespaces`, `serviceaccounts/token`. */
  readonly resource: string;
  /** undefined: all namespaces (or cluster-scoped). */
  readonly namespace?: string;
}

/** An error the user fixes by changing their input (config, environment, props), not the code. */
export class UserError extends Error {}

/** A construct refused a prop: `backoffLimit must be a non-negative integer, got -1 (at trace-job/TraceJob)`. */
export class PropError extends UserError {
  constructor(
    /** The prop, as its caller spells it: `backoffLimit`, `targets[1].name`. */
    public readonly field: string,
    public readonly value: unknown,
    /** What the value must be, in words: `a non-negative integer`. */
    public readonly expected: string,
    /** Construct path of the construct that refused it: `trace-job/TraceJob`. */
    public readonly constructPath: string,
  ) {
    super(`${field} must be ${expected}, got ${showValue(value)} (at ${constructPath})`);
    this.name = 'PropError';
  }
}

/** Bad command-line arguments or environment: the user's to fix, reported without a stack trace. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Problems listed in one error; the rest are counted (`... and N more`). */
export const MAX_PROBLEMS = 25;

/**
 * Settings that cannot be used; `problems` lists every bad value, each naming field, value and
 * where it came from (`file` is the config file, or `the environment`).
 */
export class ConfigError extends UserError {
  /**
   * @param problems the problems, or the first ones of `total` (a message is built only for what is shown)
   * @param total how many problems there are
   */
  constructor(
    public readonly file: string,
    public readonly problems: string[],
    public readonly total = problems.length,
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const lines = total > shown.length ? [...shown, `... and ${total - shown.length} more`] : shown;
    super(
      `${file === ENVIRONMENT ? 'invalid settings in the environment' : `invalid workshop config ${file}`}:\n  ${lines.join('\n  ')}`,
    );
    this.name = 'ConfigError';
  }
}

/** ConfigError's `file` for settings from environment variables. */
export const ENVIRONMENT = 'the environment';

/** Findings listed in a ValidationError's message; the rest are counted (the report keeps them all). */
export const MAX_FINDINGS = 50;

/** Thrown by synth when validation finds errors; the message lists the first MAX_FINDINGS of them. */
export class ValidationError extends UserError {
  constructor(public readonly report: ValidationReport) {
    super(
      `validation found ${report.errors.length} problem(s) kubectl, the API server or the kubelet would reject:\n  ` +
        capped(report.errors.slice(0, MAX_FINDINGS + 1).map(formatFinding), MAX_FINDINGS)
          .join('\n  ')
          .replace(/\d+ more$/, `${report.errors.length - MAX_FINDINGS} more`),
    );
    this.name = 'ValidationError';
  }
}

/**
 * The output folder could not be written. `path` is the folder or file that failed and `code`
 * the system error (ENOSPC, EACCES, ENOTDIR...); the message says the output folder is unchanged.
 */
export class OutputError extends Error {
  constructor(
    public readonly path: string,
    public readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

/** A request to the Kubernetes API failed: `failure` says how, the message says which request. */
export class KubeApiError extends Error {
  constructor(
    public readonly failure: KubeFailure,
    public readonly method: string,
    public readonly path: string,
    /** HTTP status, when the server answered. */
    public readonly status?: number,
    /** The API's `Status.message`, or the network error's text. */
    public readonly reason?: string,
  ) {
    super(`${method} ${path}: ${failure}${status ? ` (${status})` : ''}${reason ? `: ${reason}` : ''}`);
    this.name = 'KubeApiError';
  }
}

/** A request failed; `access` says what it was for, so the message can name the missing permission. */
export class AccessError extends Error {
  constructor(
    public readonly failure: KubeApiError,
    public readonly access: Access,
  ) {
    super(failure.message);
    this.name = 'AccessError';
  }
}

/** No usable kube-context, or one that cannot be loaded; the message is one line. */
export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

/** A verify request that cannot be met (unknown exercise or student); the message is one line. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}
