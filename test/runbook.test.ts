// The runbook commands of docs/instructor.md, as far as they are selectors over what synth writes: which objects
// each one touches. Label selectors are evaluated as Kubernetes defines them (equality-based:
// `k=v`, `k!=v` also matching objects without `k`, `!k` for objects without it).
import { synthWorkshop } from '../src/synth';
import type { Json } from '../src/json';

function matches(selector: string, labels: Record<string, string> = {}): boolean {
  return selector.split(',').every((term) => {
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    const ne = term.split('!=');
    if (ne.length === 2) return labels[ne[0]] !== ne[1];
    const [k, v] = term.split('=');
    return v === undefined ? k in labels : labels[k] === v;
  });
}

const RESET_KINDS = [
  'Job',
  'CronJob',
  'Pod',
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'Service',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ServiceAccount',
  'Role',
  'RoleBinding',
];

describe('the runbook', () => {
  const alice = synthWorkshop({ students: ['alice'] }).flatMap((c) => c.objects as Json[]);
  const access = alice.filter((o) => o.metadata.labels?.['k8s-workshop/part'] === 'access');
  // What a student typed from the text: the same names, none of the generator's labels.
  const handTyped = [
    { kind: 'Job', metadata: { name: 'traceroute', namespace: 'workshop-day2-solutions-alice' } },
    {
      kind: 'ConfigMap',
      metadata: { name: 'target-google', namespace: 'workshop-day2-solutions-alice', labels: { app: 'mine' } },
    },
  ];

  test('reset a student deletes every exercise object, hand-typed ones too, and none of the access objects', () => {
    const deleted = [...alice, ...handTyped].filter(
      (o) =>
        o.kind !== 'Namespace' &&
        RESET_KINDS.includes(o.kind) &&
        matches('k8s-workshop/part!=access', o.metadata.labels),
    );
    expect(deleted).toEqual(expect.arrayContaining(handTyped));
    expect(deleted.filter((o) => access.includes(o))).toEqual([]);
    // Every kind the workshop puts in a namespace, but the access objects' own, is in the list.
    const kinds = new Set(alice.filter((o) => !access.includes(o)).map((o) => o.kind));
    expect([...kinds].filter((k) => !RESET_KINDS.includes(k))).toEqual([]);
    // The ServiceAccount whose token the student holds stays.
    expect(access.find((o) => o.kind === 'ServiceAccount')?.metadata.name).toEqual('student');
  });

  test("re-applying a student's exercises picks everything but the namespace and the access objects", () => {
    const again = alice.filter((o) => matches('!k8s-workshop/part', o.metadata.labels));
    expect(again.length + access.length).toEqual(alice.length);
    expect(again.some((o) => o.kind === 'Namespace')).toBe(false);
  });
});
