// Namespaces that belong to the cluster itself. The workshop refuses to use one: it would set their
// Pod Security labels, and its clean-up (`kubectl delete ns <namespace>`) would delete them.
import { showValue } from '../show';

/** `default` and `kube-*` belong to the cluster. */
export function isClusterNamespace(namespace: string): boolean {
  return namespace === 'default' || namespace.startsWith('kube-');
}

/** What a refusal of a cluster namespace says, after the field's name. */
export const CLUSTER_NAMESPACE_TEXT = (namespace: string) =>
  `must not be a namespace the cluster itself uses (default, kube-*), got ${showValue(namespace)}: the workshop sets its Pod Security labels and is removed with kubectl delete ns`;
