import { POD_TEMPLATE_KINDS } from '../bundle';
import { linksCheckedBy } from '../reference-graph';
import type { Rule } from '../types';

export const serviceSelector: Rule = {
  id: 'service-selector',
  description:
    'every Service selector matches the labels of some pod template in its namespace (else it has no endpoints)',
  remediation: "make the selector equal to labels the pod template carries, or fix the template's labels",
  kinds: ['Service'],
  looksUp: POD_TEMPLATE_KINDS,
  check(bundle) {
    return linksCheckedBy(bundle, 'service-selector')
      .filter((l) => !l.found)
      .map((l) => ({
        object: l.from,
        path: l.path,
        value: l.from.manifest.spec?.selector,
        expected: `labels of a pod template in namespace ${l.target.namespace}`,
      }));
  },
};
