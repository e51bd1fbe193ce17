import { parseQuantity, QUANTITY } from '../../k8s/grammar';
import { POD_TEMPLATE_KINDS } from '../bundle';
import type { FindingDraft, Rule } from '../types';

export const resources: Rule = {
  id: 'resources',
  description: 'every container requests CPU and memory and has a memory limit, so the workshop fits a small cluster',
  remediation:
    'give the container explicit requests.cpu, requests.memory and limits.memory (lib/pod-defaults.ts has the sizes)',
  kinds: POD_TEMPLATE_KINDS,
  local: true,
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const t of bundle.podTemplates) {
      for (const { container, path } of t.containers) {
        const r = container.resources ?? {};
        for (const [field, value] of [
          ['requests.cpu', r.requests?.cpu],
          ['requests.memory', r.requests?.memory],
          ['limits.memory', r.limits?.memory],
        ] as const) {
          const amount = parseQuantity(value);
          if (value === undefined) {
            findings.push({
              object: t.object,
              path: `${path}.resources.${field}`,
              value,
              expected: 'an explicit quantity',
            });
          } else if (amount === undefined || amount < 0) {
            findings.push({
              object: t.object,
              path: `${path}.resources.${field}`,
              value,
              expected: `a non-negative quantity (${QUANTITY.description})`,
            });
          }
        }
      }
    }
    return findings;
  },
};
