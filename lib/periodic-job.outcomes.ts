// What the CronJob pattern shows on a cluster when it works (npm run verify). Before its first run
// the CronJob is pending, not failed.
import { cronFired, cronSucceeded, outcomes } from '../src/verify/checks';
import { PeriodicJob } from './periodic-job';

export const PERIODIC_JOB_OUTCOMES = outcomes(PeriodicJob, (cron) => [
  cronFired(cron.name, `kubectl get cronjob ${cron.name}`),
  cronSucceeded(cron.name, 'kubectl get jobs -w'),
]);
