import { describeObject } from '../bundle';
import type { FindingDraft, Rule } from '../types';
import type { Json } from '../../json';

export const nodePortUnique: Rule = {
  id: 'node-port-unique',
  description: 'no two Services ask for the same nodePort (the API server rejects the second)',
  remediation: 'give each Service its own nodePort, or leave nodePort out and let the cluster pick one',
  kinds: ['Service'],
  check(bundle) {
    const seen = new Map<number, string>();
    const findings: FindingDraft[] = [];
    for (const object of bundle.ofKind('Service')) {
      (Array.isArray(object.manifest.spec?.ports) ? object.manifest.spec.ports : []).forEach((p: Json, i: number) => {
        if (p?.nodePort === undefined) return;
        const owner = seen.get(p.nodePort);
        if (owner)
          findings.push({
            object,
            path: `spec.ports[${i}].nodePort`,
            value: p.nodePort,
            expected: `a nodePort not already taken by ${owner}`,
          });
        else seen.set(p.nodePort, describeObject(object));
      });
    }
    return findings;
  },
};
