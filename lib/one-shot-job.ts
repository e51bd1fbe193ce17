import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertInteger, assertJobCounts, assertJobRestartPolicy, JobRestartPolicy } from '../src/prop-checks';
import { JOBS_CHAPTER_LABELS, keygenArgs, KuardRuntime } from './kuard';
import { exerciseOf } from './labels';
import { workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';
import type { ImageRef } from '../src/k8s/setting-types';

export interface OneShotJobProps {
  /**
   * A kuard image built from kuard's source, run as `/kuard` with the same flags.
   * @default - the kuard-compatible program (ConfigMap `kuard-oneshot`) on the catalogue's node image
   */
  readonly image?: ImageRef;
  /**
   * Keys each pod generates before it exits (`--keygen-num-to-gen`).
   * @default 10
   * @minimum 1
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
   * @minimum 0
   */
  readonly backoffLimit?: number;
  /**
   * Also create Job `oneshot-failing`, whose kuard exits 1 after generating its keys
   * (`--keygen-exit-code=1`), so students watch the pod restart until the backoff limit fails the Job.
   * @default true
   */
  readonly failingVariant?: boolean;
  /**
   * Retries of `oneshot-failing` before it is marked failed. With OnFailure the container restarts
   * after 10, 20, 40, 80, 160, 300 s of kubelet back-off: 3 fails the Job about 2 minutes after it
   * starts, the Kubernetes default of 6 only after about 11.
   * @default 3
   * @minimum 0
   */
  readonly failingBackoffLimit?: number;
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
  public readonly failingBackoffLimit: number;
  public readonly jobName = 'oneshot';
  /** The failing variant's Job, when there is one. */
  public readonly failingJobName?: string;

  constructor(scope: Construct, id: string, props: OneShotJobProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const kuard = new KuardRuntime(this, 'Kuard', { workload: this.jobName, image: props.image });
    this.image = kuard.image;
    this.keysToGenerate = props.keysToGenerate ?? 10;
    this.restartPolicy = props.restartPolicy ?? 'OnFailure';
    this.backoffLimit = props.backoffLimit ?? 6;
    this.failingVariant = props.failingVariant ?? true;
    this.failingBackoffLimit = props.failingBackoffLimit ?? 3;
    this.failingJobName = this.failingVariant ? `${this.jobName}-failing` : undefined;
    assertInteger('keysToGenerate', this.keysToGenerate, 1, where);
    assertJobRestartPolicy(this.restartPolicy, where);
    assertJobCounts({ backoffLimit: this.backoffLimit }, where);
    assertInteger('failingBackoffLimit', this.failingBackoffLimit, 0, where);

    const job = (id: string, name: string, backoffLimit: number, exitCode?: number) => new k8s.KubeJob(this, id, {
      metadata: { name, labels: JOBS_CHAPTER_LABELS },
      spec: {
        backoffLimit,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          labels: JOBS_CHAPTER_LABELS,
          restartPolicy: this.restartPolicy,
          containers: [kuard.container('kuard', keygenArgs({ numToGen: this.keysToGenerate, exitCode }))],
          volumes: kuard.volumes,
        }),
      },
    });
    job('Resource', this.jobName, this.backoffLimit);
    if (this.failingJobName !== undefined) job('FailingJob', this.failingJobName, this.failingBackoffLimit, 1);
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      { check: 'jobComplete', job: this.jobName, hint: `kubectl describe jobs ${this.jobName}` },
      ...this.failingJobName === undefined ? [] : [{
        check: 'jobFailedAfterRetries' as const, job: this.failingJobName,
        hint: `kubectl get pods -w -l job-name=${this.failingJobName}`, backoffLimit: this.failingBackoffLimit,
      }],
    ];
  }
}
