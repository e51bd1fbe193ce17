// What the work queue's first step shows on a cluster when it works (npm run verify).
import { outcomes, selectedPodReady } from '../src/verify/checks';
import { QUEUE_SELECTOR } from './memq';
import { WorkQueue } from './work-queue';

const selector = Object.entries(QUEUE_SELECTOR).map(([k, v]) => `${k}=${v}`).join(',');

export const WORK_QUEUE_OUTCOMES = outcomes(WorkQueue, (queue) => [
  selectedPodReady(`queue server (ReplicaSet ${queue.name}) Ready`, QUEUE_SELECTOR, `kubectl get pods -l ${selector}`),
]);
