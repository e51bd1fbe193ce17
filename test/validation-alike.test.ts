// src/validation/alike.ts: objects equal but for their namespace. Local rules and the schema rules
// check a class's copies once, so anything else that differs (a label, an annotation, the name)
// must make two objects different, or a finding on the copy is silently dropped.
import { firstAlikes, sameButNamespace } from '../src/validation/alike';
import { base, find, NS } from '../src/validation/corpus';
import { validateBundle } from '../src/validation/validate';
import type { Json } from '../src/json';

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const cm = (namespace?: string, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    ...(namespace === undefined ? {} : { namespace }),
    labels: { app: 'web' },
    annotations: { note: 'a' },
  },
  data: { target: 'google.com' },
  ...extra,
});

describe('sameButNamespace', () => {
  test('objects equal but for their namespace are alike', () => {
    expect(sameButNamespace(cm('a'), cm('b'))).toBe(true);
    expect(sameButNamespace(cm('a'), cm('a'))).toBe(true);
  });

  test.each([
    [
      'a label value',
      (m: Json) => {
        m.metadata.labels.app = 'Web';
      },
    ],
    [
      'an extra label',
      (m: Json) => {
        m.metadata.labels.tier = 'front';
      },
    ],
    [
      'no labels',
      (m: Json) => {
        delete m.metadata.labels;
      },
    ],
    [
      'an annotation value',
      (m: Json) => {
        m.metadata.annotations.note = 'b';
      },
    ],
    [
      'an extra annotation',
      (m: Json) => {
        m.metadata.annotations.other = 'a';
      },
    ],
    [
      'the name',
      (m: Json) => {
        m.metadata.name = 'settings-2';
      },
    ],
    [
      'a metadata field the other lacks',
      (m: Json) => {
        m.metadata.generateName = 'x-';
      },
    ],
    [
      'the kind',
      (m: Json) => {
        m.kind = 'Secret';
      },
    ],
    [
      'the apiVersion',
      (m: Json) => {
        m.apiVersion = 'v2';
      },
    ],
    [
      'a data value',
      (m: Json) => {
        m.data.target = 'example.com';
      },
    ],
    [
      'a top-level field',
      (m: Json) => {
        m.immutable = true;
      },
    ],
    [
      'the order of the metadata keys',
      (m: Json) => {
        const { labels, ...rest } = m.metadata;
        m.metadata = { ...rest, labels };
      },
    ],
  ])('objects that differ in %s are not alike, whatever the namespaces', (_, change) => {
    const other = cm('b');
    change(other);
    expect([
      sameButNamespace(cm('a'), other),
      sameButNamespace(other, cm('a')),
      sameButNamespace(cm('b'), other),
    ]).toEqual([false, false, false]);
  });

  test('without a namespace string in both, only equal objects are alike', () => {
    expect(sameButNamespace(cm(), cm())).toBe(true);
    expect(sameButNamespace(cm('a'), cm())).toBe(false);
    expect(sameButNamespace(cm(), cm('a'))).toBe(false);
    const numeric: Json = cm('a');
    numeric.metadata.namespace = 1;
    expect(sameButNamespace(numeric, cm('b'))).toBe(false);
  });

  test('compares arrays element by element, and NaN with nothing', () => {
    expect(sameButNamespace(cm('a', { list: [1, { x: 2 }] }), cm('b', { list: [1, { x: 2 }] }))).toBe(true);
    expect(sameButNamespace(cm('a', { list: [1, { x: 2 }] }), cm('b', { list: [1, { x: 3 }] }))).toBe(false);
    expect(sameButNamespace(cm('a', { list: [1] }), cm('b', { list: [1, 1] }))).toBe(false);
    expect(sameButNamespace(cm('a', { list: [] }), cm('b', { list: {} }))).toBe(false);
    expect(sameButNamespace(cm('a', { n: NaN }), cm('b', { n: NaN }))).toBe(false);
  });
});

describe('firstAlikes', () => {
  test('maps each copy to the first object alike, and each distinct object to itself', () => {
    const [a, b, c, labelled] = [cm('a'), cm('b'), cm('c'), cm('d')];
    labelled.metadata.labels.app = 'other';
    const found = firstAlikes([a, b, labelled, c, null, 'text']);
    expect([found.get(a), found.get(b), found.get(labelled), found.get(c)]).toEqual([a, a, labelled, a]);
    expect(found.get(b)).toBe(a);
    expect(found.get(labelled)).toBe(labelled);
    expect(found.size).toEqual(4);
  });

  test('a copy of a later variant maps to that variant, not to an earlier one of the same name', () => {
    const variants = [0, 1, 2, 3].map((i) => cm(`ns${i}`, { data: { target: `t${i}` } }));
    const copyOf3 = cm('other', { data: { target: 't3' } });
    const found = firstAlikes([...variants, copyOf3]);
    expect(found.get(copyOf3)).toBe(variants[3]);
  });

  test('keeps at most 4 distinct variants of one name to compare with: a copy of a fifth is checked on its own', () => {
    const variants = [0, 1, 2, 3, 4].map((i) => cm(`ns${i}`, { data: { target: `t${i}` } }));
    const copyOf4 = cm('other', { data: { target: 't4' } });
    const found = firstAlikes([...variants, copyOf4]);
    expect(found.get(copyOf4)).toBe(copyOf4);
  });
});

describe("a class's copies that differ in their metadata are checked on their own", () => {
  /** The base bundle, and a copy of it in namespace `other`, with `change` applied to the copy. */
  function classWith(change: (copy: Json[]) => void) {
    const first = base();
    const second = copy(first).map((o: Json) =>
      o.kind === 'Namespace' ? { ...o, metadata: { ...o.metadata, name: 'other' } } : o,
    );
    for (const o of second) if (o.metadata.namespace === NS) o.metadata.namespace = 'other';
    for (const o of second) for (const s of o.subjects ?? []) s.namespace = 'other';
    change(second);
    return validateBundle([...first, ...second].map((manifest) => ({ manifest }))).errors.map(
      ({ rule, object, path, value }) => ({ rule, object, path, value }),
    );
  }

  test('an unchanged copy has no findings', () => {
    expect(classWith(() => undefined)).toEqual([]);
  });

  test('a bad label on the copy only', () => {
    expect(
      classWith((o) => {
        find(o, 'ConfigMap', 'settings').metadata.labels = { tier: 'bad value' };
      }),
    ).toEqual([
      { rule: 'name-valid', object: 'ConfigMap/other/settings', path: 'metadata.labels.tier', value: 'bad value' },
    ]);
  });

  test('a bad annotation key on the copy only (schema: annotations must be strings)', () => {
    expect(
      classWith((o) => {
        find(o, 'ServiceAccount', 'reader').metadata.annotations = { note: 3 };
      }),
    ).toEqual([{ rule: 'schema', object: 'ServiceAccount/other/reader', path: 'metadata.annotations.note', value: 3 }]);
  });

  test('a bad name on the copy only', () => {
    expect(
      classWith((o) => {
        find(o, 'Job', 'once').metadata.name = 'Once';
      }),
    ).toEqual([{ rule: 'name-valid', object: 'Job/other/Once', path: 'metadata.name', value: 'Once' }]);
  });
});
