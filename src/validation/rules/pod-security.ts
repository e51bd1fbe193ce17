import { POD_TEMPLATE_KINDS } from '../bundle';
import type { FindingDraft, Rule } from '../types';
import { Level, LEVELS, podSecurityViolations } from '../extract/pod-security-controls';

export const podSecurity: Rule = {
  id: 'pod-security',
  description:
    "every pod template meets its namespace's enforced Pod Security level (else the API server refuses its pods)",
  remediation:
    "change the securityContext field the finding names (lib/pod-defaults.ts has a profile per image), or lower the namespace's level in workshop.yaml",
  kinds: POD_TEMPLATE_KINDS,
  looksUp: ['Namespace'],
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const t of bundle.podTemplates) {
      const ns = t.namespace === undefined ? undefined : bundle.get('Namespace', undefined, t.namespace);
      const level = ns?.manifest.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
      if (!LEVELS.includes(level)) continue;
      for (const v of podSecurityViolations(t, level as Level)) findings.push({ object: t.object, ...v });
    }
    return findings;
  },
};
