import { CorpusCase, NS, find } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'Deployment selector not matching its template',
    breakIt: (o) => {
      find(o, 'Deployment', 'web').spec.selector.matchLabels = { app: 'webb' };
    },
    expected: {
      rule: 'workload-selector',
      object: `Deployment/${NS}/web`,
      path: 'spec.selector',
      value: { matchLabels: { app: 'webb' } },
    },
  },
  {
    name: 'StatefulSet selector expression not matching its template',
    breakIt: (o) => {
      find(o, 'StatefulSet', 'db').spec.selector = {
        matchLabels: { app: 'db' },
        matchExpressions: [{ key: 'tier', operator: 'Exists' }],
      };
    },
    expected: {
      rule: 'workload-selector',
      object: `StatefulSet/${NS}/db`,
      path: 'spec.selector',
      value: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
    },
  },
];
