import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertInteger, JobRestartPolicy } from '../src/prop-checks';
import { JOBS_CHAPTER_LABELS, keygenArgs, KuardRuntime } from './kuard';
import { exerciseOf } from './labels';
import { workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';
import { JobSettings, jobSettings } from './job-settings';

/**
 * Settings of exercise parallel-job (`exercises.parallelJob` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the kuard-compatible program (ConfigMap `kuard-parallel`) on the catalogue's node image
 * - `restartPolicy`: 'OnFailure'
 * - `backoffLimit`: 6 - the Kubernetes default, written out
 * - `completions`: 10
 * - `parallelism`: 5
 */
export interface ParallelJobProps extends Pick<
  JobSettings,
  'image' | 'restartPolicy' | 'backoffLimit' | 'completions' | 'parallelism'
> {
  /**
   * Keys each pod generates (`--keygen-num-to-gen`): completions x keysToGenerate keys in total.
   * @default 10
   * @minimum 1
   */
  readonly keysToGenerate?: number;
}

/**
 * Job patterns 2, parallelism: Job `parallel` generates 100 keys as 10 runs of kuard with 10 keys
 * each, at most 5 pods at a time (`kubectl get pods -w` shows them start in waves).
 */
export class ParallelJob extends Construct {
  public readonly image: string;
  public readonly completions: number;
  public readonly parallelism: number;
  public readonly keysToGenerate: number;
  public readonly restartPolicy: JobRestartPolicy;
  public readonly backoffLimit: number;
  public readonly name = 'parallel';

  constructor(scope: Construct, id: string, props: ParallelJobProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const kuard = new KuardRuntime(this, 'Kuard', { workload: this.name, image: props.image });
    this.image = kuard.image;
    const job = jobSettings(
      props,
      { completions: 10, parallelism: 5, restartPolicy: 'OnFailure', backoffLimit: 6 },
      where,
    );
    this.completions = job.completions;
    this.parallelism = job.parallelism;
    this.restartPolicy = job.restartPolicy;
    this.backoffLimit = job.backoffLimit;
    this.keysToGenerate = props.keysToGenerate ?? 10;
    assertInteger('keysToGenerate', this.keysToGenerate, 1, where);

    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name, labels: JOBS_CHAPTER_LABELS },
      spec: {
        completions: this.completions,
        parallelism: this.parallelism,
        backoffLimit: this.backoffLimit,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          labels: JOBS_CHAPTER_LABELS,
          restartPolicy: this.restartPolicy,
          containers: [kuard.container('kuard', keygenArgs({ numToGen: this.keysToGenerate }))],
          volumes: kuard.volumes,
        }),
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      {
        check: 'jobComplete',
        job: this.name,
        hint: `kubectl get job ${this.name}`,
        completions: this.completions,
        title: `Job ${this.name} reached ${this.completions}/${this.completions}`,
      },
    ];
  }
}
