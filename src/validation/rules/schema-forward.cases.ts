import { CorpusCase, NS, webDeployment } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'FlowSchema under flowcontrol v1beta3 (served by 1.27, removed in 1.32)',
    breakIt: (o) => {
      o.push({
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
        kind: 'FlowSchema',
        metadata: { name: 'workshop' },
        spec: { priorityLevelConfiguration: { name: 'global-default' } },
      });
    },
    expected: {
      rule: 'schema-forward',
      object: 'FlowSchema/(no namespace)/workshop',
      path: 'apiVersion',
      value: 'flowcontrol.apiserver.k8s.io/v1beta3',
    },
    says: 'Kubernetes 1.36 serves FlowSchema under: flowcontrol.apiserver.k8s.io/v1',
  },
  {
    name: 'pod resourceClaims source (1.27 alpha field, gone by 1.36)',
    breakIt: (o) => {
      webDeployment(o).spec.template.spec.resourceClaims = [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }];
    },
    expected: {
      rule: 'schema-forward',
      object: `Deployment/${NS}/web`,
      path: 'spec.template.spec.resourceClaims[0].source',
      value: { resourceClaimName: 'gpu' },
    },
    says: 'Kubernetes 1.36 schema',
  },
];
