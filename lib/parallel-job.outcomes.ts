// What the parallel Job pattern shows on a cluster when it works (npm run verify).
import { jobComplete, outcomes } from '../src/verify/checks';
import { ParallelJob } from './parallel-job';

export const PARALLEL_JOB_OUTCOMES = outcomes(ParallelJob, (job) => [
  jobComplete(job.name, `kubectl get job ${job.name}`,
    { completions: job.completions, title: `Job ${job.name} reached ${job.completions}/${job.completions}` }),
]);
