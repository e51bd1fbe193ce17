import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertInteger, JobRestartPolicy } from '../src/prop-checks';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import { JobSettings, jobSettings } from './job-settings';

/**
 * Settings of exercise factorial-job (`exercises.factorialJob` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the catalogue's python (python:3.12.14-alpine3.24)
 * - `restartPolicy`: 'Never' - as in the text: a failed pod stays for `kubectl logs`, a new one retries
 * - `backoffLimit`: 6 - the Kubernetes default, written out
 * - `completions`: 3
 * - `parallelism`: 5
 */
export interface FactorialJobProps extends Pick<
  JobSettings,
  'image' | 'restartPolicy' | 'backoffLimit' | 'completions' | 'parallelism'
> {
  /**
   * The number whose factorial each pod prints; the Job is named `factorial<n>`.
   * @default 5
   * @minimum 0
   * @maximum 1000
   */
  readonly n?: number;
}

/** Largest n accepted: factorial(1000) is already a 2,568-digit log line. */
const MAX_N = 1000;

/** n! as Python prints it (exact, however many digits). */
function factorial(n: number): string {
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) result *= i;
  return String(result);
}

/**
 * Jobs and probes notes, "Jobs" example: Job `factorial5` computes 5! in Python in 3 pods
 * (completions 3), with parallelism 5; `kubectl logs` of each completed pod prints 120.
 */
export class FactorialJob extends Construct {
  public readonly n: number;
  public readonly name: string;
  public readonly image: string;
  public readonly completions: number;
  public readonly parallelism: number;
  public readonly restartPolicy: JobRestartPolicy;
  public readonly backoffLimit: number;

  constructor(scope: Construct, id: string, props: FactorialJobProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.n = props.n ?? 5;
    this.image = props.image ?? imageRef('python');
    assertInteger('n', this.n, 0, where, MAX_N);
    const job = jobSettings(props, { completions: 3, parallelism: 5, restartPolicy: 'Never', backoffLimit: 6 }, where);
    this.completions = job.completions;
    this.parallelism = job.parallelism;
    this.restartPolicy = job.restartPolicy;
    this.backoffLimit = job.backoffLimit;
    this.name = `factorial${this.n}`;

    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        completions: this.completions,
        parallelism: this.parallelism,
        backoffLimit: this.backoffLimit,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          restartPolicy: this.restartPolicy,
          containers: [
            {
              name: this.name,
              image: this.image,
              command: ['python', '-c', `from math import factorial; print(factorial(${this.n}))`],
              // Computes and prints. The image deletes every .pyc (its Dockerfile), so Python compiles
              // in memory; it skips caches it cannot write: nobody on a read-only root is enough.
              profile: SecurityProfiles.NON_ROOT,
              size: ContainerSizes.SMALL,
            },
          ],
        }),
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      { check: 'jobComplete', job: this.name, hint: `kubectl get job ${this.name}`, completions: this.completions },
      {
        check: 'jobPodsLog',
        job: this.name,
        hint: `kubectl logs -l job-name=${this.name}`,
        count: this.completions,
        expect: { prints: factorial(this.n) },
      },
    ];
  }
}
