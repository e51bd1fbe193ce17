import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { KuardRuntime } from './kuard';
import { exerciseOf } from './labels';
import { KUARD_PORT, QUEUE_LABELS, QUEUE_SELECTOR, resolveWorkQueue, ResolvedWorkQueue, WorkQueueProps } from './memq';
import { workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';

/**
 * Job patterns 3, work queue, first step ("Starting a work queue"): ReplicaSet `queue` runs kuard's
 * MemQ server behind Service `queue` on 8080, with the text's labels, so its
 * `kubectl get pods -l app=work-queue,component=queue` finds the pod to port-forward to. Nothing
 * else: the text loads the queue by hand next, and starts the consumers (chart
 * `work-queue-consumers`) after that. Everything carries `chapter: jobs`, so
 * `kubectl delete rs,svc,job -l chapter=jobs` removes it all.
 */
export class WorkQueue extends Construct {
  public readonly settings: ResolvedWorkQueue;
  /** The ReplicaSet and the Service. */
  public readonly name = 'queue';

  constructor(scope: Construct, id: string, props: WorkQueueProps = {}) {
    super(scope, id);
    this.settings = resolveWorkQueue(props, this.node.path);
    const kuard = new KuardRuntime(this, 'Kuard', { workload: this.name, image: this.settings.image });

    new k8s.KubeReplicaSet(this, 'Resource', {
      metadata: { name: this.name, labels: QUEUE_LABELS },
      spec: {
        replicas: 1,
        selector: { matchLabels: QUEUE_SELECTOR },
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          labels: QUEUE_LABELS,
          containers: [
            {
              ...kuard.container('queue'),
              ports: [{ name: 'http', containerPort: KUARD_PORT, protocol: 'TCP' }],
              // Ready once MemQ answers: only then does the Service route to it.
              readinessProbe: {
                httpGet: { path: '/memq/server/stats', port: k8s.IntOrString.fromNumber(KUARD_PORT) },
                periodSeconds: 2,
              },
            },
          ],
          volumes: kuard.volumes,
        }),
      },
    });

    new k8s.KubeService(this, 'QueueService', {
      metadata: { name: this.name, labels: QUEUE_LABELS },
      spec: {
        selector: QUEUE_SELECTOR,
        ports: [
          { name: 'http', port: KUARD_PORT, protocol: 'TCP', targetPort: k8s.IntOrString.fromNumber(KUARD_PORT) },
        ],
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      {
        check: 'selectedPodReady',
        title: `queue server (ReplicaSet ${this.name}) Ready`,
        selector: QUEUE_SELECTOR,
        hint: `kubectl get pods -l ${Object.entries(QUEUE_SELECTOR)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`,
      },
    ];
  }
}
