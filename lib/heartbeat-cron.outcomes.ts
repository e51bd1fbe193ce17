// What exercise 5 shows on a cluster when it works (npm run verify). Before the minute turns the
// CronJob has not fired: pending, not failed.
import { contains, cronFired, cronLog, outcomes } from '../src/verify/checks';
import { HEARTBEAT_MESSAGE, HeartbeatCron } from './heartbeat-cron';

export const HEARTBEAT_CRON_OUTCOMES = outcomes(HeartbeatCron, (cron) => [
  cronFired(cron.name, `kubectl get cronjob ${cron.name}`),
  cronLog(cron.name, `kubectl logs job/<${cron.name}-NNNN>`, contains(HEARTBEAT_MESSAGE)),
]);
