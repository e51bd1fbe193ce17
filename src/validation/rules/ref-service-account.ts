import { POD_TEMPLATE_KINDS } from '../bundle';
import type { Rule } from '../types';

export const refServiceAccount: Rule = {
  id: 'ref-service-account',
  description: 'every serviceAccountName is `default` or a ServiceAccount of the bundle (else the pod is never created)',
  remediation: 'add the ServiceAccount to the same namespace, or fix the name',
  kinds: POD_TEMPLATE_KINDS,
  check(bundle) {
    return bundle.podTemplates.flatMap((t) => {
      const name = t.spec.serviceAccountName ?? t.spec.serviceAccount;
      if (name === undefined || name === 'default' || bundle.get('ServiceAccount', t.namespace, name)) return [];
      return [{ object: t.object, path: `${t.specPath}.serviceAccountName`, value: name, expected: `default or a ServiceAccount defined in the bundle in namespace ${t.namespace}` }];
    });
  },
};
