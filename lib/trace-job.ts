import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { HOST } from '../src/k8s/grammar';
import { assertDnsLabel, assertGrammar, JobRestartPolicy } from '../src/prop-checks';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { Host } from '../src/k8s/setting-types';
import { JobSettings, jobSettings } from './job-settings';

/**
 * Settings of exercise trace-job (`exercises.traceJob` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the catalogue's alpine (alpine:3.8.5)
 * - `restartPolicy`: 'Never' - a failed trace shows up as a failed pod students can inspect
 * - `backoffLimit`: 4
 * - `ttlSecondsAfterFinished`: never: the finished Job and its log stay for `kubectl logs` and `describe`
 */
export interface TraceJobProps extends Pick<
  JobSettings,
  'image' | 'restartPolicy' | 'backoffLimit' | 'ttlSecondsAfterFinished'
> {
  /**
   * Host the job traces.
   * @default 'google.com'
   */
  readonly target?: Host;
  /**
   * Name of the Job object (what students type in `kubectl describe job ...`).
   * @default 'traceroute'
   */
  readonly name?: string;
}

/** Exercise 2 (day 2): a Job that runs `traceroute <target>` once. */
export class TraceJob extends Construct {
  public readonly name: string;
  public readonly target: string;
  public readonly image: string;
  public readonly restartPolicy: JobRestartPolicy;
  public readonly ttlSecondsAfterFinished?: number;
  public readonly backoffLimit: number;

  constructor(scope: Construct, id: string, props: TraceJobProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.name = props.name ?? 'traceroute';
    this.target = props.target ?? 'google.com';
    this.image = props.image ?? imageRef('alpine');
    const job = jobSettings(
      props,
      { restartPolicy: 'Never', backoffLimit: 4, ttlSecondsAfterFinished: undefined },
      where,
    );
    this.restartPolicy = job.restartPolicy;
    this.ttlSecondsAfterFinished = job.ttlSecondsAfterFinished;
    this.backoffLimit = job.backoffLimit;

    assertDnsLabel('name', this.name, where);
    assertGrammar('target', this.target, HOST, where);

    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        backoffLimit: this.backoffLimit,
        ttlSecondsAfterFinished: this.ttlSecondsAfterFinished,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          restartPolicy: this.restartPolicy,
          containers: [
            {
              name: 'traceroute',
              image: this.image,
              command: ['traceroute', this.target],
              profile: SecurityProfiles.RAW_SOCKET_ROOT,
              size: ContainerSizes.TINY,
            },
          ],
        }),
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [{ check: 'jobComplete', job: this.name, hint: `kubectl describe job ${this.name}` }];
  }
}
