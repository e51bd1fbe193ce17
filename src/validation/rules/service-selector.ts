import type { Rule } from '../types';
import { matches } from './selectors';

export const serviceSelector: Rule = {
  id: 'service-selector',
  description: 'every Service selector matches the labels of some pod template in its namespace (else it has no endpoints)',
  remediation: 'make the selector equal to labels the pod template carries, or fix the template\'s labels',
  kinds: ['Service'],
  check(bundle) {
    return bundle.ofKind('Service').flatMap((object) => {
      const m = object.manifest;
      const selector = m.spec?.selector;
      if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0 || m.spec?.type === 'ExternalName') return [];
      // Only the templates carrying the selector's first label can match: looked up, not scanned.
      const [key, value] = Object.entries(selector)[0];
      const matched = bundle.templatesWithLabel(m.metadata?.namespace, key, String(value)).some((t) => matches(selector, t.labels));
      return matched ? [] : [{ object, path: 'spec.selector', value: selector, expected: `labels of a pod template in namespace ${m.metadata?.namespace}` }];
    });
  },
};
