// What exercise 3 shows on a cluster when it works (npm run verify).
import { jobComplete, outcomes } from '../src/verify/checks';
import { SharedConfigJobs } from './shared-config-jobs';

export const SHARED_CONFIG_JOBS_OUTCOMES = outcomes(SharedConfigJobs, (jobs) =>
  jobs.jobNames.map((name) => jobComplete(name, `kubectl logs job/${name}`)));
