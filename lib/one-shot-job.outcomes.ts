// What the one-shot Job pattern shows on a cluster when it works (npm run verify).
import { jobComplete, jobFailedAfterRetries, outcomes } from '../src/verify/checks';
import { OneShotJob } from './one-shot-job';

export const ONE_SHOT_JOB_OUTCOMES = outcomes(OneShotJob, (job) => [
  jobComplete(job.jobName, `kubectl describe jobs ${job.jobName}`),
  ...job.failingJobName === undefined ? [] : [
    jobFailedAfterRetries(job.failingJobName, `kubectl get pods -w -l job-name=${job.failingJobName}`, job.failingBackoffLimit),
  ],
]);
