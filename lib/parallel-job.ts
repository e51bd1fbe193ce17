import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertInteger, assertJobCounts, assertJobRestartPolicy, JobRestartPolicy } from '../src/prop-checks';
import { JOBS_CHAPTER_LABELS, keygenArgs, KuardRuntime } from './kuard';
import { exerciseOf } from './labels';
import { workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';
import type { ImageRef } from '../src/k8s/setting-types';

export interface ParallelJobProps {
  /**
   * A kuard image built from kuard's source, run as `/kuard` with the same flags.
   * @default - the kuard-compatible program (ConfigMap `kuard-parallel`) on the catalogue's node image
   */
  readonly image?: ImageRef;
  /**
   * Successful pods the Job needs before it is complete.
   * @default 10
   * @minimum 1
   */
  readonly completions?: number;
  /**
   * Pods running at once ("we don't want to swamp our cluster").
   * @default 5
   * @minimum 1
   */
  readonly parallelism?: number;
  /**
   * Keys each pod generates (`--keygen-num-to-gen`): completions x keysToGenerate keys in total.
   * @default 10
   * @minimum 1
   */
  readonly keysToGenerate?: number;
  /**
   * Pod restart policy.
   * @default 'OnFailure'
   */
  readonly restartPolicy?: JobRestartPolicy;
  /**
   * Retries, over all pods, before the Job is marked failed.
   * @default 6 - the Kubernetes default, written out
   * @minimum 0
   */
  readonly backoffLimit?: number;
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
    this.completions = props.completions ?? 10;
    this.parallelism = props.parallelism ?? 5;
    this.keysToGenerate = props.keysToGenerate ?? 10;
    this.restartPolicy = props.restartPolicy ?? 'OnFailure';
    this.backoffLimit = props.backoffLimit ?? 6;
    assertJobCounts({ completions: this.completions, parallelism: this.parallelism, backoffLimit: this.backoffLimit }, where);
    assertInteger('keysToGenerate', this.keysToGenerate, 1, where);
    assertJobRestartPolicy(this.restartPolicy, where);

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
    return [{
      check: 'jobComplete', job: this.name, hint: `kubectl get job ${this.name}`,
      completions: this.completions, title: `Job ${this.name} reached ${this.completions}/${this.completions}`,
    }];
  }
}
