import { CorpusCase, NS, pod, resources } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'container without a memory limit',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].resources = { requests: resources.requests };
    },
    expected: {
      rule: 'resources',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].resources.limits.memory',
      value: undefined,
    },
  },
  {
    name: 'container without a CPU request',
    breakIt: (o) => {
      pod(o, 'CronJob', 'tick').containers[0].resources = { requests: { memory: '16Mi' }, limits: { memory: '32Mi' } };
    },
    expected: {
      rule: 'resources',
      object: `CronJob/${NS}/tick`,
      path: 'spec.jobTemplate.spec.template.spec.containers[0].resources.requests.cpu',
      value: undefined,
    },
  },
  {
    name: 'resource quantity that does not parse',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].resources = { ...resources, requests: { cpu: '10 cores', memory: '16Mi' } };
    },
    expected: {
      rule: 'resources',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].resources.requests.cpu',
      value: '10 cores',
    },
  },
];
