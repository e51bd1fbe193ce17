import { createNamespaceCommand, NAMESPACE_CREATED_BY } from '../../annotations';
import { CLUSTER_SCOPED } from '../bundle';
import type { Rule } from '../types';

export const namespaceExists: Rule = {
  id: 'namespace-exists',
  description: `every namespaced object names its namespace, and the bundle creates that Namespace (or the object's ${NAMESPACE_CREATED_BY} annotation names the command that does)`,
  remediation: 'set metadata.namespace, and add the Namespace to the bundle',
  kinds: ['*'],
  check(bundle) {
    return bundle.objects.flatMap((object) => {
      const m = object.manifest;
      if (!m || typeof m !== 'object' || CLUSTER_SCOPED.has(m.kind)) return [];
      const ns = m.metadata?.namespace;
      if (ns !== undefined && bundle.get('Namespace', undefined, ns)) return [];
      if (ns !== undefined && m.metadata?.annotations?.[NAMESPACE_CREATED_BY] === createNamespaceCommand(ns)) return [];
      return [
        {
          object,
          path: 'metadata.namespace',
          value: ns,
          expected: ns === undefined ? 'an explicit namespace' : 'a Namespace the bundle creates',
        },
      ];
    });
  },
};
