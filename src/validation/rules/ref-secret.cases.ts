import { CorpusCase, NS, pod, webContainer, WEB } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'secretKeyRef to a missing Secret',
    breakIt: (o) => {
      webContainer(o).env[2].valueFrom.secretKeyRef.name = 'logins';
    },
    expected: {
      rule: 'ref-secret',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.env[2].valueFrom.secretKeyRef.name`,
      value: 'logins',
    },
  },
  {
    name: 'secretKeyRef to a missing key',
    breakIt: (o) => {
      webContainer(o).env[2].valueFrom.secretKeyRef.key = 'password';
    },
    expected: {
      rule: 'ref-secret',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.env[2].valueFrom.secretKeyRef.key`,
      value: 'password',
    },
  },
  {
    name: 'envFrom a missing Secret',
    breakIt: (o) => {
      webContainer(o).envFrom.push({ secretRef: { name: 'vault' } });
    },
    expected: {
      rule: 'ref-secret',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.envFrom[1].secretRef.name`,
      value: 'vault',
    },
  },
  {
    name: 'secret volume of a missing Secret',
    breakIt: (o) => {
      pod(o, 'Deployment', 'web').volumes[1].secret.secretName = 'pretty-secret';
    },
    expected: {
      rule: 'ref-secret',
      object: `Deployment/${NS}/web`,
      path: 'spec.template.spec.volumes[1].secret.secretName',
      value: 'pretty-secret',
    },
  },
];
