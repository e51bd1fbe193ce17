// Every exercise's outcomes declaration (lib/<exercise>.outcomes.ts). A test fails when an
// exercise in lib/workshop.ts has none here.
import { CONFIG_VOLUME_JOB_OUTCOMES } from '../../lib/config-volume-job.outcomes';
import { PERIODIC_JOB_OUTCOMES } from '../../lib/periodic-job.outcomes';
import { RETRYING_JOB_OUTCOMES } from '../../lib/retrying-job.outcomes';
import { FACTORIAL_JOB_OUTCOMES } from '../../lib/factorial-job.outcomes';
import { HEARTBEAT_CRON_OUTCOMES } from '../../lib/heartbeat-cron.outcomes';
import { ONE_SHOT_JOB_OUTCOMES } from '../../lib/one-shot-job.outcomes';
import { PARALLEL_JOB_OUTCOMES } from '../../lib/parallel-job.outcomes';
import { PROBES_POD_OUTCOMES } from '../../lib/probes-pod.outcomes';
import { SERVICE_ACCOUNTS_OUTCOMES } from '../../lib/service-accounts.outcomes';
import { SHARED_CONFIG_JOBS_OUTCOMES } from '../../lib/shared-config-jobs.outcomes';
import { TRACE_JOB_OUTCOMES } from '../../lib/trace-job.outcomes';
import { VOTING_APP_OUTCOMES } from '../../lib/voting-app.outcomes';
import { WORK_QUEUE_CONSUMERS_OUTCOMES } from '../../lib/work-queue-consumers.outcomes';
import { WORK_QUEUE_LOADER_OUTCOMES } from '../../lib/work-queue-loader.outcomes';
import { WORK_QUEUE_OUTCOMES } from '../../lib/work-queue.outcomes';
import type { ExerciseOutcomes } from './checks';

export const EXERCISE_OUTCOMES: ReadonlyArray<ExerciseOutcomes<any>> = [
  VOTING_APP_OUTCOMES,
  TRACE_JOB_OUTCOMES,
  SHARED_CONFIG_JOBS_OUTCOMES,
  CONFIG_VOLUME_JOB_OUTCOMES,
  HEARTBEAT_CRON_OUTCOMES,
  SERVICE_ACCOUNTS_OUTCOMES,
  ONE_SHOT_JOB_OUTCOMES,
  PARALLEL_JOB_OUTCOMES,
  WORK_QUEUE_OUTCOMES,
  WORK_QUEUE_CONSUMERS_OUTCOMES,
  WORK_QUEUE_LOADER_OUTCOMES,
  FACTORIAL_JOB_OUTCOMES,
  PROBES_POD_OUTCOMES,
  RETRYING_JOB_OUTCOMES,
  PERIODIC_JOB_OUTCOMES,
];
