// Field paths, written once: the segments of a JSON pointer (what ajv reports) and the dotted form
// messages show (`spec.template.spec.containers[0].image`).

/** The segments of JSON pointer `pointer` (`/a~1b/0` -> `['a/b', '0']`; `''` -> `[]`). */
export function pointerSegments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['spec', 'containers', 0, 'image']` -> `spec.containers[0].image`: numbers index lists. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}
