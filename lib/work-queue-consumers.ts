import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { keygenArgs, KuardRuntime } from './kuard';
import { exerciseOf } from './labels';
import {
  CONSUMER_LABELS,
  QUEUE_SELECTOR,
  queueScriptContainer,
  resolveWorkQueue,
  ResolvedWorkQueue,
  WAIT_FOR_WORK_SCRIPT,
  WorkQueueProps,
} from './memq';
import { workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';

/**
 * Job patterns 3, work queue, last step ("Creating the consumer job"): Job `consumers` runs 5 kuard
 * workers at once that take items from the queue until it is empty. No completions: the Job is done
 * when a worker has exited 0 and all have stopped. Its own file, so the text's order holds: start
 * the queue, load it, then `kubectl apply` this. Applied together with the queue (`kubectl apply -f
 * dist/`), the pods wait in their init container until the queue has been loaded.
 */
export class WorkQueueConsumers extends Construct {
  public readonly settings: ResolvedWorkQueue;
  public readonly name = 'consumers';

  constructor(scope: Construct, id: string, props: WorkQueueProps = {}) {
    super(scope, id);
    const s = (this.settings = resolveWorkQueue(props, this.node.path));
    const kuard = new KuardRuntime(this, 'Kuard', { workload: this.name, image: s.image });
    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name, labels: CONSUMER_LABELS },
      spec: {
        parallelism: s.parallelism,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          labels: CONSUMER_LABELS,
          restartPolicy: 'OnFailure',
          initContainers: [queueScriptContainer('wait-for-work', WAIT_FOR_WORK_SCRIPT, s)],
          containers: [kuard.container('worker', keygenArgs({ memqServer: s.queueUrl, memqQueue: s.queueName }))],
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
        hint: 'kubectl get pods -l app=message-queue -w',
        title: `queue ${this.settings.queueName} drained by Job ${this.name} (complete)`,
        // Its pods wait in init container wait-for-work until the queue is loaded: a queue pod that
        // cannot pull or run fails the check now instead of leaving it pending for ever.
        waitsFor: {
          what: 'the queue server (ReplicaSet queue)',
          selector: QUEUE_SELECTOR,
          until: `until queue ${this.settings.queueName} has received ${this.settings.workItems} work items (load it: curl loop, or workQueue.loader)`,
        },
      },
    ];
  }
}
