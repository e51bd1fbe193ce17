// What the work queue's optional loader shows on a cluster when it works (npm run verify): it
// completes once it has loaded the queue and the consumers have taken every item.
import { jobComplete, outcomes } from '../src/verify/checks';
import { WorkQueueLoader } from './work-queue-loader';

export const WORK_QUEUE_LOADER_OUTCOMES = outcomes(WorkQueueLoader, (loader) => [
  jobComplete(loader.name, `kubectl logs -f job/${loader.name}`,
    { title: `Job ${loader.name} loaded ${loader.settings.workItems} items and saw them taken (complete)` }),
]);
