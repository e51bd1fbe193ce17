import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertInteger, assertJobCounts, assertJobRestartPolicy, JobRestartPolicy } from '../src/prop-checks';
import { JOBS_CHAPTER_LABELS, defaultKuardImage, keygenArgs, kuardContainer } from './kuard';
import type { Arch } from '../src/images';
import { exerciseOf } from './labels';
import { workshopPodTemplate } from './pod-defaults';

export interface OneShotJobProps {
  /**
   * kuard image.
   * @default - the catalogue's kuard for `arch`
   */
  readonly image?: string;
  /**
   * CPU architecture of the cluster's nodes: picks kuard-amd64 or kuard-arm64.
   * @default 'amd64'
   */
  readonly arch?: Arch;
  /**
   * Keys each pod generates before it exits (`--keygen-num-to-gen`).
   * @default 10
   */
  readonly keysToGenerate?: number;
  /**
   * Pod restart policy. OnFailure restarts the failed container in the same pod (watch RESTARTS
   * grow); Never makes the Job create a new pod per attempt.
   * @default 'OnFailure'
   */
  readonly restartPolicy?: JobRestartPolicy;
  /**
   * Retries before a Job is marked failed (with OnFailure, container restarts count too).
   * @default 6 - the Kubernetes default, written out
   */
  readonly backoffLimit?: number;
  /**
   * Also create Job `oneshot-failing`, whose kuard exits 1 after generating its keys
   * (`--keygen-exit-code=1`), so students watch the pod restart until the backoff limit fails the Job.
   * @default true
   */
  readonly failingVariant?: boolean;
}

/**
 * Job patterns 1, one shot: Job `oneshot` runs one kuard pod until it has generated its keys and
 * exited 0 (completions and parallelism 1, the defaults). With `failingVariant`, Job
 * `oneshot-failing` does the same work but exits 1 every time.
 */
export class OneShotJob extends Construct {
  public readonly image: string;
  public readonly keysToGenerate: number;
  public readonly restartPolicy: JobRestartPolicy;
  public readonly backoffLimit: number;
  public readonly failingVariant: boolean;
  public readonly jobName = 'oneshot';
  /** The failing variant's Job, when there is one. */
  public readonly failingJobName?: string;

  constructor(scope: Construct, id: string, props: OneShotJobProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.image = props.image ?? defaultKuardImage(props.arch);
    this.keysToGenerate = props.keysToGenerate ?? 10;
    this.restartPolicy = props.restartPolicy ?? 'OnFailure';
    this.backoffLimit = props.backoffLimit ?? 6;
    this.failingVariant = props.failingVariant ?? true;
    this.failingJobName = this.failingVariant ? `${this.jobName}-failing` : undefined;
    assertInteger('keysToGenerate', this.keysToGenerate, 1, where);
    assertJobRestartPolicy(this.restartPolicy, where);
    assertJobCounts({ backoffLimit: this.backoffLimit }, where);

    const job = (id: string, name: string, exitCode?: number) => new k8s.KubeJob(this, id, {
      metadata: { name, labels: JOBS_CHAPTER_LABELS },
      spec: {
        backoffLimit: this.backoffLimit,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          labels: JOBS_CHAPTER_LABELS,
          restartPolicy: this.restartPolicy,
          containers: [kuardContainer('kuard', this.image, keygenArgs({ numToGen: this.keysToGenerate, exitCode }))],
        }),
      },
    });
    job('Resource', this.jobName);
    if (this.failingJobName !== undefined) job('FailingJob', this.failingJobName, 1);
  }
}
