import type { Rule } from '../types';
import { LEVELS } from '../extract/pod-security-controls';

export const podSecurityLabel: Rule = {
  id: 'pod-security-label',
  description: 'every Namespace carries a valid pod-security.kubernetes.io/enforce level',
  remediation: 'label the Namespace pod-security.kubernetes.io/enforce with privileged, baseline or restricted',
  kinds: ['Namespace'],
  check(bundle) {
    return bundle.ofKind('Namespace').flatMap((object) => {
      const level = object.manifest.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      return LEVELS.includes(level)
        ? []
        : [
            {
              object,
              path: 'metadata.labels.pod-security.kubernetes.io/enforce',
              value: level,
              expected: 'privileged, baseline or restricted',
            },
          ];
    });
  },
};
