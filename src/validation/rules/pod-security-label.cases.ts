import { CorpusCase, NS } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'Namespace without an enforce level',
    breakIt: (o) => {
      o[0].metadata.labels = {};
    },
    expected: {
      rule: 'pod-security-label',
      object: `Namespace/${NS}`,
      path: 'metadata.labels.pod-security.kubernetes.io/enforce',
      value: undefined,
    },
  },
];
