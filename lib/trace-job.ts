import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { HOST } from '../src/k8s/grammar';
import { assertDnsLabel, assertGrammar, assertInteger, assertJobRestartPolicy, JobRestartPolicy } from '../src/prop-checks';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { Host, ImageRef } from '../src/k8s/setting-types';

export interface TraceJobProps {
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
  /**
   * Image that provides busybox `traceroute`.
   * @default - the catalogue's alpine (alpine:3.8.5)
   */
  readonly image?: ImageRef;
  /**
   * Pod restart policy; only Never and OnFailure are valid for a Job.
   * @default 'Never' - a failed trace shows up as a failed pod students can inspect
   */
  readonly restartPolicy?: JobRestartPolicy;
  /**
   * Seconds after the Job finishes before Kubernetes deletes it and its pod.
   * @default - never: the finished Job and its log stay for `kubectl logs` and `describe`
   * @minimum 0
   */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Retries before the Job is marked failed.
   * @default 4
   * @minimum 0
   */
  readonly backoffLimit?: number;
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
    this.restartPolicy = props.restartPolicy ?? 'Never';
    this.ttlSecondsAfterFinished = props.ttlSecondsAfterFinished;
    this.backoffLimit = props.backoffLimit ?? 4;

    assertDnsLabel('name', this.name, where);
    assertJobRestartPolicy(this.restartPolicy, where);
    assertInteger('ttlSecondsAfterFinished', this.ttlSecondsAfterFinished, 0, where);
    assertInteger('backoffLimit', this.backoffLimit, 0, where);
    assertGrammar('target', this.target, HOST, where);

    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        backoffLimit: this.backoffLimit,
        ttlSecondsAfterFinished: this.ttlSecondsAfterFinished,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          restartPolicy: this.restartPolicy,
          containers: [{
            name: 'traceroute',
            image: this.image,
            command: ['traceroute', this.target],
            profile: SecurityProfiles.RAW_SOCKET_ROOT,
            size: ContainerSizes.TINY,
          }],
        }),
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [{ check: 'jobComplete', job: this.name, hint: `kubectl describe job ${this.name}` }];
  }
}
