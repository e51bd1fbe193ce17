// Every Pod Security control has a broken case and a passing case among the pod-security rule's
// corpus cases (src/validation/rules/pod-security.cases.ts), and each case goes through the control
// it names: a broken case's finding is one that control makes, a passing case's change is read by
// that control (at its namespace's level) and passes it.
import { makeBundle } from '../src/validation/bundle';
import { base, CorpusCase } from '../src/validation/corpus';
import { CONTROLS, controlsFor, Level } from '../src/validation/extract/pod-security-controls';
import { cases } from '../src/validation/rules/pod-security.cases';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/** Each pod template of the case's bundle, with its namespace's level. */
function templatesOf(c: CorpusCase) {
  const objects = base();
  const bundle = makeBundle((c.breakIt(objects) ?? objects).map((manifest) => ({ manifest })));
  return bundle.podTemplates.map((t) => ({
    t,
    level: bundle.get('Namespace', undefined, t.namespace!)?.manifest.metadata.labels[ENFORCE] as Level,
  }));
}

describe('Pod Security controls', () => {
  test('there are 17, with distinct ids', () => {
    expect(CONTROLS.length).toEqual(17);
    expect(new Set(CONTROLS.map((c) => c.id)).size).toEqual(17);
  });

  test('every pod-security case names a control', () => {
    expect(cases.filter((c) => !CONTROLS.some((k) => k.id === c.control)).map((c) => c.name)).toEqual([]);
  });

  test.each(CONTROLS.map((k) => [k.id]))('%s has a broken case and a passing case', (id) => {
    const of = cases.filter((c) => c.control === id);
    expect({ broken: of.some((c) => c.expected !== null), passing: of.some((c) => c.expected === null) }).toEqual({
      broken: true,
      passing: true,
    });
  });

  test.each(cases.filter((c) => c.expected !== null).map((c) => [c.name, c] as const))(
    'broken "%s": its finding is one its control makes',
    (_, c) => {
      const control = CONTROLS.find((k) => k.id === c.control)!;
      const made = templatesOf(c).flatMap(({ t, level }) =>
        controlsFor(level).includes(control) ? control.check(t).map((v) => v.path) : [],
      );
      expect(made).toContain(c.expected!.path);
    },
  );

  test.each(cases.filter((c) => c.expected === null).map((c) => [c.name, c] as const))(
    'passing "%s": its control applies and passes',
    (_, c) => {
      const control = CONTROLS.find((k) => k.id === c.control)!;
      const templates = templatesOf(c);
      expect(templates.every(({ level }) => controlsFor(level).includes(control))).toBe(true);
      expect(templates.flatMap(({ t }) => control.check(t))).toEqual([]);
    },
  );
});
