import * as k8s from '../imports/k8s';
import { ImageFacts, IMAGES } from '../src/images';
import { RUNTIME_DEFAULT_CAPABILITIES } from '../src/k8s/capabilities';
import { exerciseLabels } from './labels';

/**
 * How one container runs: its user, capabilities and filesystem. Chosen per image, because the
 * kubelet refuses `runAsNonRoot` without a numeric non-root user, and images such as postgres or
 * busybox traceroute need root or a capability to do their job.
 */
export interface SecurityProfile {
  /** Short name, used in comments and the guides. */
  readonly name: string;
  /** The container securityContext this profile produces. */
  readonly securityContext: k8s.SecurityContext;
  /** Writable scratch folders the profile needs as emptyDir volumes (a read-only root filesystem). */
  readonly scratchPaths: string[];
}

const RUNTIME_DEFAULT_SECCOMP: k8s.SeccompProfile = { type: 'RuntimeDefault' };

/**
 * containerd's and Docker's default capability set, minus NET_RAW. Dropping these one by one
 * (instead of `drop: [ALL], add: [NET_RAW]`) keeps the pod within Pod Security "baseline", which
 * forbids adding NET_RAW but allows dropping anything.
 */
const DEFAULT_CAPS_EXCEPT_NET_RAW = RUNTIME_DEFAULT_CAPABILITIES.filter((cap) => cap !== 'NET_RAW');

/**
 * An entrypoint that starts as root and steps down to the image's own user: root, exactly the
 * capabilities its privilege drop takes (from the catalogue), nothing else.
 */
function steppingDown(facts: ImageFacts, options: { readOnlyRootFilesystem: boolean }): SecurityProfile {
  if (facts.privilegeDrop === undefined) {
    throw new Error(`${facts.ref} does not step down from root; the catalogue records no privilege drop for it`);
  }
  return {
    name: `${facts.key}-entrypoint`,
    securityContext: {
      runAsNonRoot: false,
      runAsUser: 0,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: options.readOnlyRootFilesystem,
      capabilities: { drop: ['ALL'], add: [...facts.privilegeDrop.capabilities] },
      seccompProfile: RUNTIME_DEFAULT_SECCOMP,
    },
    scratchPaths: [],
  };
}

/** The profiles the workshop images need. Every exception to `NON_ROOT` says why. */
export const SecurityProfiles = {
  /**
   * Pod Security "restricted": numeric non-root user (65534, nobody), no capabilities, read-only
   * root filesystem. For images that only read mounted files, print, compute or serve on a high port.
   */
  NON_ROOT: {
    name: 'non-root',
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: RUNTIME_DEFAULT_SECCOMP,
    },
    scratchPaths: [],
  } as SecurityProfile,

  /**
   * busybox ping and traceroute open raw ICMP sockets: they need root with CAP_NET_RAW (Kubernetes
   * gives no ambient capabilities to non-root users). They write nothing, so the root filesystem is
   * read-only, and every other default capability is dropped.
   */
  RAW_SOCKET_ROOT: {
    name: 'raw-socket-root',
    securityContext: {
      runAsNonRoot: false,
      runAsUser: 0,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: DEFAULT_CAPS_EXCEPT_NET_RAW },
      seccompProfile: RUNTIME_DEFAULT_SECCOMP,
    },
    scratchPaths: [],
  } as SecurityProfile,

  /**
   * postgres (Debian and alpine) starts as root, chowns its data directory on the fresh volume and
   * /var/run/postgresql, then steps down with gosu/su-exec: the capabilities come from the image
   * catalogue. The root filesystem stays writable: the socket and lock live in /var/run/postgresql.
   */
  POSTGRES_ENTRYPOINT: steppingDown(IMAGES.postgres, { readOnlyRootFilesystem: false }),

  /**
   * redis 8 starts as root, fixes ownership of /data, then steps down with setpriv and an empty
   * bounding set, which needs SETPCAP besides CHOWN, DAC_OVERRIDE, FOWNER, SETUID and SETGID (see
   * the catalogue). It writes only /data, its volume, so the root filesystem is read-only.
   */
  REDIS_ENTRYPOINT: steppingDown(IMAGES.redis, { readOnlyRootFilesystem: true }),

  /**
   * Images that run as root by default and listen on port 80 (the voting app's vote and result
   * front ends): root keeps file access as the image expects, NET_BIND_SERVICE allows port 80,
   * nothing else. The root filesystem stays writable (gunicorn and node write temp files).
   */
  ROOT_WEB_APP: {
    name: 'root-web-app',
    securityContext: {
      runAsNonRoot: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      seccompProfile: RUNTIME_DEFAULT_SECCOMP,
    },
    scratchPaths: [],
  } as SecurityProfile,

  /**
   * Root without any capability, root filesystem writable: for images whose user and writes are not
   * under our control (the voting app's worker), which need no privilege at all.
   */
  ROOT_NO_CAPABILITIES: {
    name: 'root-no-capabilities',
    securityContext: {
      runAsNonRoot: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: RUNTIME_DEFAULT_SECCOMP,
    },
    scratchPaths: [],
  } as SecurityProfile,
};

/** Like NON_ROOT, with writable emptyDir folders for images that need scratch space (e.g. /tmp). */
export function nonRootWithScratch(...paths: string[]): SecurityProfile {
  return { ...SecurityProfiles.NON_ROOT, name: 'non-root-scratch', scratchPaths: paths };
}

/** Requests and a memory limit for one container. */
export interface ContainerSize {
  readonly cpu: string;
  readonly memory: string;
  readonly memoryLimit: string;
}

/**
 * Sizes for workshop containers. Small explicit requests keep the whole workshop on a 4-CPU,
 * 4-GiB laptop cluster; the memory limit stops one runaway pod from starving the others.
 * No CPU limit: throttling a short job only makes it slower.
 */
export const ContainerSizes = {
  /** Shell one-liners: ping, traceroute, cat, echo. */
  TINY: { cpu: '10m', memory: '16Mi', memoryLimit: '64Mi' } as ContainerSize,
  /** Small Go/Python/Node processes: kuard, python one-liners, the vote and result apps. */
  SMALL: { cpu: '50m', memory: '64Mi', memoryLimit: '256Mi' } as ContainerSize,
  /** Databases and the .NET worker. */
  MEDIUM: { cpu: '100m', memory: '128Mi', memoryLimit: '512Mi' } as ContainerSize,
};

export function resourcesFor(size: ContainerSize): k8s.ResourceRequirements {
  return {
    requests: { cpu: k8s.Quantity.fromString(size.cpu), memory: k8s.Quantity.fromString(size.memory) },
    limits: { memory: k8s.Quantity.fromString(size.memoryLimit) },
  };
}

/** One container of a workshop pod. */
export interface WorkshopContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly env?: k8s.EnvVar[];
  readonly envFrom?: k8s.EnvFromSource[];
  readonly ports?: k8s.ContainerPort[];
  readonly volumeMounts?: k8s.VolumeMount[];
  readonly livenessProbe?: k8s.Probe;
  readonly readinessProbe?: k8s.Probe;
  /** @default SecurityProfiles.NON_ROOT */
  readonly profile?: SecurityProfile;
  /** @default ContainerSizes.TINY */
  readonly size?: ContainerSize;
}

/** Everything that varies between workshop pods; the rest comes from the workshop defaults. */
export interface WorkshopPodProps {
  /** Exercise the pod belongs to: labels the pod template. */
  readonly exercise: string;
  readonly containers: WorkshopContainer[];
  readonly initContainers?: WorkshopContainer[];
  /** Extra pod labels (selectors such as `app: voting-result`). */
  readonly labels?: Record<string, string>;
  readonly volumes?: k8s.Volume[];
  /** @default - the pod template leaves it unset (Always for Deployments and StatefulSets) */
  readonly restartPolicy?: 'Never' | 'OnFailure' | 'Always';
  /**
   * Service account whose token is mounted. Without it, the pod runs as `default` with no API token:
   * only pods that talk to the API get credentials.
   * @default - no API token
   */
  readonly serviceAccountName?: string;
  readonly hostAliases?: k8s.HostAlias[];
  readonly terminationGracePeriodSeconds?: number;
}

function scratchName(path: string): string {
  return (
    'scratch' +
    path
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .replace(/-$/, '')
  );
}

function renderContainer(c: WorkshopContainer): k8s.Container {
  const profile = c.profile ?? SecurityProfiles.NON_ROOT;
  const scratchMounts = profile.scratchPaths.map((mountPath) => ({ name: scratchName(mountPath), mountPath }));
  const volumeMounts = [...(c.volumeMounts ?? []), ...scratchMounts];
  return {
    name: c.name,
    image: c.image,
    command: c.command,
    args: c.args,
    env: c.env,
    envFrom: c.envFrom,
    ports: c.ports,
    volumeMounts: volumeMounts.length > 0 ? volumeMounts : undefined,
    livenessProbe: c.livenessProbe,
    readinessProbe: c.readinessProbe,
    resources: resourcesFor(c.size ?? ContainerSizes.TINY),
    securityContext: profile.securityContext,
  };
}

/**
 * The one place a workshop pod template is built: common labels, per-image security profile,
 * resources, and no service-account token unless a service account is named.
 */
export function workshopPodTemplate(props: WorkshopPodProps): k8s.PodTemplateSpec {
  const all = [...(props.initContainers ?? []), ...props.containers];
  const scratch = [...new Set(all.flatMap((c) => (c.profile ?? SecurityProfiles.NON_ROOT).scratchPaths))];
  const volumes = [...(props.volumes ?? []), ...scratch.map((p) => ({ name: scratchName(p), emptyDir: {} }))];
  return {
    metadata: { labels: { ...exerciseLabels(props.exercise), ...props.labels } },
    spec: {
      restartPolicy: props.restartPolicy,
      serviceAccountName: props.serviceAccountName,
      automountServiceAccountToken: props.serviceAccountName !== undefined,
      terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
      hostAliases: props.hostAliases,
      initContainers: props.initContainers?.map(renderContainer),
      containers: props.containers.map(renderContainer),
      volumes: volumes.length > 0 ? volumes : undefined,
    },
  };
}
