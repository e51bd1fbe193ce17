import { CRON_SCHEDULE_DESCRIPTION, cronScheduleProblem } from '../../k8s/cron';
import { shownProblem } from '../../prop-checks';
import type { Rule } from '../types';

export const cronSchedule: Rule = {
  id: 'cron-schedule',
  description:
    'every CronJob schedule is one the CronJob controller parses (robfig/cron: five fields or a macro; no L, W, # or seconds)',
  remediation:
    'write the schedule as five fields (minute hour day-of-month month day-of-week) or a macro such as @hourly; put a time zone in spec.timeZone',
  kinds: ['CronJob'],
  local: true,
  check(bundle) {
    return bundle.ofKind('CronJob').flatMap((object) => {
      const schedule = object.manifest.spec?.schedule;
      const problem = typeof schedule === 'string' ? cronScheduleProblem(schedule) : 'not a string';
      return problem === undefined
        ? []
        : [
            {
              object,
              path: 'spec.schedule',
              value: schedule,
              expected: `${CRON_SCHEDULE_DESCRIPTION}; ${shownProblem(problem)}`,
            },
          ];
    });
  },
};
