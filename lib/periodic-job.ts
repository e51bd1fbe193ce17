import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import {
  assertCronSchedule,
  assertDnsLabel,
  assertInteger,
  assertOneOf,
  assertTimeZone,
  JobRestartPolicy,
} from '../src/prop-checks';
import { exerciseLabels, exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { CronScheduleText, ShortDnsLabel } from '../src/k8s/setting-types';
import { JobSettings, jobSettings } from './job-settings';

/** What the CronJob controller does when a run is due while the previous one still runs. */
export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';
const CONCURRENCY_POLICIES: ConcurrencyPolicy[] = ['Allow', 'Forbid', 'Replace'];

/**
 * Settings of exercise periodic-job (`exercises.periodicJob` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the catalogue's busybox (busybox:1.37.0)
 * - `restartPolicy`: 'Never'
 * - `backoffLimit`: 2
 * - `ttlSecondsAfterFinished`: 600
 */
export interface PeriodicJobProps extends Pick<
  JobSettings,
  'image' | 'restartPolicy' | 'backoffLimit' | 'ttlSecondsAfterFinished'
> {
  /**
   * Name of the CronJob; its Jobs are `<name>-<minutes since epoch>`.
   * @default 'periodic-report'
   */
  readonly name?: ShortDnsLabel;
  /**
   * When a Job starts: five cron fields (minute hour day-of-month month day-of-week) or a macro
   * such as @hourly. No seconds field and no `TZ=` prefix (use `timeZone`).
   * @default '* * * * *' - every minute, so students see a few runs during the exercise
   */
  readonly schedule?: CronScheduleText;
  /**
   * IANA time zone the schedule is read in (the CronJob `timeZone` field, GA in Kubernetes 1.27).
   * @default - the kube-controller-manager's zone (UTC on kind and Docker Desktop)
   * @pattern ^[A-Za-z_+-]+(/[A-Za-z0-9_+-]+)*$
   * @description an IANA time zone such as Europe/Berlin
   */
  readonly timeZone?: string;
  /**
   * Allow: overlapping runs both run. Forbid: a due run is skipped while the previous one runs.
   * Replace: the running Job is deleted and the new one starts. Set `runSeconds` above the
   * schedule's interval to see the difference.
   * @default 'Forbid'
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * A run that cannot start within this many seconds of its time (controller down, Forbid) is
   * skipped and counted as missed. At least 10: the controller checks schedules every 10 seconds.
   * @default 60
   * @minimum 10
   */
  readonly startingDeadlineSeconds?: number;
  /**
   * Succeeded Jobs (and their pods and logs) the CronJob keeps.
   * @default 3
   * @minimum 0
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Failed Jobs the CronJob keeps.
   * @default 1
   * @minimum 0
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Seconds each run works (sleeps) before printing its report and exiting 0.
   * @default 20
   * @minimum 0
   */
  readonly runSeconds?: number;
}

/**
 * CronJob pattern: CronJob `periodic-report` (batch/v1) starts a Job on a schedule. It shows every
 * knob of the pattern with explicit values: schedule and time zone, concurrency policy, starting
 * deadline, history limits, and the Job template's own backoff limit and TTL. Each run prints its
 * start time, works `runSeconds`, and prints its end time.
 */
export class PeriodicJob extends Construct {
  public readonly name: string;
  public readonly schedule: string;
  public readonly timeZone?: string;
  public readonly concurrencyPolicy: ConcurrencyPolicy;
  public readonly startingDeadlineSeconds: number;
  public readonly successfulJobsHistoryLimit: number;
  public readonly failedJobsHistoryLimit: number;
  public readonly backoffLimit: number;
  public readonly ttlSecondsAfterFinished: number;
  public readonly runSeconds: number;
  public readonly restartPolicy: JobRestartPolicy;
  public readonly image: string;

  constructor(scope: Construct, id: string, props: PeriodicJobProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.name = props.name ?? 'periodic-report';
    this.schedule = props.schedule ?? '* * * * *';
    this.timeZone = props.timeZone;
    const policy: string = props.concurrencyPolicy ?? 'Forbid';
    assertOneOf('concurrencyPolicy', policy, CONCURRENCY_POLICIES, where);
    this.concurrencyPolicy = policy;
    this.startingDeadlineSeconds = props.startingDeadlineSeconds ?? 60;
    this.successfulJobsHistoryLimit = props.successfulJobsHistoryLimit ?? 3;
    this.failedJobsHistoryLimit = props.failedJobsHistoryLimit ?? 1;
    this.runSeconds = props.runSeconds ?? 20;
    this.image = props.image ?? imageRef('busybox');

    // The CronJob controller appends an 11-character suffix to name its Jobs (63 - 11 = 52).
    assertDnsLabel('name', this.name, where, 52);
    assertCronSchedule('schedule', this.schedule, where);
    if (this.timeZone !== undefined) assertTimeZone(this.timeZone, where);
    assertInteger('startingDeadlineSeconds', this.startingDeadlineSeconds, 10, where);
    assertInteger('successfulJobsHistoryLimit', this.successfulJobsHistoryLimit, 0, where);
    assertInteger('failedJobsHistoryLimit', this.failedJobsHistoryLimit, 0, where);
    assertInteger('runSeconds', this.runSeconds, 0, where);
    const job = jobSettings(props, { backoffLimit: 2, ttlSecondsAfterFinished: 600, restartPolicy: 'Never' }, where);
    this.backoffLimit = job.backoffLimit;
    this.ttlSecondsAfterFinished = job.ttlSecondsAfterFinished;
    this.restartPolicy = job.restartPolicy;

    const exercise = exerciseOf(this);
    new k8s.KubeCronJob(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        schedule: this.schedule,
        timeZone: this.timeZone,
        concurrencyPolicy: this.concurrencyPolicy,
        startingDeadlineSeconds: this.startingDeadlineSeconds,
        successfulJobsHistoryLimit: this.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: this.failedJobsHistoryLimit,
        jobTemplate: {
          // The Jobs the CronJob creates carry the exercise labels too (`kubectl get jobs -l ...`).
          metadata: { labels: exerciseLabels(exercise) },
          spec: {
            backoffLimit: this.backoffLimit,
            ttlSecondsAfterFinished: this.ttlSecondsAfterFinished,
            template: workshopPodTemplate({
              exercise,
              restartPolicy: this.restartPolicy,
              // sh as PID 1 ignores SIGTERM: without this, Replace waits 30 s to stop the old run.
              terminationGracePeriodSeconds: 5,
              containers: [
                {
                  name: 'report',
                  image: this.image,
                  command: [
                    '/bin/sh',
                    '-c',
                    [
                      'echo "report $(cat /etc/hostname) started at $(date -u +%H:%M:%S)"',
                      `sleep ${this.runSeconds}`,
                      'echo "report $(cat /etc/hostname) done at $(date -u +%H:%M:%S)"',
                    ].join('\n'),
                  ],
                  // Prints and sleeps: nobody on a read-only root filesystem is enough.
                  profile: SecurityProfiles.NON_ROOT,
                  size: ContainerSizes.TINY,
                },
              ],
            }),
          },
        },
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      { check: 'cronFired', cronJob: this.name, hint: `kubectl get cronjob ${this.name}` },
      { check: 'cronSucceeded', cronJob: this.name, hint: 'kubectl get jobs -w' },
    ];
  }
}
