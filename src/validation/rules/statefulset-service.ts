import type { Rule } from '../types';

export const statefulSetService: Rule = {
  id: 'statefulset-service',
  description: "a StatefulSet's serviceName is a headless Service (clusterIP: None) of the bundle, else its pods get no stable DNS names",
  remediation: 'add a Service with clusterIP: None and the StatefulSet\'s serviceName to the same namespace',
  kinds: ['StatefulSet'],
  check(bundle) {
    return bundle.ofKind('StatefulSet').flatMap((object) => {
      const m = object.manifest;
      const name = m.spec?.serviceName;
      const svc = name ? bundle.get('Service', m.metadata?.namespace, name) : undefined;
      if (svc && svc.manifest.spec?.clusterIP === 'None') return [];
      return [{ object, path: 'spec.serviceName', value: name, expected: svc ? `Service ${name} to be headless (clusterIP: None)` : `a headless Service defined in the bundle in namespace ${m.metadata?.namespace}` }];
    });
  },
};
