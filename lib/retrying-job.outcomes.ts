// What the retrying single-shot task shows on a cluster when it works (npm run verify): either the
// student flipped the ConfigMap and an attempt completed, or every attempt failed as designed.
import { jobCompleteOrExhausted, outcomes } from '../src/verify/checks';
import { RetryingJob } from './retrying-job';

export const RETRYING_JOB_OUTCOMES = outcomes(RetryingJob, (job) => [
  jobCompleteOrExhausted(job.name, 'kubectl get pods --watch', job.backoffLimit + 1),
]);
