// Checks the constructs run on their props. A refused prop throws PropError, which carries the
// facts as fields (prop, value, what was expected, construct path), so synth can say which
// workshop.yaml section the value came from without reading the message.
import { CRON_SCHEDULE_DESCRIPTION, cronScheduleProblem, TIME_ZONE_DESCRIPTION, timeZoneProblem } from './k8s/cron';
import { dnsLabel, dnsSubdomain, Grammar } from './k8s/grammar';
import { printable } from './show';
import { PropError } from './errors';

/** Restart policies a Job accepts: `Always` never lets a Job finish, so the API server rejects it. */
export type JobRestartPolicy = 'Never' | 'OnFailure';
const JOB_RESTART_POLICIES: JobRestartPolicy[] = ['Never', 'OnFailure'];

/** Fails unless `value` is one of `allowed`: `concurrencyPolicy must be Allow, Forbid or Replace, got "Sometimes" (at ...)`. */
export function assertOneOf<T extends string>(
  field: string,
  value: string,
  allowed: readonly T[],
  where: string,
): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) {
    const list =
      allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
    throw new PropError(field, value, list, where);
  }
}

export function assertJobRestartPolicy(value: string, where: string): asserts value is JobRestartPolicy {
  if (!(JOB_RESTART_POLICIES as string[]).includes(value))
    throw new PropError('restartPolicy', value, 'Never or OnFailure for a Job', where);
}

/** Checks that a count prop is an integer of at least `min` (and at most `max`). */
export function assertInteger(
  field: string,
  value: number | undefined,
  min: number,
  where: string,
  max?: number,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    const what =
      max !== undefined
        ? `an integer from ${min} to ${max}`
        : min === 0
          ? 'a non-negative integer'
          : min === 1
            ? 'a positive integer'
            : `an integer >= ${min}`;
    throw new PropError(field, value, what, where);
  }
}

/** Fails unless `value` matches `grammar` (one of src/k8s/grammar.ts). */
export function assertGrammar(field: string, value: unknown, grammar: Grammar, where: string): void {
  if (!grammar.test(value)) throw new PropError(field, value, grammar.description, where);
}

/** An RFC 1123 DNS label (Namespaces, Services and most names), at most `maxLength` characters. */
export function assertDnsLabel(field: string, value: string, where: string, maxLength = 63): void {
  assertGrammar(field, value, dnsLabel(maxLength), where);
}

/** An RFC 1123 DNS subdomain (StorageClass, ConfigMap and most other object names). */
export function assertDnsSubdomain(field: string, value: string, where: string, maxLength = 253): void {
  assertGrammar(field, value, dnsSubdomain(maxLength), where);
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

/** A parser's message that quotes the input, made safe to print: control characters escaped, at most 200 characters. */
export function shownProblem(problem: string): string {
  const safe = printable(problem);
  return safe.length > 200 ? `${safe.slice(0, 200)}... (${safe.length} characters)` : safe;
}

/** A CronJob schedule the Kubernetes 1.27 API server accepts (see src/k8s/cron.ts). */
export function assertCronSchedule(field: string, value: string, where: string): void {
  const problem = cronScheduleProblem(value);
  // The parser's message quotes the schedule: escaped like every value shown, and cut.
  if (problem !== undefined)
    throw new PropError(field, value, `${CRON_SCHEDULE_DESCRIPTION}; ${shownProblem(problem)}`, where);
}

/** A CronJob timeZone the controller can load. */
export function assertTimeZone(value: string, where: string): void {
  if (timeZoneProblem(value) !== undefined) throw new PropError('timeZone', value, TIME_ZONE_DESCRIPTION, where);
}
