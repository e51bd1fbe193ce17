import { CorpusCase, find, NS } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'RoleBinding to a missing Role',
    breakIt: (o) => {
      find(o, 'RoleBinding', 'reader').roleRef.name = 'writer';
    },
    expected: { rule: 'ref-role-binding', object: `RoleBinding/${NS}/reader`, path: 'roleRef.name', value: 'writer' },
  },
  {
    name: 'RoleBinding to a ClusterRole that is neither built in nor defined',
    breakIt: (o) => {
      find(o, 'RoleBinding', 'reader').roleRef = {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'pod-reader',
      };
    },
    expected: {
      rule: 'ref-role-binding',
      object: `RoleBinding/${NS}/reader`,
      path: 'roleRef.name',
      value: 'pod-reader',
    },
  },
  {
    name: 'RoleBinding subject that does not exist',
    breakIt: (o) => {
      find(o, 'RoleBinding', 'reader').subjects[0].name = 'readr';
    },
    expected: {
      rule: 'ref-role-binding',
      object: `RoleBinding/${NS}/reader`,
      path: 'subjects[0].name',
      value: 'readr',
    },
  },
];
