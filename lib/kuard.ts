// What the kuard-based Job exercises (oneshot, parallel, work-queue) share: the image, how it runs,
// its keygen flags and the text's `chapter: jobs` label.
import { Arch, kuardImage } from '../src/images';
import { ContainerSizes, SecurityProfiles, WorkshopContainer } from './pod-defaults';

/** Architecture of the kuard image when none is given: the text's kuard-amd64. */
export const DEFAULT_ARCH: Arch = 'amd64';

/**
 * The kuard image of the Job patterns text for `arch`, from the catalogue (kuard publishes one
 * repository per architecture, kuard-amd64 and kuard-arm64). Serves on :8080; the keygen workload
 * and MemQ are built in.
 */
export function defaultKuardImage(arch: Arch | undefined): string {
  return kuardImage(arch ?? DEFAULT_ARCH);
}

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

/**
 * A kuard container. kuard is a single Go binary that serves on :8080, logs to stderr and keeps
 * its keys and queues in memory, so the NON_ROOT profile fits: user 65534 given numerically
 * (the image's `nobody` is a name, which runAsNonRoot cannot verify), no capabilities, read-only root.
 */
export function kuardContainer(name: string, image: string, args?: string[]): WorkshopContainer {
  return {
    name,
    image,
    // v0.9's Dockerfile has ENTRYPOINT /kuard, later ones CMD /kuard: naming the binary keeps the
    // arguments working with either.
    command: ['/kuard'],
    args,
    profile: SecurityProfiles.NON_ROOT,
    // RSA-4096 key generation is CPU-bound: a small request, and no CPU limit (pod-defaults.ts), so
    // the pods use idle cores without reserving them.
    size: ContainerSizes.SMALL,
  };
}
