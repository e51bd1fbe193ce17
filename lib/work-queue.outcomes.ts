// What the work-queue pattern shows on a cluster when it works (npm run verify). A kuard worker
// exits 0 only when it finds the queue empty, so a complete consumers Job is a drained queue.
import { jobComplete, outcomes } from '../src/verify/checks';
import { WorkQueue } from './work-queue';

export const WORK_QUEUE_OUTCOMES = outcomes(WorkQueue, (queue) => [
  jobComplete(queue.loaderJobName, `kubectl logs job/${queue.loaderJobName}`,
    { title: `Job ${queue.loaderJobName} enqueued ${queue.workItems} items (complete)` }),
  jobComplete(queue.consumersJobName, 'kubectl get pods -l app=message-queue -w',
    { title: `queue ${queue.queueName} drained by Job ${queue.consumersJobName} (complete)` }),
]);
