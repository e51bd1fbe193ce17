// Annotations the constructs write and the validation rules read: the contract between the two
// layers, kept apart from both.

/**
 * Annotation on an object whose namespace the student creates by hand before applying it (seed
 * 004's `kubectl create ns demo-$USER`); its value is that command. The bundle does not create the
 * namespace, so the command does not collide with it.
 */
export const NAMESPACE_CREATED_BY = 'k8s-workshop/namespace-created-by';

/** The command NAMESPACE_CREATED_BY names for namespace `namespace`: what the student types to create it. */
export function createNamespaceCommand(namespace: string): string {
  return `kubectl create ns ${namespace}`;
}
