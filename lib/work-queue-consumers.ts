import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { keygenArgs, KuardRuntime } from './kuard';
import { exerciseOf } from './labels';
import { CONSUMER_LABELS, queueScriptContainer, resolveWorkQueue, ResolvedWorkQueue, WAIT_FOR_WORK_SCRIPT, WorkQueueProps } from './memq';
import { workshopPodTemplate } from './pod-defaults';

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
    const s = this.settings = resolveWorkQueue(props, this.node.path);
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
}
