import { CorpusCase, NS, pod, webContainer, WEB } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'volumeMount without a volume',
    breakIt: (o) => {
      webContainer(o).volumeMounts[1].name = 'secrets';
    },
    expected: {
      rule: 'volume-mount-source',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.volumeMounts[1].name`,
      value: 'secrets',
    },
  },
  {
    name: 'StatefulSet mount without a claim template',
    breakIt: (o) => {
      pod(o, 'StatefulSet', 'db').containers[0].volumeMounts[0].name = 'pg-data';
    },
    expected: {
      rule: 'volume-mount-source',
      object: `StatefulSet/${NS}/db`,
      path: 'spec.template.spec.containers[0].volumeMounts[0].name',
      value: 'pg-data',
    },
  },
];
