import { CorpusCase, find, pod, webContainer } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'object in a namespace the bundle does not create',
    breakIt: (o) => {
      o.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'extra', namespace: 'elsewhere' } });
    },
    expected: {
      rule: 'namespace-exists',
      object: 'ServiceAccount/elsewhere/extra',
      path: 'metadata.namespace',
      value: 'elsewhere',
    },
  },
  {
    name: 'object without a namespace',
    breakIt: (o) => {
      delete find(o, 'Secret', 'login').metadata.namespace;
      pod(o, 'Deployment', 'web').volumes.pop();
      webContainer(o).volumeMounts.pop();
      webContainer(o).env.pop();
    },
    expected: {
      rule: 'namespace-exists',
      object: 'Secret/(no namespace)/login',
      path: 'metadata.namespace',
      value: undefined,
    },
  },
];
