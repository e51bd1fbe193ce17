// The validation corpus: deliberately broken inputs, each with the exact finding it must produce.
// Every rule keeps its cases beside it (src/validation/rules/<id>.cases.ts). Each case starts from
// a bundle that passes every rule (checked first), breaks one thing, and expects exactly one
// finding: rule, object, field path and value. Schema cases run with the two schema rules only,
// since other rules may report the same break too.
import * as fs from 'fs';
import * as path from 'path';
import { base, CorpusCase, find, pod } from '../src/validation/corpus';
import { CASES } from '../src/validation/cases';
import { RULES } from '../src/validation/rules';
import { schema } from '../src/validation/rules/schema';
import { schemaForward } from '../src/validation/rules/schema-forward';
import { validateBundle } from '../src/validation/validate';
import type { Rule } from '../src/validation/types';
import { corpusFindings, corpusReport } from './corpus-fixtures';
import type { Json } from '../src/json';

const RULES_DIR = path.join(__dirname, '..', 'src', 'validation', 'rules');
const casesOf = (id: string): CorpusCase[] => require(path.join(RULES_DIR, `${id}.cases`)).cases;
const rulesFor = (id: string) => (id === 'schema' || id === 'schema-forward' ? [schema, schemaForward] : RULES);
const ALL = RULES.flatMap((r) => casesOf(r.id).map((c) => [`${r.id}: ${c.name}`, r.id, c] as const));

describe('validation corpus', () => {
  test('the base bundle passes every rule', () => {
    expect(corpusFindings(base())).toEqual([]);
  });

  test("rules/ holds each rule's <id>.ts and <id>.cases.ts (with a broken case), the list of them, and nothing else", () => {
    const files = fs.readdirSync(RULES_DIR).sort();
    expect(files).toEqual(['index.ts', ...RULES.flatMap((r) => [`${r.id}.ts`, `${r.id}.cases.ts`])].sort());
    for (const r of RULES) expect([r.id, casesOf(r.id).some((c) => c.expected !== null)]).toEqual([r.id, true]);
    // Each rule file exports the rule of its id.
    for (const r of RULES) expect(Object.values(require(path.join(RULES_DIR, r.id)))).toContain(r);
    expect(ALL.length).toBeGreaterThanOrEqual(75);
    // src/validation/cases.ts (what the generated docs count) lists the same cases.
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const r of RULES) expect(CASES[r.id]).toBe(casesOf(r.id));
  });

  test.each(ALL.filter(([, , c]) => c.expected !== null))('catches %s', (_name, id, c) => {
    const objects = base();
    const replaced = c.breakIt(objects);
    const report = corpusReport(replaced ?? objects, rulesFor(id));
    expect(report.errors.map(({ rule, object, path, value }) => ({ rule, object, path, value }))).toEqual([c.expected]);
    if (c.says) expect(report.errors[0].expected).toContain(c.says);
  });

  // The other side of each limit a broken case crosses: no rule reports anything.
  test.each(ALL.filter(([, , c]) => c.expected === null))('accepts %s', (_name, _id, c) => {
    const objects = base();
    const replaced = c.breakIt(objects);
    expect(corpusFindings(replaced ?? objects)).toEqual([]);
  });

  test('every rule declares its description, remediation and kinds', () => {
    for (const r of RULES) {
      expect([r.id, r.description.length > 20, r.remediation.length > 10, r.kinds.length > 0]).toEqual([
        r.id,
        true,
        true,
        true,
      ]);
    }
  });
});

test('accepts an image pinned by digest, with :latest, another tag or none (the runtime pulls by digest)', () => {
  const objects = base();
  const digest = `sha256:${'0'.repeat(64)}`;
  pod(objects, 'Job', 'once').containers[0].image = `alpine:latest@${digest}`;
  pod(objects, 'CronJob', 'tick').containers[0].image = `alpine@${digest}`;
  pod(objects, 'Deployment', 'web').containers[0].image = `localhost:5000/alpine:edge@${digest}`;
  expect(corpusFindings(objects)).toEqual([]);
});

test('accepts every form of the quantity grammar in resources (1e3, 1P, +1, .5)', () => {
  const objects = base();
  pod(objects, 'Job', 'once').containers[0].resources = {
    requests: { cpu: '.5', memory: '1e3' },
    limits: { memory: '+1P' },
  };
  pod(objects, 'CronJob', 'tick').containers[0].resources = {
    requests: { cpu: 1, memory: '64Mi' },
    limits: { memory: '1E' },
  };
  expect(corpusFindings(objects)).toEqual([]);
});

test('service-selector looks up templates by label and namespace: a match in another namespace does not count', () => {
  const objects = base();
  objects.push({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'other', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
  });
  objects.push({ ...find(objects, 'Service', 'web'), metadata: { name: 'web', namespace: 'other' } });
  expect(corpusFindings(objects)).toEqual([
    { rule: 'service-selector', object: 'Service/other/web', path: 'spec.selector', value: { app: 'web' } },
  ]);
});

describe('validateBundle', () => {
  test('reports a rule that cannot read the input as a finding and still runs the other rules', () => {
    const crashing = {
      id: 'crashing',
      description: 'throws',
      remediation: '-',
      kinds: ['*'],
      check: () => {
        throw new Error('cannot read spec');
      },
    };
    const flagging = {
      id: 'flagging',
      description: 'one finding',
      remediation: '-',
      kinds: ['*'],
      check: (b: Json) => [{ object: b.objects[0], path: 'metadata', value: 1, expected: 'x' }],
    };
    const report = validateBundle([{ manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } } }], {
      rules: [crashing, flagging],
    });
    expect(report.errors.map((f) => [f.rule, f.object, f.value])).toEqual([
      ['crashing', '(bundle)', 'cannot read spec'],
      ['flagging', 'Namespace/n', 1],
    ]);
  });
});

describe("local rules (checked on a class's distinct objects first)", () => {
  const LOCAL = RULES.filter((r) => r.local);
  /** `objects` and two copies in namespaces of their own, as fleet mode repeats a workshop. */
  const classOf = (objects: Json[]) =>
    [0, 1, 2].flatMap((i) =>
      JSON.parse(JSON.stringify(objects).replace(/"corpus"/g, i === 0 ? '"corpus"' : `"corpus-${i}"`)),
    );
  const full = (rule: Rule): Rule => ({ ...rule, local: false });

  test('are the rules that read one object at a time', () => {
    expect(LOCAL.map((r) => r.id).sort()).toEqual([
      'cron-schedule',
      'image-pinned',
      'image-profile',
      'job-restart-policy',
      'name-valid',
      'resources',
      'run-as-non-root-user',
    ]);
  });

  test.each(LOCAL.flatMap((r) => casesOf(r.id).map((c) => [`${r.id}: ${c.name}`, r, c] as const)))(
    '%s: every copy in a class reports it, as a full check does',
    (_, rule, c) => {
      const objects = base();
      const broken = classOf(c.breakIt(objects) ?? objects);
      const local = validateBundle(
        broken.map((manifest) => ({ manifest })),
        { rules: [rule] },
      ).errors;
      expect(local).toEqual(
        validateBundle(
          broken.map((manifest) => ({ manifest })),
          { rules: [full(rule)] },
        ).errors,
      );
      if (c.expected === null) expect(local).toEqual([]);
      else
        expect(local.filter((f) => f.path === c.expected!.path).map((f) => f.object.split('/')[1])).toEqual([
          'corpus',
          'corpus-1',
          'corpus-2',
        ]);
    },
  );

  test('a class without findings is checked on its distinct objects only', () => {
    const seen: Array<[string, number]> = [];
    const counting = (rule: Rule): Rule => ({
      ...rule,
      check: (b) => {
        seen.push([rule.id, b.objects.length]);
        return rule.check(b);
      },
    });
    const objects = classOf(base());
    const report = validateBundle(
      objects.map((manifest) => ({ manifest })),
      { rules: LOCAL.map(counting) },
    );
    expect(report.errors).toEqual([]);
    // The Namespace and RoleBinding (it names its namespace) differ per copy; everything else is
    // checked once. Each rule sees the objects of its kinds only.
    const distinct = [
      ...base(),
      ...[1, 2].flatMap(() => base().filter((o) => o.kind === 'Namespace' || o.kind === 'RoleBinding')),
    ];
    const ofKinds = (r: Rule) => distinct.filter((o) => r.kinds.includes('*') || r.kinds.includes(o.kind)).length;
    expect(seen).toEqual(LOCAL.map((r) => [r.id, ofKinds(r)]));
    expect(seen.find(([id]) => id === 'name-valid')).toEqual(['name-valid', distinct.length]);
    expect(distinct.length).toBeLessThan(objects.length);
  });
});
