// What the Job exercises let workshop.yaml set about their Job, declared and checked once. Each
// exercise's props extend the part of JobSettings it offers (`Pick<JobSettings, 'image' |
// 'restartPolicy'>`), and its interface's comment gives that exercise's defaults.
import { assertInteger, assertJobRestartPolicy, JobRestartPolicy } from '../src/prop-checks';
import type { ImageRef } from '../src/k8s/setting-types';

export interface JobSettings {
  /**
   * Image of the Job's container.
   * @default - the exercise's image from the catalogue (src/images.ts)
   */
  readonly image?: ImageRef;
  /**
   * Pod restart policy; only Never and OnFailure are valid for a Job.
   * @default - the exercise's
   */
  readonly restartPolicy?: JobRestartPolicy;
  /**
   * Retries before the Job is marked failed.
   * @default - the exercise's
   * @minimum 0
   */
  readonly backoffLimit?: number;
  /**
   * Seconds after the Job finishes before Kubernetes deletes it and its pods.
   * @default - the exercise's
   * @minimum 0
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Successful pods the Job needs before it is complete.
   * @default - the exercise's
   * @minimum 1
   */
  readonly completions?: number;
  /**
   * Pods running at once.
   * @default - the exercise's
   * @minimum 1
   */
  readonly parallelism?: number;
}

/** An exercise's defaults of the Job settings it offers (its image it resolves itself). */
export type JobDefaults = Omit<JobSettings, 'image'>;

/**
 * The settings an exercise offers, resolved: a setting with a default is always set, one whose
 * default is `undefined` (Kubernetes' own) may stay unset.
 */
export type ResolvedJobSettings<D extends JobDefaults> = {
  readonly [K in keyof D & keyof JobDefaults]-?: undefined extends D[K]
    ? JobDefaults[K]
    : Exclude<JobDefaults[K], undefined>;
};

/**
 * The Job settings an exercise offers (the keys of `defaults`), with its defaults filled in and
 * checked as the API server would (a PropError names the prop and the construct).
 */
export function jobSettings<D extends JobDefaults>(
  props: JobSettings,
  defaults: D,
  where: string,
): ResolvedJobSettings<D> {
  const settings: JobDefaults = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof JobDefaults)[]) {
    if (props[key] !== undefined) Object.assign(settings, { [key]: props[key] });
  }
  if (settings.restartPolicy !== undefined) assertJobRestartPolicy(settings.restartPolicy, where);
  assertInteger('completions', settings.completions, 1, where);
  assertInteger('parallelism', settings.parallelism, 1, where);
  assertInteger('backoffLimit', settings.backoffLimit, 0, where);
  assertInteger('ttlSecondsAfterFinished', settings.ttlSecondsAfterFinished, 0, where);
  return settings as ResolvedJobSettings<D>;
}
