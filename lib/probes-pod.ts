import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertDnsLabel, assertInteger } from '../src/prop-checks';
import { exerciseOf } from './labels';
import { ContainerSizes, nonRootWithScratch, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { DnsLabel, ImageRef } from '../src/k8s/setting-types';

export interface ProbesPodProps {
  /**
   * Name of the Pod.
   * @default 'probes'
   */
  readonly name?: DnsLabel;
  /**
   * Image with a POSIX shell, cat, touch and sleep.
   * @default - the catalogue's busybox (busybox:1.37.0)
   */
  readonly image?: ImageRef;
  /**
   * Seconds the app keeps /tmp/healthy before deleting it (the text's `sleep 30`).
   * @default 30
   * @minimum 1
   */
  readonly healthySeconds?: number;
  /**
   * Seconds before the kubelet runs the first liveness probe.
   * @default 30 - as in the text
   * @minimum 0
   */
  readonly livenessInitialDelaySeconds?: number;
  /**
   * Seconds the init container works before it finishes, so `Init:0/1` is visible.
   * @default 5
   * @minimum 0
   */
  readonly initSeconds?: number;
}

/** Shared emptyDir: the init container writes into it, the app reads from it. */
const SETUP_VOLUME = 'setup';
const SETUP_DIR = '/setup';

/**
 * Jobs and probes notes, "Probing" and "Init Containers": Pod `probes`.
 *
 * - Init container `setup` writes /setup/message into a shared emptyDir; `app` starts only after it
 *   has exited 0, and prints the message first (it exits 1 if the file is missing).
 * - `app` runs the text's `touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600`.
 * - The readiness probe (`cat /tmp/healthy` every 5 s) marks the pod not ready right after the file
 *   goes: READY 0/1, out of any Service's endpoints, but not restarted.
 * - The liveness probe (the text's `cat /tmp/healthy`, first after 30 s, then every 10 s, 3 failures)
 *   then kills the container, and the kubelet restarts it: RESTARTS grows about once a minute
 *   (later with the crash-loop back-off), the init container does not run again.
 *
 * A bare Pod, not a Deployment, as in the text: liveness restarts happen inside the same pod, so a
 * stable pod name shows them directly (`kubectl get pod probes -w`, `kubectl describe pod probes`).
 */
export class ProbesPod extends Construct {
  public readonly name: string;
  public readonly image: string;
  public readonly healthySeconds: number;
  public readonly livenessInitialDelaySeconds: number;
  public readonly initSeconds: number;
  /** The container the probes watch, and the init container before it. */
  public readonly appContainer = 'app';
  public readonly initContainer = 'setup';

  constructor(scope: Construct, id: string, props: ProbesPodProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.name = props.name ?? 'probes';
    this.image = props.image ?? imageRef('busybox');
    this.healthySeconds = props.healthySeconds ?? 30;
    this.livenessInitialDelaySeconds = props.livenessInitialDelaySeconds ?? 30;
    this.initSeconds = props.initSeconds ?? 5;
    assertDnsLabel('name', this.name, where);
    assertInteger('healthySeconds', this.healthySeconds, 1, where);
    assertInteger('livenessInitialDelaySeconds', this.livenessInitialDelaySeconds, 0, where);
    assertInteger('initSeconds', this.initSeconds, 0, where);

    const healthy: k8s.ExecAction = { command: ['cat', '/tmp/healthy'] };
    const template = workshopPodTemplate({
      exercise: exerciseOf(this),
      restartPolicy: 'Always',
      // sh as PID 1 ignores SIGTERM: without this, every liveness kill and `kubectl delete` waits 30 s.
      terminationGracePeriodSeconds: 5,
      volumes: [{ name: SETUP_VOLUME, emptyDir: {} }],
      initContainers: [
        {
          name: this.initContainer,
          image: this.image,
          command: [
            '/bin/sh',
            '-c',
            `sleep ${this.initSeconds}; echo "setup done at $(date -u +%H:%M:%S) by init container setup" > ${SETUP_DIR}/message`,
          ],
          volumeMounts: [{ name: SETUP_VOLUME, mountPath: SETUP_DIR }],
          // Writes only into the emptyDir (mode 0777), so nobody on a read-only root is enough.
          profile: SecurityProfiles.NON_ROOT,
          size: ContainerSizes.TINY,
        },
      ],
      containers: [
        {
          name: this.appContainer,
          image: this.image,
          command: [
            '/bin/sh',
            '-c',
            `cat ${SETUP_DIR}/message || exit 1; touch /tmp/healthy; sleep ${this.healthySeconds}; rm -rf /tmp/healthy; sleep 600`,
          ],
          volumeMounts: [{ name: SETUP_VOLUME, mountPath: SETUP_DIR, readOnly: true }],
          readinessProbe: { exec: healthy, initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 1 },
          livenessProbe: {
            exec: healthy,
            initialDelaySeconds: this.livenessInitialDelaySeconds,
            periodSeconds: 10,
            failureThreshold: 3,
          },
          // Writes /tmp/healthy: nobody, read-only root, and a writable emptyDir at /tmp.
          profile: nonRootWithScratch('/tmp'),
          size: ContainerSizes.TINY,
        },
      ],
    });

    new k8s.KubePod(this, 'Resource', {
      metadata: { name: this.name, labels: template.metadata?.labels },
      spec: template.spec,
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      {
        check: 'initContainerDone',
        pod: this.name,
        container: this.initContainer,
        hint: `kubectl get pod ${this.name} -w`,
      },
      {
        check: 'restartedByLiveness',
        pod: this.name,
        container: this.appContainer,
        hint: `kubectl describe pod ${this.name}`,
      },
    ];
  }
}
