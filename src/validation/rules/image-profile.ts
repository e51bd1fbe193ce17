import { catalogueEntry } from '../../images';
import { POD_TEMPLATE_KINDS } from '../bundle';
import type { Rule } from '../types';
import { containerRefs, contradictions } from '../extract/image-checks';

export const imageProfile: Rule = {
  id: 'image-profile',
  description:
    'a catalogued image gets the user, capabilities and writable paths its Dockerfile and entrypoint need (src/images.ts); otherwise it exits at start',
  remediation:
    'use the security profile src/images.ts names for the image (lib/pod-defaults.ts), or mount a volume where it writes',
  kinds: POD_TEMPLATE_KINDS,
  local: true,
  check: (bundle) =>
    containerRefs(bundle.podTemplates).flatMap((c) => {
      const facts = typeof c.container.image === 'string' ? catalogueEntry(c.container.image) : undefined;
      return facts === undefined ? [] : contradictions(c, facts);
    }),
};
