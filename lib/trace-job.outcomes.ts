// What exercise 2 shows on a cluster when it works (npm run verify).
import { jobComplete, outcomes } from '../src/verify/checks';
import { TraceJob } from './trace-job';

export const TRACE_JOB_OUTCOMES = outcomes(TraceJob, (job) => [
  jobComplete(job.name, `kubectl describe job ${job.name}`),
]);
