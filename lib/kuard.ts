// What the kuard-based Job exercises (oneshot, parallel, work queue) share: how kuard runs, its
// keygen flags and the text's `chapter: jobs` label.
//
// The text's kuard images (gcr.io/kuar-demo/kuard-amd64, kuard-arm64) cannot be pulled since Google
// Container Registry shut down (kubernetes-up-and-running/kuard issues #59, #60). By default the
// exercises run a kuard-compatible program instead (lib/kuard-workload.ts): shipped in a ConfigMap
// of the exercise's own file, run by the catalogue's official multi-arch node image, with kuard's
// flags. An instructor who builds the real kuard sets its image (workshop.yaml `kuardImage:`); the
// same flags then go to `/kuard`.
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { imageRef } from '../src/images';
import { KUARD_SCRIPT, KUARD_SCRIPT_DIR, KUARD_SCRIPT_KEY } from './kuard-workload';
import { ContainerSizes, SecurityProfiles, WorkshopContainer } from './pod-defaults';

/** The text's label on every Job-patterns object: `kubectl delete rs,svc,job -l chapter=jobs`. */
export const JOBS_CHAPTER_LABELS: Record<string, string> = { chapter: 'jobs' };

/** kuard's keygen workload flags (kuard's pkg/keygen/config.go). */
export interface KeygenOptions {
  /** `--keygen-num-to-gen`: keys to generate before exiting; ignored when a MemQ queue is set. */
  readonly numToGen?: number;
  /** `--keygen-exit-code`: exit code once the work is done (non-zero to simulate a failing task). */
  readonly exitCode?: number;
  /** `--keygen-memq-server`: MemQ server URL to take work items from. */
  readonly memqServer?: string;
  /** `--keygen-memq-queue`: queue on that server. */
  readonly memqQueue?: string;
}

/** `--keygen-enable --keygen-exit-on-complete` plus the given options, one flag per argument. */
export function keygenArgs(options: KeygenOptions): string[] {
  const args = ['--keygen-enable', '--keygen-exit-on-complete'];
  if (options.numToGen !== undefined) args.push(`--keygen-num-to-gen=${options.numToGen}`);
  if (options.exitCode !== undefined) args.push(`--keygen-exit-code=${options.exitCode}`);
  if (options.memqServer !== undefined) args.push(`--keygen-memq-server=${options.memqServer}`);
  if (options.memqQueue !== undefined) args.push(`--keygen-memq-queue=${options.memqQueue}`);
  return args;
}

/** The ConfigMap holding the kuard-compatible program for workload `workload` (`kuard-oneshot`). */
export function kuardConfigMapName(workload: string): string {
  return `kuard-${workload}`;
}

/**
 * The label of the program's ConfigMaps, so that the text's `kubectl run -i oneshot` can go first:
 * `kubectl apply -f dist/0007-one-shot-job.k8s.yaml -l app.kubernetes.io/component=kuard-program`
 * creates the ConfigMap alone.
 */
export const KUARD_PROGRAM_LABELS: Record<string, string> = { 'app.kubernetes.io/component': 'kuard-program' };

/** Name of the volume the program is mounted from. */
const SCRIPT_VOLUME = 'kuard';

/**
 * How one exercise runs kuard. Without an image: the kuard-compatible program on the catalogue's node
 * image, from ConfigMap `kuard-<workload>` that this creates next to the workload (so each exercise
 * file applies on its own). With an image: that image's `/kuard`, a kuard built from source.
 */
export class KuardRuntime extends Construct {
  /** The image the kuard containers run. */
  public readonly image: string;
  /** True for a real kuard image (`/kuard`), false for the program on node. */
  public readonly builtKuard: boolean;
  /** The ConfigMap with the program, when there is one. */
  public readonly configMapName?: string;

  constructor(scope: Construct, id: string, props: { readonly workload: string; readonly image?: string }) {
    super(scope, id);
    this.builtKuard = props.image !== undefined;
    this.image = props.image ?? imageRef('node');
    if (!this.builtKuard) {
      this.configMapName = kuardConfigMapName(props.workload);
      new k8s.KubeConfigMap(this, 'Resource', {
        metadata: { name: this.configMapName, labels: { ...JOBS_CHAPTER_LABELS, ...KUARD_PROGRAM_LABELS } },
        data: { [KUARD_SCRIPT_KEY]: KUARD_SCRIPT },
      });
    }
  }

  /** Volumes the pod needs for the program (none for a built kuard). */
  public get volumes(): k8s.Volume[] {
    return this.configMapName === undefined ? [] : [{ name: SCRIPT_VOLUME, configMap: { name: this.configMapName } }];
  }

  /**
   * A kuard container. Both kuards serve on :8080, log to stderr and keep keys and queues in
   * memory, so the NON_ROOT profile fits: user 65534 given numerically (kuard's image names its
   * user `nobody`; node's image has no USER), no capabilities, read-only root filesystem (node writes
   * nothing when it runs a file). RSA-4096 key generation is CPU-bound: a small request, and no CPU
   * limit (pod-defaults.ts), so the pods use idle cores without reserving them.
   */
  public container(name: string, args?: string[]): WorkshopContainer {
    const common = { name, image: this.image, args, profile: SecurityProfiles.NON_ROOT, size: ContainerSizes.SMALL };
    if (this.builtKuard) {
      // kuard's Dockerfile has CMD /kuard (v0.9's had ENTRYPOINT): naming the binary works with either.
      return { ...common, command: ['/kuard'] };
    }
    return {
      ...common,
      command: ['node', `${KUARD_SCRIPT_DIR}/${KUARD_SCRIPT_KEY}`],
      volumeMounts: [{ name: SCRIPT_VOLUME, mountPath: KUARD_SCRIPT_DIR, readOnly: true }],
    };
  }
}
