import { CorpusCase, find, NS } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'Service selector matching no pod',
    breakIt: (o) => {
      find(o, 'Service', 'web').spec.selector = { app: 'voting-result' };
    },
    expected: {
      rule: 'service-selector',
      object: `Service/${NS}/web`,
      path: 'spec.selector',
      value: { app: 'voting-result' },
    },
  },
];
