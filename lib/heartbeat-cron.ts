import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertCronSchedule, assertInteger } from '../src/prop-checks';
import { LoginSettings, WORKSHOP_LOGIN } from './config-volume-job';
import { exerciseLabels, exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { CronScheduleText } from '../src/k8s/setting-types';
import type { JobSettings } from './job-settings';

/**
 * Settings of exercise heartbeat-cron (`exercises.heartbeatCron` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the catalogue's alpine (alpine:3.8.5)
 */
export interface HeartbeatCronProps extends LoginSettings, Pick<JobSettings, 'image'> {
  /**
   * When the heartbeat runs, as a Kubernetes cron expression.
   * @default '* * * * *' - every minute, as in the workshop
   */
  readonly schedule?: CronScheduleText;
  /**
   * Finished Jobs kept for `kubectl get jobs` and `kubectl logs`.
   * @default 3
   * @minimum 0
   */
  readonly successfulJobsHistoryLimit?: number;
}

/** What each heartbeat prints between the username and the endpoint. */
export const HEARTBEAT_MESSAGE = 'has logged into';

/**
 * Exercise 5 (day 2): Secret `pretty-secret-config` and CronJob `login-heartbeat`, whose pods mount
 * the Secret at /run/secret/ and echo the username and endpoint every minute.
 *
 * The text asks for `batch/v1beta1`, which Kubernetes 1.25 removed; `batch/v1` has the same shape.
 * Secret values default to the workshop's (public) ones; real values come from the environment
 * at synth time (see docs/configuration.md), so they reach `dist/` (ignored by git) but never the snapshots.
 */
export class HeartbeatCron extends Construct {
  public readonly schedule: string;
  public readonly image: string;
  public readonly successfulJobsHistoryLimit: number;
  public readonly name = 'login-heartbeat';

  constructor(scope: Construct, id: string, props: HeartbeatCronProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.schedule = props.schedule ?? '* * * * *';
    this.image = props.image ?? imageRef('alpine');
    this.successfulJobsHistoryLimit = props.successfulJobsHistoryLimit ?? 3;
    assertCronSchedule('schedule', this.schedule, where);
    assertInteger('successfulJobsHistoryLimit', this.successfulJobsHistoryLimit, 0, where);
    const login = {
      username: props.username ?? WORKSHOP_LOGIN.username,
      password: props.password ?? WORKSHOP_LOGIN.password,
      endpoint: props.endpoint ?? WORKSHOP_LOGIN.endpoint,
    };

    new k8s.KubeSecret(this, 'Secret', {
      metadata: { name: 'pretty-secret-config' },
      type: 'Opaque',
      // base64, as in the workshop's table (`username: SmVmZg==`).
      data: Object.fromEntries(Object.entries(login).map(([k, v]) => [k, Buffer.from(v, 'utf-8').toString('base64')])),
    });
    const exercise = exerciseOf(this);
    new k8s.KubeCronJob(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        schedule: this.schedule,
        // A heartbeat that is late is useless: never run two at once, skip a missed minute.
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 30,
        successfulJobsHistoryLimit: this.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          // The Jobs the CronJob creates carry the exercise labels too (`kubectl get jobs -l ...`).
          metadata: { labels: exerciseLabels(exercise) },
          spec: {
            backoffLimit: 1,
            template: workshopPodTemplate({
              exercise,
              restartPolicy: 'Never',
              volumes: [{ name: 'pretty-secret-config', secret: { secretName: 'pretty-secret-config' } }],
              containers: [
                {
                  name: 'heartbeat',
                  image: this.image,
                  // `$(cat ...)` is shell command substitution, not a Kubernetes variable: it is not a
                  // variable name, so Kubernetes leaves it for the shell.
                  // Quoted: a value such as `*` is printed as it is, never expanded to file names or split into words.
                  command: [
                    '/bin/sh',
                    '-c',
                    `echo "$(cat /run/secret/username) ${HEARTBEAT_MESSAGE} $(cat /run/secret/endpoint)"`,
                  ],
                  volumeMounts: [{ name: 'pretty-secret-config', mountPath: '/run/secret/', readOnly: true }],
                  // Reads the Secret's files (mode 0644 by default) and echoes: nobody is enough.
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
      {
        check: 'cronLog',
        cronJob: this.name,
        hint: `kubectl logs job/<${this.name}-NNNN>`,
        expect: { contains: HEARTBEAT_MESSAGE },
      },
    ];
  }
}
