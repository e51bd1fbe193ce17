import { CorpusCase, NS, find } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'two Services on the same nodePort',
    breakIt: (o) => {
      for (const n of ['web', 'db']) Object.assign(find(o, 'Service', n).spec.ports[0], { nodePort: 31000 });
      find(o, 'Service', 'web').spec.type = 'NodePort';
    },
    expected: { rule: 'node-port-unique', object: `Service/${NS}/db`, path: 'spec.ports[0].nodePort', value: 31000 },
  },
];
