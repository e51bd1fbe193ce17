import { linksCheckedBy } from '../reference-graph';
import type { FindingDraft, Rule } from '../types';

export const refRoleBinding: Rule = {
  id: 'ref-role-binding',
  description:
    'every RoleBinding/ClusterRoleBinding roleRef and ServiceAccount subject exists in the bundle (or is built in)',
  remediation: "define the Role or ServiceAccount the binding names, in the binding's namespace, or fix the name",
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  looksUp: ['Role', 'ClusterRole', 'ServiceAccount'],
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const link of linksCheckedBy(bundle, 'ref-role-binding')) {
      if (link.found) continue;
      const ns = link.from.manifest.metadata?.namespace;
      const expected = link.path.startsWith('subjects')
        ? `a ServiceAccount defined in the bundle in namespace ${link.target.namespace}`
        : `a ${link.target.kind} defined in the bundle${link.from.manifest.roleRef?.kind === 'Role' ? ` in namespace ${ns}` : ' or a built-in ClusterRole'}`;
      findings.push({ object: link.from, path: link.path, value: link.target.name, expected });
    }
    for (const object of bundle.ofKind('RoleBinding')) {
      const ref = object.manifest.roleRef ?? {};
      if (ref.kind === 'Role' && ref.apiGroup !== 'rbac.authorization.k8s.io') {
        findings.push({ object, path: 'roleRef.apiGroup', value: ref.apiGroup, expected: 'rbac.authorization.k8s.io' });
      }
    }
    return findings;
  },
};
