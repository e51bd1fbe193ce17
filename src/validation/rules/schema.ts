import { K8S_1_27 } from '../../k8s/openapi';
import type { Bundle, FindingDraft, Rule } from '../types';
import { schemaFindings } from '../extract/schema-check';

/** The 1.27 findings of a bundle, kept so schema-forward can leave out what this rule reports. */
const findingsOf = new WeakMap<Bundle, FindingDraft[]>();

export function schema127(bundle: Bundle): FindingDraft[] {
  let found = findingsOf.get(bundle);
  if (!found) {
    found = schemaFindings(K8S_1_27, bundle);
    findingsOf.set(bundle, found);
  }
  return found;
}

export const schema: Rule = {
  id: 'schema',
  description:
    'every object matches the Kubernetes 1.27 OpenAPI schema strictly: served apiVersion/kind, no unknown fields, right types and integer ranges, required fields, enum values (the API server rejects the object otherwise)',
  remediation: 'fix the field the finding names; "did you mean" lists the fields the schema knows at that place',
  kinds: ['*'],
  check: schema127,
};
