import { CorpusCase, NS, find } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'cron schedule with a seconds field',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').spec.schedule = '0 */5 * * * *';
    },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '0 */5 * * * *' },
  },
  {
    name: 'cron schedule with minute 61',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').spec.schedule = '61 * * * *';
    },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '61 * * * *' },
  },
  {
    name: 'cron schedule @reboot',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').spec.schedule = '@reboot';
    },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '@reboot' },
  },
  {
    name: 'cron schedule with L (cron-parser accepts it, the CronJob controller does not)',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').spec.schedule = '0 0 L * *';
    },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '0 0 L * *' },
  },
  {
    name: 'cron schedule with # (nth weekday)',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').spec.schedule = '0 0 * * 1#2';
    },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '0 0 * * 1#2' },
  },
];
