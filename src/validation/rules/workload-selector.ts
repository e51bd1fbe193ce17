import type { FindingDraft, Rule } from '../types';
import { matches, matchExpressions } from '../extract/selectors';

const KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job'];

export const workloadSelector: Rule = {
  id: 'workload-selector',
  description: 'every workload selector matches its own pod template (the API server rejects it otherwise)',
  remediation: 'give the pod template the labels the selector asks for',
  kinds: KINDS,
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const kind of KINDS) {
      for (const object of bundle.ofKind(kind)) {
        const spec = object.manifest.spec ?? {};
        const selector = spec.selector;
        if (!selector) {
          if (kind !== 'Job')
            findings.push({
              object,
              path: 'spec.selector',
              value: undefined,
              expected: 'a selector matching spec.template.metadata.labels',
            });
          continue;
        }
        const labels = spec.template?.metadata?.labels ?? {};
        if (
          !matches(selector.matchLabels ?? {}, labels) ||
          !matchExpressions(selector.matchExpressions ?? [], labels)
        ) {
          findings.push({
            object,
            path: 'spec.selector',
            value: selector,
            expected: `a selector matching spec.template.metadata.labels ${JSON.stringify(labels)}`,
          });
        }
      }
    }
    return findings;
  },
};
