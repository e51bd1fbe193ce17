import { CorpusCase, NS, pod } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'serviceAccountName that does not exist',
    breakIt: (o) => {
      pod(o, 'Deployment', 'web').serviceAccountName = 'writer';
    },
    expected: {
      rule: 'ref-service-account',
      object: `Deployment/${NS}/web`,
      path: 'spec.template.spec.serviceAccountName',
      value: 'writer',
    },
  },
];
