// Checks shared by the Job-pattern constructs, in the style of checks.ts:
// `completions must be a positive integer, got 0 (at oneshot/OneShotJob)`.
import { assertInteger } from './checks';

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
