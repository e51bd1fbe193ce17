import type { FindingDraft, Rule } from '../types';

/** Built-in ClusterRoles every cluster has. */
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

export const refRoleBinding: Rule = {
  id: 'ref-role-binding',
  description: 'every RoleBinding/ClusterRoleBinding roleRef and ServiceAccount subject exists in the bundle (or is built in)',
  remediation: 'define the Role or ServiceAccount the binding names, in the binding\'s namespace, or fix the name',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const object of [...bundle.ofKind('RoleBinding'), ...bundle.ofKind('ClusterRoleBinding')]) {
      const m = object.manifest;
      const ns = m.metadata?.namespace;
      const ref = m.roleRef ?? {};
      const found = ref.kind === 'Role' ? bundle.get('Role', ns, ref.name)
        : ref.kind === 'ClusterRole' ? (bundle.get('ClusterRole', undefined, ref.name) ?? (BUILT_IN_CLUSTER_ROLES.has(ref.name) || String(ref.name).startsWith('system:') ? object : undefined))
          : undefined;
      if (!found) {
        findings.push({ object, path: 'roleRef.name', value: ref.name, expected: `a ${ref.kind ?? 'Role'} defined in the bundle${ref.kind === 'Role' ? ` in namespace ${ns}` : ' or a built-in ClusterRole'}` });
      }
      if (m.kind === 'RoleBinding' && ref.kind === 'Role' && ref.apiGroup !== 'rbac.authorization.k8s.io') {
        findings.push({ object, path: 'roleRef.apiGroup', value: ref.apiGroup, expected: 'rbac.authorization.k8s.io' });
      }
      (Array.isArray(m.subjects) ? m.subjects : []).forEach((s: any, i: number) => {
        if (s?.kind !== 'ServiceAccount' || s.name === 'default') return;
        const subjectNs = s.namespace ?? ns;
        if (!bundle.get('ServiceAccount', subjectNs, s.name)) {
          findings.push({ object, path: `subjects[${i}].name`, value: s.name, expected: `a ServiceAccount defined in the bundle in namespace ${subjectNs}` });
        }
      });
    }
    return findings;
  },
};
