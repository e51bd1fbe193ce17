import { formatFinding } from '../src/show';
import { validateBundle } from '../src/validation/validate';
import type { Level } from '../src/validation/extract/pod-security-controls';
import { NAMESPACE } from './util';
import type { Json } from '../src/json';

/**
 * What synth's validation would report for one exercise's objects, with the workshop Namespace
 * enforcing `level`: one line per finding, so a failing test shows them all. `[]` means every rule
 * (references, run-ability, Pod Security at that level) accepts the objects.
 */
export function validationFindings(objects: Json[], level: Level = 'restricted', namespace = NAMESPACE): string[] {
  const ns = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': level } },
  };
  const report = validateBundle([ns, ...objects].map((manifest) => ({ manifest })));
  return report.errors.map(formatFinding);
}
