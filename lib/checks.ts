// Prop checks shared by the constructs. Every message is lowercase, names the prop, shows the bad
// value and ends with the construct path: `backoffLimit must be a non-negative integer, got -1 (at ...)`.

/** Restart policies a Job accepts: `Always` never lets a Job finish, so the API server rejects it. */
export type JobRestartPolicy = 'Never' | 'OnFailure';
const JOB_RESTART_POLICIES: JobRestartPolicy[] = ['Never', 'OnFailure'];

/** Checks a Job restart policy, naming the prop and the construct path on failure. */
export function assertJobRestartPolicy(value: string, where: string): asserts value is JobRestartPolicy {
  if (!(JOB_RESTART_POLICIES as string[]).includes(value)) {
    throw new Error(`restartPolicy must be Never or OnFailure for a Job, got ${JSON.stringify(value)} (at ${where})`);
  }
}

/** Checks that a count prop is an integer of at least `min`. */
export function assertInteger(field: string, value: number | undefined, min: number, where: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    const what = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw new Error(`${field} must be ${what}, got ${value} (at ${where})`);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Fails unless `value` is an RFC 1123 DNS label (what Namespaces, Services and most names must be).
 * `where` says which prop or construct the value came from.
 */
export function assertDnsLabel(field: string, value: string, where: string, maxLength = 63): void {
  if (value.length > maxLength || !DNS_LABEL.test(value)) {
    throw new Error(
      `${field} must be a DNS label (lowercase letters, digits and '-', at most ${maxLength} characters), ` +
      `got ${JSON.stringify(value)} (at ${where})`);
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Fails unless `value` is an RFC 1123 DNS subdomain (StorageClass names, among others). */
export function assertDnsSubdomain(field: string, value: string, where: string): void {
  if (value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    throw new Error(
      `${field} must be a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters), ` +
      `got ${JSON.stringify(value)} (at ${where})`);
  }
}

/** The counts and durations of a Job spec that a construct lets its caller set. */
export interface JobCounts {
  readonly completions?: number;
  readonly parallelism?: number;
  readonly backoffLimit?: number;
  readonly ttlSecondsAfterFinished?: number;
  readonly activeDeadlineSeconds?: number;
}

/**
 * Fails on counts the API server rejects or that would never run a pod. Zero parallelism is legal
 * (it pauses the Job) but in an exercise it only means "nothing happens", so it is rejected too.
 * Parallelism above completions is legal: the controller never starts more pods than it still needs.
 */
export function assertJobCounts(counts: JobCounts, where: string): void {
  assertInteger('completions', counts.completions, 1, where);
  assertInteger('parallelism', counts.parallelism, 1, where);
  assertInteger('backoffLimit', counts.backoffLimit, 0, where);
  assertInteger('ttlSecondsAfterFinished', counts.ttlSecondsAfterFinished, 0, where);
  assertInteger('activeDeadlineSeconds', counts.activeDeadlineSeconds, 1, where);
}

/** Fails unless `value` is one of `allowed`: `concurrencyPolicy must be Allow, Forbid or Replace, got "Sometimes" (at ...)`. */
export function assertOneOf<T extends string>(field: string, value: string, allowed: readonly T[], where: string): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) {
    const list = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
    throw new Error(`${field} must be ${list}, got ${JSON.stringify(value)} (at ${where})`);
  }
}
