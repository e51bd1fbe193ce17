import { POD_TEMPLATE_KINDS } from '../bundle';
import type { FindingDraft, Rule } from '../types';

export const runAsNonRootUser: Rule = {
  id: 'run-as-non-root-user',
  description:
    'runAsNonRoot comes with a numeric non-zero runAsUser, else the kubelet cannot verify a named image user and refuses to start the container',
  remediation: 'set runAsUser to the numeric uid the image runs as (65534 when it needs no user of its own)',
  kinds: POD_TEMPLATE_KINDS,
  local: true,
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const t of bundle.podTemplates) {
      const pod = t.spec.securityContext ?? {};
      for (const { container, path } of t.containers) {
        const sc = container.securityContext ?? {};
        if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) continue;
        const user = sc.runAsUser ?? pod.runAsUser;
        if (user === 0) {
          findings.push({
            object: t.object,
            path: `${path}.securityContext.runAsUser`,
            value: user,
            expected: 'a non-zero user id: runAsNonRoot with user 0 never starts',
          });
        } else if (!Number.isInteger(user)) {
          findings.push({
            object: t.object,
            path: `${path}.securityContext.runAsUser`,
            value: user,
            expected: 'a numeric non-root runAsUser next to runAsNonRoot: true',
          });
        }
      }
    }
    return findings;
  },
};
