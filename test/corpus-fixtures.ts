// Building blocks of the validation corpora (validation-corpus.test.ts, validation-schema.test.ts):
// objects every rule accepts, in namespace `ns`, for the cases to break one thing at a time.
import type { BundleObject, Rule } from '../src/validation/types';
import { RULES, validateBundle } from '../src/validation/validate';

export function corpusFixtures(ns: string) {
  const meta = (name: string, extra: object = {}) => ({ name, namespace: ns, ...extra });
  const resources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } };
  const secure = {
    runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
  };
  const container = (name: string, extra: object = {}) => ({ name, image: 'alpine:3.8', resources, securityContext: secure, ...extra });
  /** The namespace (enforcing restricted) and ServiceAccount `reader`, allowed to list pods. */
  const namespaceAndReader = (): any[] => [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('reader') },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('reader'), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('reader'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
    },
  ];
  return { meta, resources, secure, container, namespaceAndReader };
}

/** Validates raw objects with `rules` (every rule by default). */
export function corpusReport(objects: any[], rules: Rule[] = RULES) {
  return validateBundle(objects.map((manifest): BundleObject => ({ manifest })), { rules });
}

/** The errors of corpusReport as `{ rule, object, path, value }`, what the cases expect. */
export function corpusFindings(objects: any[], rules: Rule[] = RULES) {
  return corpusReport(objects, rules).errors.map(({ rule, object, path, value }) => ({ rule, object, path, value }));
}
