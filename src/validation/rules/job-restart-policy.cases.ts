import { CorpusCase, NS, pod } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'Job with restartPolicy Always',
    breakIt: (o) => {
      pod(o, 'Job', 'once').restartPolicy = 'Always';
    },
    expected: {
      rule: 'job-restart-policy',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.restartPolicy',
      value: 'Always',
    },
  },
  {
    name: 'CronJob with no restartPolicy (defaults to Always)',
    breakIt: (o) => {
      delete pod(o, 'CronJob', 'tick').restartPolicy;
    },
    expected: {
      rule: 'job-restart-policy',
      object: `CronJob/${NS}/tick`,
      path: 'spec.jobTemplate.spec.template.spec.restartPolicy',
      value: undefined,
    },
  },
];
