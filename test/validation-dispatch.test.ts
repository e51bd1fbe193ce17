// Rule.kinds drives dispatch, as kube-linter dispatches its checks on object kinds: a rule sees the
// objects of its kinds only, looks up those of Rule.looksUp by name or label, and cannot report on
// any other object.
import * as path from 'path';
import { base, CorpusCase, NS } from '../src/validation/corpus';
import { RULES } from '../src/validation/rules';
import type { Bundle, Rule } from '../src/validation/types';
import { validateBundle } from '../src/validation/validate';
import type { Json } from '../src/json';

const RULES_DIR = path.join(__dirname, '..', 'src', 'validation', 'rules');
const bundleOf = (objects: Json[]) => objects.map((manifest) => ({ manifest }));

/** What `rule` sees when the runner gives it `objects`. */
function seenBy(rule: Omit<Rule, 'check'>, objects: Json[]) {
  let seen: Bundle | undefined;
  validateBundle(bundleOf(objects), {
    rules: [
      {
        ...rule,
        check: (b) => {
          seen = b;
          return [];
        },
      },
    ],
  });
  return seen!;
}

const kindsOf = (list: ReadonlyArray<{ manifest: Json }>) => [...new Set(list.map((o) => o.manifest.kind))];

describe('dispatch on kinds', () => {
  const rule = { id: 'jobs-only', description: 'a rule of Jobs', remediation: '-', kinds: ['Job'] };

  test('a rule of kinds [Job] sees the Jobs, and no Deployment however it asks', () => {
    const b = seenBy(rule, base());
    expect(kindsOf(b.objects)).toEqual(['Job']);
    expect(b.podTemplates.map((t) => t.object.manifest.kind)).toEqual(['Job']);
    expect(b.ofKind('Job').map((o) => o.manifest.metadata.name)).toEqual(['once']);
    expect(b.ofKind('Deployment')).toEqual([]);
    expect(b.get('Deployment', NS, 'web')).toBeUndefined();
    expect(b.get('Namespace', undefined, NS)).toBeUndefined();
    expect(b.templatesWithLabel(NS, 'app', 'web')).toEqual([]);
    expect(b.get('Job', NS, 'once')?.manifest.kind).toEqual('Job');
  });

  test('kinds it looks up are found by name and label, never listed', () => {
    const b = seenBy({ ...rule, kinds: ['Service'], looksUp: ['Deployment', 'Namespace'] }, base());
    expect(kindsOf(b.objects)).toEqual(['Service']);
    expect(b.podTemplates).toEqual([]);
    expect(b.ofKind('Deployment')).toEqual([]);
    expect(b.get('Deployment', NS, 'web')?.manifest.kind).toEqual('Deployment');
    expect(b.get('Namespace', undefined, NS)?.manifest.kind).toEqual('Namespace');
    expect(b.templatesWithLabel(NS, 'app', 'web').map((t) => t.object.manifest.kind)).toEqual(['Deployment']);
    expect(b.templatesWithLabel(NS, 'app', 'db')).toEqual([]);
  });

  test('`*` is every kind: the rule gets the whole bundle', () => {
    const objects = base();
    const b = seenBy({ ...rule, kinds: ['*'] }, objects);
    expect(b.objects.map((o) => o.manifest)).toEqual(objects);
    expect(b.get('Deployment', NS, 'web')).toBeDefined();
  });

  test('keeps bundle order', () => {
    const b = seenBy({ ...rule, kinds: ['CronJob', 'Deployment', 'Job'] }, base());
    expect(b.objects.map((o) => o.manifest.kind)).toEqual(['Deployment', 'Job', 'CronJob']);
    expect(b.podTemplates.map((t) => t.object.manifest.kind)).toEqual(['Deployment', 'Job', 'CronJob']);
  });

  test('a finding on an object outside its kinds is reported as a bug of the rule, and nothing else of it', () => {
    const objects = bundleOf(base());
    const deployment = objects.find((o) => o.manifest.kind === 'Deployment')!;
    const job = objects.find((o) => o.manifest.kind === 'Job')!;
    const sneaky: Rule = {
      ...rule,
      check: () => [
        { object: job, path: 'spec', value: 1, expected: 'x' },
        { object: deployment, path: 'spec', value: 1, expected: 'x' },
      ],
    };
    const report = validateBundle(objects, { rules: [sneaky] });
    expect(report.errors.map((f) => [f.rule, f.object, f.value, f.expected])).toEqual([
      [
        'jobs-only',
        '(bundle)',
        `rule jobs-only reported Deployment/${NS}/web, not of its kinds Job`,
        "findings on objects of the rule's kinds only (a bug of the rule)",
      ],
    ]);
  });

  test('a local rule sees the distinct objects of its kinds, then (on a finding) all of them', () => {
    const objects = [...base(), ...JSON.parse(JSON.stringify(base()).replace(/"corpus"/g, '"corpus-2"'))];
    objects
      .filter((o) => o.kind === 'Job')
      .forEach((o) => {
        o.spec.template.spec.restartPolicy = 'Always';
      });
    const seen: string[][] = [];
    const local: Rule = {
      ...rule,
      local: true,
      check: (b) => {
        seen.push(b.objects.map((o) => `${o.manifest.kind}/${o.manifest.metadata.namespace}`));
        return b.objects.map((o) => ({ object: o, path: 'spec', value: 1, expected: 'x' }));
      },
    };
    const report = validateBundle(bundleOf(objects), { rules: [local] });
    expect(seen).toEqual([[`Job/${NS}`], [`Job/${NS}`, 'Job/corpus-2']]);
    expect(report.errors.map((f) => f.object)).toEqual([`Job/${NS}/once`, 'Job/corpus-2/once']);
  });

  test('every rule of RULES sees the objects of its kinds only, on the base bundle and on every case of the corpus', () => {
    const cases: CorpusCase[] = RULES.flatMap((r) => require(path.join(RULES_DIR, `${r.id}.cases`)).cases);
    const strays: string[] = [];
    const watching = RULES.map((r): Rule => ({
      ...r,
      check: (b) => {
        if (!r.kinds.includes('*')) {
          for (const o of [...b.objects, ...b.podTemplates.map((t) => t.object)]) {
            if (!r.kinds.includes(o.manifest?.kind)) strays.push(`${r.id} saw ${o.manifest?.kind}`);
          }
        }
        return r.check(b);
      },
    }));
    for (const c of [{ breakIt: () => undefined }, ...cases]) {
      const objects = base();
      validateBundle(bundleOf(c.breakIt(objects) ?? objects), { rules: watching });
    }
    expect(strays).toEqual([]);
    // And the kinds are the narrow ones: no rule but those reading every object asks for `*`.
    expect(
      RULES.filter((r) => r.kinds.includes('*'))
        .map((r) => r.id)
        .sort(),
    ).toEqual(['api-limits', 'duplicate-object', 'name-valid', 'namespace-exists', 'schema', 'schema-forward']);
  });
});
