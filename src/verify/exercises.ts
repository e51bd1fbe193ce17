// Every exercise's outcomes declaration (lib/<exercise>.outcomes.ts). A test fails when an
// exercise in lib/workshop.ts has none here.
import { CONFIG_VOLUME_JOB_OUTCOMES } from '../../lib/config-volume-job.outcomes';
import { CRON_PATTERN_OUTCOMES } from '../../lib/cron-pattern.outcomes';
import { DEMO_JOB_OUTCOMES } from '../../lib/demo-job.outcomes';
import { FACTORIAL_OUTCOMES } from '../../lib/factorial.outcomes';
import { HEARTBEAT_CRON_OUTCOMES } from '../../lib/heartbeat-cron.outcomes';
import { ONESHOT_OUTCOMES } from '../../lib/oneshot.outcomes';
import { PARALLEL_OUTCOMES } from '../../lib/parallel.outcomes';
import { PROBES_OUTCOMES } from '../../lib/probes.outcomes';
import { SERVICE_ACCOUNTS_OUTCOMES } from '../../lib/service-accounts.outcomes';
import { SHARED_CONFIG_JOBS_OUTCOMES } from '../../lib/shared-config-jobs.outcomes';
import { TRACE_JOB_OUTCOMES } from '../../lib/trace-job.outcomes';
import { VOTING_APP_OUTCOMES } from '../../lib/voting-app.outcomes';
import { WORK_QUEUE_OUTCOMES } from '../../lib/work-queue.outcomes';
import type { ExerciseOutcomes } from './checks';

export const EXERCISE_OUTCOMES: ReadonlyArray<ExerciseOutcomes<any>> = [
  VOTING_APP_OUTCOMES,
  TRACE_JOB_OUTCOMES,
  SHARED_CONFIG_JOBS_OUTCOMES,
  CONFIG_VOLUME_JOB_OUTCOMES,
  HEARTBEAT_CRON_OUTCOMES,
  SERVICE_ACCOUNTS_OUTCOMES,
  ONESHOT_OUTCOMES,
  PARALLEL_OUTCOMES,
  WORK_QUEUE_OUTCOMES,
  FACTORIAL_OUTCOMES,
  PROBES_OUTCOMES,
  DEMO_JOB_OUTCOMES,
  CRON_PATTERN_OUTCOMES,
];
