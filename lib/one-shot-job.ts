import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertInteger, JobRestartPolicy } from '../src/prop-checks';
import { JOBS_CHAPTER_LABELS, keygenArgs, KuardRuntime } from './kuard';
import { exerciseOf } from './labels';
import { workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';
import { JobSettings, jobSettings } from './job-settings';

/**
 * Settings of exercise one-shot-job (`exercises.oneShotJob` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the kuard-compatible program (ConfigMap `kuard-oneshot`) on the catalogue's node image
 * - `restartPolicy`: 'OnFailure'
 * - `backoffLimit`: 6 - the Kubernetes default, written out
 */
export interface OneShotJobProps extends Pick<JobSettings, 'image' | 'restartPolicy' | 'backoffLimit'> {
  /**
   * Keys each pod generates before it exits (`--keygen-num-to-gen`).
   * @default 10
   * @minimum 1
   */
  readonly keysToGenerate?: number;
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
    const job = jobSettings(props, { restartPolicy: 'OnFailure', backoffLimit: 6 }, where);
    this.restartPolicy = job.restartPolicy;
    this.backoffLimit = job.backoffLimit;
    this.failingVariant = props.failingVariant ?? true;
    this.failingBackoffLimit = props.failingBackoffLimit ?? 3;
    this.failingJobName = this.failingVariant ? `${this.jobName}-failing` : undefined;
    assertInteger('keysToGenerate', this.keysToGenerate, 1, where);
    assertInteger('failingBackoffLimit', this.failingBackoffLimit, 0, where);

    const kubeJob = (id: string, name: string, backoffLimit: number, exitCode?: number) =>
      new k8s.KubeJob(this, id, {
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
    kubeJob('Resource', this.jobName, this.backoffLimit);
    if (this.failingJobName !== undefined) kubeJob('FailingJob', this.failingJobName, this.failingBackoffLimit, 1);
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      { check: 'jobComplete', job: this.jobName, hint: `kubectl describe jobs ${this.jobName}` },
      ...(this.failingJobName === undefined
        ? []
        : [
            {
              check: 'jobFailedAfterRetries' as const,
              job: this.failingJobName,
              hint: `kubectl get pods -w -l job-name=${this.failingJobName}`,
              backoffLimit: this.failingBackoffLimit,
            },
          ]),
    ];
  }
}
