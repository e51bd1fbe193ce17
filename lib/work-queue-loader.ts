import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { exerciseOf } from './labels';
import {
  LOADER_LABELS,
  LOADER_SCRIPT,
  queueScriptContainer,
  resolveWorkQueue,
  ResolvedWorkQueue,
  WorkQueueProps,
} from './memq';
import { workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';

/**
 * Job patterns 3, work queue, the automatic path (`workQueue.loader: true`): Job `queue-loader` does
 * in the cluster what the text does by hand with port-forward and curl (create queue `keygen`,
 * enqueue work-item-0..99), then stays until the consumers have taken every item, loading the queue
 * again if the queue pod restarts before that (see LOADER_SCRIPT).
 */
export class WorkQueueLoader extends Construct {
  public readonly settings: ResolvedWorkQueue;
  public readonly name = 'queue-loader';

  constructor(scope: Construct, id: string, props: WorkQueueProps = {}) {
    super(scope, id);
    const s = (this.settings = resolveWorkQueue(props, this.node.path));
    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name, labels: LOADER_LABELS },
      spec: {
        backoffLimit: 4,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          labels: LOADER_LABELS,
          restartPolicy: 'OnFailure',
          containers: [queueScriptContainer('loader', LOADER_SCRIPT, s)],
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
        hint: `kubectl logs -f job/${this.name}`,
        title: `Job ${this.name} loaded ${this.settings.workItems} items and saw them taken (complete)`,
      },
    ];
  }
}
