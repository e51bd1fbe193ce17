import { CorpusCase, NS, find } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'two objects with the same kind, namespace and name',
    breakIt: (o) => {
      o.push(JSON.parse(JSON.stringify(find(o, 'ServiceAccount', 'reader'))));
    },
    expected: {
      rule: 'duplicate-object',
      object: `ServiceAccount/${NS}/reader`,
      path: 'metadata.name',
      value: 'reader',
    },
  },
];
