import * as fs from 'fs';
import * as path from 'path';
import { parseWorkshopConfig } from '../src/config';
import { bundleOf, synthWorkshop, toFiles } from '../src/synth';
import { planVerification } from '../src/verify/plan';
import { YAML } from '../src/yaml';
import { validateBundle } from '../src/validation/validate';
import { synthApp } from './synth-app';
import { tempDir } from './util';
import type { Json } from '../src/json';

const config = (text: string) => parseWorkshopConfig(text, 'workshop.yaml');
const CLASS = config('students: [alice, bob, carol]\n');

function problems(text: string): string[] {
  try {
    config(text);
  } catch (err) {
    return (err as { problems: string[] }).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('fleet mode', () => {
  const outputs = synthWorkshop(CLASS);
  const objects = outputs.flatMap((o) => o.objects);

  test('writes the complete workshop once per student, in a file per student, namespace first', () => {
    expect([...new Set(outputs.map((o) => o.file))]).toEqual(['alice.k8s.yaml', 'bob.k8s.yaml', 'carol.k8s.yaml']);
    const charts = (student: string) => outputs.filter((o) => o.file === `${student}.k8s.yaml`).map((o) => o.chartId);
    expect(charts('alice').slice(0, 3)).toEqual(['namespace', 'student-access', 'voting-app']);
    expect(charts('alice')).toHaveLength(16);
    expect(charts('bob')).toEqual(charts('alice'));
  });

  test("puts each student's objects in namespace <base>-<student>, and only there", () => {
    for (const o of outputs) {
      const student = o.file.replace(/\.k8s\.yaml$/, '');
      for (const m of o.objects) {
        const ns = m.kind === 'Namespace' ? m.metadata.name : m.metadata.namespace;
        expect(`${m.kind}/${m.metadata.name}: ${ns}`).toEqual(
          `${m.kind}/${m.metadata.name}: workshop-day2-solutions-${student}`,
        );
      }
    }
  });

  test('gives every namespace a ResourceQuota and LimitRange the workshop fits in', () => {
    for (const student of ['alice', 'bob', 'carol']) {
      const ns = `workshop-day2-solutions-${student}`;
      const mine = objects.filter((m) => m.metadata.namespace === ns);
      const quota = mine.find((m) => m.kind === 'ResourceQuota');
      expect(quota.spec.hard).toEqual(
        expect.objectContaining({ 'requests.cpu': '3', 'requests.memory': '3Gi', 'limits.memory': '10Gi' }),
      );
      expect(mine.find((m) => m.kind === 'LimitRange').spec.limits[0].defaultRequest).toEqual({
        cpu: '50m',
        memory: '64Mi',
      });
      const totals = validateBundle(
        mine.map((manifest) => ({ manifest })),
        { rules: [] },
      ).totals;
      expect(totals.cpuMillis).toBeLessThanOrEqual(3000);
      expect(totals.memoryMiB).toBeLessThanOrEqual(3 * 1024);
      // Room for a rolling update's surge pod and a retry or two on top of everything at once.
      expect(totals.memoryLimitMiB + 1024).toBeLessThanOrEqual(10 * 1024);
      expect(totals.pods).toBeLessThanOrEqual(Number(quota.spec.hard.pods));
      // Object counts: every kind a student creates is counted, and the workshop's own objects fit
      // with room for the text's hand-typed copies and the CronJobs' history (3 + 1 kept per CronJob).
      const count = (kinds: string[]) => mine.filter((m) => kinds.includes(m.kind)).length;
      for (const [key, kinds, extra] of [
        ['count/jobs.batch', ['Job'], 2 * 5],
        ['count/cronjobs.batch', ['CronJob'], 0],
        ['configmaps', ['ConfigMap'], 1],
        ['secrets', ['Secret'], 0],
        ['services', ['Service'], 0],
        ['serviceaccounts', ['ServiceAccount'], 1],
        ['count/roles.rbac.authorization.k8s.io', ['Role'], 0],
        ['count/rolebindings.rbac.authorization.k8s.io', ['RoleBinding'], 0],
        ['count/deployments.apps', ['Deployment'], 0],
        ['count/statefulsets.apps', ['StatefulSet'], 0],
      ] as Array<[string, string[], number]>) {
        expect(`${key} ${Number(quota.spec.hard[key])}`).toEqual(`${key} 50`);
        expect(2 * (count(kinds) + extra)).toBeLessThanOrEqual(Number(quota.spec.hard[key]));
      }
      expect(Number(quota.spec.hard['count/replicasets.apps'])).toEqual(50);
    }
  });

  test('access-only is one selector: k8s-workshop/part=access picks each namespace and its access objects, and no exercise object', () => {
    const access = objects.filter((m) => m.metadata.labels?.['k8s-workshop/part'] === 'access');
    for (const student of ['alice', 'bob', 'carol']) {
      const ns = `workshop-day2-solutions-${student}`;
      const mine = access
        .filter((m) => m.metadata.name === ns || m.metadata.namespace === ns)
        .map((m) => `${m.kind}/${m.metadata.name}`)
        .sort();
      expect(mine).toEqual([
        'LimitRange/student-limits',
        `Namespace/${ns}`,
        'ResourceQuota/student-quota',
        'Role/student',
        'RoleBinding/student',
        'ServiceAccount/student',
      ]);
    }
    expect(access).toHaveLength(3 * 6);
    // Everything else is an exercise's (the solutions): `kubectl apply -f dist` adds it.
    expect(
      [
        ...new Set(objects.filter((m) => !access.includes(m)).map((m) => m.metadata.labels?.['k8s-workshop/exercise'])),
      ].includes(undefined),
    ).toBe(false);
  });

  test("binds each student's identity in their own namespace only, with no cluster-wide access", () => {
    expect(objects.filter((m) => m.kind.startsWith('Cluster'))).toEqual([]);
    for (const binding of objects.filter((m) => m.kind === 'RoleBinding')) {
      expect(binding.roleRef.kind).toEqual('Role');
      for (const subject of binding.subjects) {
        expect(subject.namespace).toEqual(binding.metadata.namespace);
      }
    }
    const student = objects.find(
      (m) => m.kind === 'Role' && m.metadata.name === 'student' && m.metadata.namespace.endsWith('-alice'),
    );
    const resources = student.rules.flatMap((r: Json) => r.resources);
    expect(resources).toEqual(
      expect.arrayContaining([
        'pods',
        'jobs',
        'cronjobs',
        'statefulsets',
        'configmaps',
        'secrets',
        'roles',
        'rolebindings',
      ]),
    );
    expect(resources).not.toContain('namespaces');
    expect(resources).not.toContain('resourcequotas');
  });

  test("lets a student type the text's commands: kubectl run -i -t (attach), port-forward, and kubectl get all read-only", () => {
    const student = objects.find(
      (m) => m.kind === 'Role' && m.metadata.name === 'student' && m.metadata.namespace.endsWith('-alice'),
    );
    const verbsOf = (group: string, resource: string) =>
      student.rules
        .filter((r: Json) => r.apiGroups.includes(group) && r.resources.includes(resource))
        .flatMap((r: Json) => r.verbs);
    expect(verbsOf('', 'pods/attach')).toEqual(expect.arrayContaining(['create', 'get']));
    expect(verbsOf('', 'pods/portforward')).toEqual(expect.arrayContaining(['create', 'get']));
    for (const [group, resource] of [
      ['', 'replicationcontrollers'],
      ['apps', 'daemonsets'],
      ['autoscaling', 'horizontalpodautoscalers'],
    ]) {
      expect(verbsOf(group, resource).sort()).toEqual(['get', 'list', 'watch']);
    }
  });

  test('gives every student two NodePorts of their own', () => {
    const ports = objects
      .filter((m) => m.kind === 'Service' && m.spec.type === 'NodePort')
      .map((m) => [
        m.metadata.namespace.replace('workshop-day2-solutions-', ''),
        m.metadata.name,
        m.spec.ports[0].nodePort,
      ]);
    expect(ports).toEqual([
      ['alice', 'vote', 31000],
      ['alice', 'result', 31001],
      ['bob', 'vote', 31002],
      ['bob', 'result', 31003],
      ['carol', 'vote', 31004],
      ['carol', 'result', 31005],
    ]);
  });

  describe('objects the same for every student but for the namespace', () => {
    // Students 0, 1, the middle one and the last are rendered in full; the others copy what those agree on.
    const VARIED = config(
      [
        'namespace: class-a',
        `students: [a, bob, ${'x'.repeat(40)}1, carol-2, d, eve]`,
        'exercises:',
        '  votingApp: { voteNodePort: 30100 }',
        '  workQueue: { loader: true }',
        '  traceJob: { target: example.org }',
        '',
      ].join('\n'),
    );
    const copied = synthWorkshop(VARIED);
    const rendered = synthWorkshop(VARIED, { copies: false });

    test('are copied, and the class is exactly what rendering every student in full gives', () => {
      expect(copied).toEqual(rendered);
      expect(toFiles(copied)).toEqual(toFiles(rendered));
      const of = (student: string, kind: string, name: string) =>
        copied
          .filter((o) => o.file === `${student}.k8s.yaml`)
          .flatMap((o) => o.objects)
          .find((m) => m.kind === kind && m.metadata.name === name);
      // A copy shares all but its top level and metadata with the first student's; a probe student's does not.
      expect(of('d', 'Job', 'traceroute').spec).toBe(of('a', 'Job', 'traceroute').spec);
      expect(of(`${'x'.repeat(40)}1`, 'Job', 'traceroute').spec).toBe(of('a', 'Job', 'traceroute').spec);
      expect(of('carol-2', 'Job', 'traceroute').spec).not.toBe(of('a', 'Job', 'traceroute').spec);
      expect(of('d', 'Job', 'traceroute').metadata.namespace).toEqual('class-a-d');
      // What differs per student is rendered for each: its NodePorts, its role bindings' subjects.
      expect(of('d', 'Service', 'vote').spec).not.toBe(of('a', 'Service', 'vote').spec);
      expect(of('d', 'Service', 'vote').spec.ports[0].nodePort).toEqual(30108);
      expect(of('d', 'RoleBinding', 'student').subjects[0].namespace).toEqual('class-a-d');
    });
  });

  test('passes validation as a whole class', () => {
    expect(validateBundle(bundleOf(outputs)).errors).toEqual([]);
  });

  describe('npm run synth for alice and bob', () => {
    const PAIR = config('students: [alice, bob]\n');
    const charts = synthWorkshop(PAIR);
    let dist: string;
    let stderr: string;
    beforeAll(async () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'class.yaml'), 'students: [alice, bob]\n');
      dist = path.join(dir, 'dist');
      const result = await synthApp({ WORKSHOP_CONFIG: path.join(dir, 'class.yaml'), CDK8S_OUTDIR: dist });
      expect(result.status).toBe(0);
      stderr = result.stderr;
    });
    const written = (student: string) =>
      YAML.parseAllDocuments(fs.readFileSync(path.join(dist, `${student}.k8s.yaml`), 'utf-8')).map((d) => d.toJS());

    test("writes dist/<student>.k8s.yaml: each student's charts in apply order, as one YAML stream", () => {
      expect(stderr).toMatch(/synthesized \d+ objects in 2 files into /);
      expect(fs.readdirSync(dist).sort()).toEqual(['alice.k8s.yaml', 'bob.k8s.yaml']);
      expect(written('bob')).toEqual(charts.filter((o) => o.file === 'bob.k8s.yaml').flatMap((o) => o.objects));
      expect(written('bob')[0].kind).toEqual('Namespace');
    });

    test("the label verify names applies exactly one exercise's objects from a student's file (kubectl apply -f <file> -l <label>)", () => {
      const alice = written('alice');
      const [plan] = planVerification(PAIR, { students: ['alice'] });
      expect(plan.exercises).toHaveLength(14);
      for (const e of plan.exercises) {
        const m = /^-f dist\/alice\.k8s\.yaml -l ([^=\s]+)=([^=\s]+)$/.exec(e.apply);
        expect(m).not.toBeNull();
        // What kubectl apply -l keeps from the file: the objects carrying that label value.
        const selected = alice.filter((o) => o.metadata?.labels?.[m![1]] === m![2]);
        expect(selected).toEqual(charts.find((c) => c.file === 'alice.k8s.yaml' && c.chartId === e.exercise)!.objects);
      }
    });
  });

  test('fails on a student name that is not a DNS label', () => {
    expect(problems('students: [alice, Bob_Smith]\n')).toEqual([
      'workshop.yaml:1:19: students[1] must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "Bob_Smith"',
    ]);
  });

  test('fails on a duplicate student', () => {
    expect(problems('students: [alice, bob, alice]\n')).toEqual([
      'workshop.yaml:1:24: students[2] must be unique, got "alice" again (first at students[0])',
    ]);
  });

  test('fails on a student whose namespace would be longer than 63 characters', () => {
    const long = 'a'.repeat(40);
    expect(problems(`students: [${long}]\n`)).toEqual([
      `workshop.yaml:1:12: students[0] makes namespace "workshop-day2-solutions-${long}" of 64 characters, more than 63; use a shorter name or namespace`,
    ]);
  });

  test('fails on more students than the NodePort range holds', () => {
    const many = Array.from({ length: 885 }, (_, i) => `s${i}`);
    expect(problems(`students: [${many.join(', ')}]\n`)).toEqual([
      'workshop.yaml:1:1: students lists 885 students, but the NodePort range 30000-32767 holds only 884 from exercises.votingApp.voteNodePort 31000 (2 ports each)',
    ]);
    expect(() => config(`students: [${many.slice(0, 884).join(', ')}]\n`)).not.toThrow();
  });
});

describe('class sizing', () => {
  test('synth says how many nodes a class needs, and why', () => {
    const { sizingAdvice } = require('../src/fleet') as typeof import('../src/fleet');
    // 30 students: about 930 pods, 41.7 CPU, 53 GiB of requests.
    expect(sizingAdvice({ pods: 930, cpuMillis: 41700, memoryMiB: 54272 })).toEqual(
      'sizing: at least 14 nodes of 4 CPU and 16 GiB for everything at once ' +
        '(by CPU: 14 by CPU, 5 by memory, 10 by the 110 pods a node runs by default); a single-node kind or Docker Desktop cluster holds 110 pods at most, whatever its size',
    );
    expect(sizingAdvice({ pods: 31, cpuMillis: 1390, memoryMiB: 1808 })).toMatch(/^sizing: at least 1 node of/);
  });
});
