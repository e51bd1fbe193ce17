import { POD_TEMPLATE_KINDS } from '../bundle';
import type { FindingDraft, Rule } from '../types';
import { containerRefs, unpinnedReason } from '../extract/image-checks';

export const imagePinned: Rule = {
  id: 'image-pinned',
  description:
    'every image names a version (a tag with a version number, or a digest): :latest, no tag or a tag like :alpine pulls whatever was pushed last',
  remediation:
    'pin the image to a release tag (or a digest) and record it in src/images.ts with what its Dockerfile says',
  kinds: POD_TEMPLATE_KINDS,
  local: true,
  check: (bundle) =>
    containerRefs(bundle.podTemplates).flatMap((c): FindingDraft[] => {
      const image = c.container.image;
      if (typeof image !== 'string') return [];
      const reason = unpinnedReason(image);
      return reason === undefined
        ? []
        : [
            {
              object: c.template.object,
              path: `${c.path}.image`,
              value: image,
              expected: `an image pinned to a version, such as alpine:3.8.5 or name@sha256:... (got ${reason})`,
            },
          ];
    }),
};
