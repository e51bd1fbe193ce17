import { POD_TEMPLATE_KINDS } from '../bundle';
import type { FindingDraft, Rule } from '../types';

export const volumeMountSource: Rule = {
  id: 'volume-mount-source',
  description: 'every volumeMount names a volume of its pod, or a volumeClaimTemplate of its StatefulSet',
  remediation: 'add the volume to the pod (or the claim template to the StatefulSet), or fix the mount\'s name',
  kinds: POD_TEMPLATE_KINDS,
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const t of bundle.podTemplates) {
      const names = new Set<string>((Array.isArray(t.spec.volumes) ? t.spec.volumes : []).map((v: any) => v?.name));
      const m = t.object.manifest;
      for (const c of m.kind === 'StatefulSet' && Array.isArray(m.spec?.volumeClaimTemplates) ? m.spec.volumeClaimTemplates : []) names.add(c?.metadata?.name);
      for (const { container, path } of t.containers) {
        (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).forEach((mount: any, i: number) => {
          if (!names.has(mount?.name)) {
            findings.push({ object: t.object, path: `${path}.volumeMounts[${i}].name`, value: mount?.name, expected: `one of the pod's volumes or claim templates: ${[...names].join(', ') || '(none)'}` });
          }
        });
      }
    }
    return findings;
  },
};
