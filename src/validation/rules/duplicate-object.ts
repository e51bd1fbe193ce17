import { describeObject } from '../bundle';
import type { Rule } from '../types';

export const duplicateObject: Rule = {
  id: 'duplicate-object',
  description: 'no two objects share kind, namespace and name (kubectl would silently keep only the last)',
  remediation: 'rename one of them',
  kinds: ['*'],
  check(bundle) {
    const seen = new Set<string>();
    return bundle.objects.flatMap((object) => {
      const key = describeObject(object);
      if (!seen.has(key)) {
        seen.add(key);
        return [];
      }
      return [
        {
          object,
          path: 'metadata.name',
          value: object.manifest?.metadata?.name,
          expected: `a name not used by another ${object.manifest?.kind} in the namespace`,
        },
      ];
    });
  },
};
