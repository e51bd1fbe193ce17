// What exercise 4 shows on a cluster when it works (npm run verify).
import { endsWith, jobComplete, jobLog, outcomes } from '../src/verify/checks';
import { ConfigVolumeJob } from './config-volume-job';

export const CONFIG_VOLUME_JOB_OUTCOMES = outcomes(ConfigVolumeJob, (job) => [
  jobComplete(job.jobName, `kubectl logs job/${job.jobName}`),
  // The last file it cats is the mounted username.
  jobLog(job.jobName, `kubectl logs job/${job.jobName}`, endsWith(job.login.username)),
]);
