// What the work queue's consumers show on a cluster when they work (npm run verify). A kuard worker
// exits 0 only when it finds the queue empty, so a complete consumers Job is a drained queue.
import { jobComplete, outcomes } from '../src/verify/checks';
import { QUEUE_SELECTOR } from './memq';
import { WorkQueueConsumers } from './work-queue-consumers';

export const WORK_QUEUE_CONSUMERS_OUTCOMES = outcomes(WorkQueueConsumers, (consumers) => [
  jobComplete(consumers.name, 'kubectl get pods -l app=message-queue -w',
    {
      title: `queue ${consumers.settings.queueName} drained by Job ${consumers.name} (complete)`,
      // Its pods wait in init container wait-for-work until the queue is loaded: a queue pod that
      // cannot pull or run fails the check now instead of leaving it pending for ever.
      waitsFor: {
        what: 'the queue server (ReplicaSet queue)',
        selector: QUEUE_SELECTOR,
        until: `until queue ${consumers.settings.queueName} has received ${consumers.settings.workItems} work items (load it: curl loop, or workQueue.loader)`,
      },
    }),
]);
