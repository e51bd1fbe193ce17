import { POD_TEMPLATE_KINDS } from '../bundle';
import { linksCheckedBy } from '../reference-graph';
import type { Rule } from '../types';

export const refServiceAccount: Rule = {
  id: 'ref-service-account',
  description:
    'every serviceAccountName is `default` or a ServiceAccount of the bundle (else the pod is never created)',
  remediation: 'add the ServiceAccount to the same namespace, or fix the name',
  kinds: POD_TEMPLATE_KINDS,
  looksUp: ['ServiceAccount'],
  check(bundle) {
    return linksCheckedBy(bundle, 'ref-service-account')
      .filter((l) => !l.found)
      .map((l) => ({
        object: l.from,
        path: l.path,
        value: l.target.name,
        expected: `default or a ServiceAccount defined in the bundle in namespace ${l.target.namespace}`,
      }));
  },
};
