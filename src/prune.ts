// The instructor guide's recipe (docs/instructor.md) for keeping a cluster in step with dist/ (`kubectl apply --prune`), made safe.
// Without an allow-list, kubectl prunes its default list of kinds, Namespaces included: every
// workshop Namespace carries the selector's label, so applying one student's file (or the default
// workshop) would delete the other namespaces the selector matches, with all their data. And that
// default list leaves out ServiceAccounts, Roles, RoleBindings, ResourceQuotas and LimitRanges. The
// allow-list below is every namespaced kind synth writes and nothing else: never Namespace, never
// a PersistentVolumeClaim (the votes live in claims the StatefulSet makes).
import { PART_OF_LABEL, PART_OF_VALUE } from '../lib/labels';

/** `group/version/Kind` as kubectl's --prune-allowlist takes it (`core` for the core group). */
export const PRUNE_ALLOWLIST: readonly string[] = [
  'core/v1/ConfigMap',
  'core/v1/Secret',
  'core/v1/Service',
  'core/v1/Pod',
  'core/v1/ServiceAccount',
  'core/v1/ResourceQuota',
  'core/v1/LimitRange',
  'apps/v1/Deployment',
  'apps/v1/ReplicaSet',
  'apps/v1/StatefulSet',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
];

/** The allow-list entry of a manifest's apiVersion and kind. */
export function allowlistEntry(apiVersion: string, kind: string): string {
  return `${apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`}/${kind}`;
}

/** The recipe, one line, as docs/instructor.md prints it. */
export function pruneCommand(files = 'dist/'): string {
  return `kubectl apply -f ${files} --prune -l ${PART_OF_LABEL}=${PART_OF_VALUE} ${PRUNE_ALLOWLIST.map((k) => `--prune-allowlist=${k}`).join(' ')}`;
}
