import { linksCheckedBy } from '../reference-graph';
import type { Rule } from '../types';

export const statefulSetService: Rule = {
  id: 'statefulset-service',
  description:
    "a StatefulSet's serviceName is a headless Service (clusterIP: None) of the bundle, else its pods get no stable DNS names",
  remediation: "add a Service with clusterIP: None and the StatefulSet's serviceName to the same namespace",
  kinds: ['StatefulSet'],
  looksUp: ['Service'],
  check(bundle) {
    return linksCheckedBy(bundle, 'statefulset-service').flatMap((l) => {
      const name = l.target.name;
      const svc = l.found ? bundle.get('Service', l.target.namespace, name!) : undefined;
      if (svc && svc.manifest.spec?.clusterIP === 'None') return [];
      return [
        {
          object: l.from,
          path: l.path,
          value: name,
          expected: svc
            ? `Service ${name} to be headless (clusterIP: None)`
            : `a headless Service defined in the bundle in namespace ${l.target.namespace}`,
        },
      ];
    });
  },
};
