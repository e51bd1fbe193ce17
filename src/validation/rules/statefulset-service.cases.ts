import { CorpusCase, NS, find } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'StatefulSet serviceName missing from the bundle',
    breakIt: (o) => {
      find(o, 'StatefulSet', 'db').spec.serviceName = 'ss-db';
    },
    expected: { rule: 'statefulset-service', object: `StatefulSet/${NS}/db`, path: 'spec.serviceName', value: 'ss-db' },
  },
  {
    name: 'StatefulSet serviceName that is not headless',
    breakIt: (o) => {
      delete find(o, 'Service', 'db').spec.clusterIP;
    },
    expected: { rule: 'statefulset-service', object: `StatefulSet/${NS}/db`, path: 'spec.serviceName', value: 'db' },
  },
];
