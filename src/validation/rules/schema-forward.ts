import { K8S_1_36 } from '../../k8s/openapi';
import type { FindingDraft, Rule } from '../types';
import { schema127 } from './schema';
import { schemaFindings } from '../extract/schema-check';

export const schemaForward: Rule = {
  id: 'schema-forward',
  description: `every object valid for Kubernetes 1.27 also matches the newest schema cdk8s publishes (Kubernetes ${K8S_1_36.version}) strictly, so it survives a cluster upgrade: no removed apiVersions or fields, no newly required fields`,
  remediation:
    'move to the apiVersion or field the newer release serves, or record a warning override in workshop.yaml with the reason',
  kinds: ['*'],
  check(bundle) {
    // What 1.27 already reports (a field, or a whole object with a bad apiVersion/kind) is left to `schema`.
    const base = schema127(bundle);
    const brokenObjects = new Set(
      base.filter((f) => f.path === 'apiVersion' || f.path === 'kind').map((f) => f.object),
    );
    const reportedPaths = new Map<unknown, Set<string>>();
    for (const f of base) reportedPaths.set(f.object, (reportedPaths.get(f.object) ?? new Set()).add(f.path));
    const reported = (f: FindingDraft) =>
      brokenObjects.has(f.object) || reportedPaths.get(f.object)?.has(f.path) === true;
    return schemaFindings(K8S_1_36, bundle).filter((f) => !reported(f));
  },
};
