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
