import { POD_TEMPLATE_KINDS } from '../bundle';
import { linksCheckedBy } from '../reference-graph';
import type { Rule } from '../types';

export const volumeMountSource: Rule = {
  id: 'volume-mount-source',
  description: 'every volumeMount names a volume of its pod, or a volumeClaimTemplate of its StatefulSet',
  remediation: "add the volume to the pod (or the claim template to the StatefulSet), or fix the mount's name",
  kinds: POD_TEMPLATE_KINDS,
  check(bundle) {
    return linksCheckedBy(bundle, 'volume-mount-source')
      .filter((l) => !l.found)
      .map((l) => ({
        object: l.from,
        path: l.path,
        value: l.target.name,
        expected: `one of the pod's volumes or claim templates: ${l.choices?.join(', ') || '(none)'}`,
      }));
  },
};
