import { CorpusCase, NS, find, pod, webContainer, WEB } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'configMapKeyRef to a missing ConfigMap',
    breakIt: (o) => {
      webContainer(o).env[0].valueFrom.configMapKeyRef.name = 'setings';
    },
    expected: {
      rule: 'ref-configmap',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.env[0].valueFrom.configMapKeyRef.name`,
      value: 'setings',
    },
  },
  {
    name: 'configMapKeyRef to a missing key',
    breakIt: (o) => {
      webContainer(o).env[1].valueFrom.configMapKeyRef.key = 'max-hops';
    },
    expected: {
      rule: 'ref-configmap',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.env[1].valueFrom.configMapKeyRef.key`,
      value: 'max-hops',
    },
  },
  {
    name: 'envFrom a missing ConfigMap',
    breakIt: (o) => {
      webContainer(o).envFrom[0].configMapRef.name = 'other';
    },
    expected: {
      rule: 'ref-configmap',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.envFrom[0].configMapRef.name`,
      value: 'other',
    },
  },
  {
    name: 'configMap volume of a missing ConfigMap',
    breakIt: (o) => {
      pod(o, 'Deployment', 'web').volumes[0].configMap.name = 'nope';
    },
    expected: {
      rule: 'ref-configmap',
      object: `Deployment/${NS}/web`,
      path: 'spec.template.spec.volumes[0].configMap.name',
      value: 'nope',
    },
  },
  {
    name: 'configMap volume item with a missing key',
    breakIt: (o) => {
      pod(o, 'Deployment', 'web').volumes[0].configMap.items[0].key = 'port';
    },
    expected: {
      rule: 'ref-configmap',
      object: `Deployment/${NS}/web`,
      path: 'spec.template.spec.volumes[0].configMap.items[0].key',
      value: 'port',
    },
  },
  {
    name: 'a ConfigMap in another namespace does not count',
    breakIt: (o) => {
      find(o, 'ConfigMap', 'settings').metadata.namespace = 'default';
      o.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'default', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      });
      webContainer(o).env.splice(0, 2);
      webContainer(o).envFrom = [];
      webContainer(o).command = ['true'];
    },
    expected: {
      rule: 'ref-configmap',
      object: `Deployment/${NS}/web`,
      path: 'spec.template.spec.volumes[0].configMap.name',
      value: 'settings',
    },
  },
];
