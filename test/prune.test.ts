// The prune recipe of docs/instructor.md: what it would delete. kubectl prunes an object when all of these hold
// (kubectl apply --prune, staging/src/k8s.io/kubectl/pkg/cmd/apply/prune.go): its kind is in the
// allow-list, it lives in a namespace the apply visited (or is cluster-scoped), it matches the
// selector, it carries kubectl's last-applied annotation (it was made by `kubectl apply`), and the
// applied files do not hold it. prunedBy below applies exactly those rules to a cluster's objects.
import * as fs from 'fs';
import * as path from 'path';
import { allowlistEntry, PRUNE_ALLOWLIST, pruneCommand } from '../src/prune';
import { synthWorkshop } from '../src/synth';
import { ROOT } from './util';
import type { Json } from '../src/json';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const selector = ['app.kubernetes.io/part-of', 'k8s-workshop'] as const;

/** The objects `kubectl apply -f <applied> --prune -l <selector> <allowlist>` deletes from `cluster`. */
function prunedBy(allowlist: readonly string[] | undefined, applied: Json[], cluster: Json[]): string[] {
  // kubectl's default list when no allow-list is given (prune.go, GetRESTMappings).
  const defaults = [
    'core/v1/ConfigMap',
    'core/v1/Endpoints',
    'core/v1/Namespace',
    'core/v1/PersistentVolumeClaim',
    'core/v1/PersistentVolume',
    'core/v1/Pod',
    'core/v1/ReplicationController',
    'core/v1/Secret',
    'core/v1/Service',
    'batch/v1/Job',
    'batch/v1/CronJob',
    'networking.k8s.io/v1/Ingress',
    'apps/v1/DaemonSet',
    'apps/v1/Deployment',
    'apps/v1/ReplicaSet',
    'apps/v1/StatefulSet',
  ];
  const kinds = new Set(allowlist ?? defaults);
  const visited = new Set(applied.map((o) => o.metadata.namespace).filter(Boolean));
  const key = (o: Json) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const kept = new Set(applied.map(key));
  return cluster
    .filter(
      (o) =>
        kinds.has(allowlistEntry(o.apiVersion, o.kind)) &&
        (o.metadata.namespace === undefined || visited.has(o.metadata.namespace)) &&
        o.metadata.labels?.[selector[0]] === selector[1] &&
        o.metadata.annotations?.[LAST_APPLIED] !== undefined &&
        !kept.has(key(o)),
    )
    .map(key);
}

const applied = (o: Json) => ({
  ...o,
  metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [LAST_APPLIED]: '{}' } },
});
const manifests = (config: object) => synthWorkshop(config).flatMap((c) => c.objects.map((o: Json) => o.manifest ?? o));

describe('the prune recipe', () => {
  const single = manifests({});
  const alice = manifests({ students: ['alice'] });
  const bob = manifests({ students: ['bob'] });

  test("allows every kind synth writes, a class's included, except Namespace, and nothing else", () => {
    const written = new Set([...single, ...alice].map((o) => allowlistEntry(o.apiVersion, o.kind)));
    expect([...written].filter((k) => !PRUNE_ALLOWLIST.includes(k))).toEqual(['core/v1/Namespace']);
    expect(PRUNE_ALLOWLIST.filter((k) => !written.has(k))).toEqual([]);
  });

  test('is the command the instructor guide prints', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'instructor.md'), 'utf-8')).toContain(`\n${pruneCommand()}\n`);
  });

  test("applying alice's file prunes what left her file, never bob's namespace or the default workshop's", () => {
    // Applied before: the default workshop, bob's file, and alice's file with one more ConfigMap.
    const extra = {
      ...alice.find((o) => o.kind === 'ConfigMap'),
      metadata: { ...alice.find((o) => o.kind === 'ConfigMap').metadata, name: 'renamed-since' },
    };
    const cluster = [...single, ...bob, ...alice, extra].map(applied);
    // Plus what controllers made from them (no last-applied annotation): a Job's pod, a Deployment's ReplicaSet.
    cluster.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'oneshot-x7k2p',
        namespace: 'workshop-day2-solutions-alice',
        labels: { [selector[0]]: selector[1] },
      },
    });
    expect(prunedBy(PRUNE_ALLOWLIST, alice, cluster)).toEqual([
      'ConfigMap/workshop-day2-solutions-alice/renamed-since',
    ]);
    // The old recipe, without the list: every other workshop namespace goes, and with it all it holds.
    expect(prunedBy(undefined, alice, cluster)).toEqual(
      expect.arrayContaining([
        'Namespace//workshop-day2-solutions',
        'Namespace//workshop-day2-solutions-bob',
        'ConfigMap/workshop-day2-solutions-alice/renamed-since',
      ]),
    );
  });

  test('prunes the kinds the default list never did: a ServiceAccount, Role or ResourceQuota that left the app', () => {
    const gone = alice.filter((o) =>
      ['ServiceAccount', 'Role', 'ResourceQuota', 'LimitRange', 'RoleBinding'].includes(o.kind),
    );
    // The student's own account and the service-accounts exercise's two: 3 ServiceAccounts, Roles and bindings.
    expect(gone.map((o) => o.kind).sort()).toEqual([
      'LimitRange',
      'ResourceQuota',
      'Role',
      'Role',
      'Role',
      'RoleBinding',
      'RoleBinding',
      'RoleBinding',
      'ServiceAccount',
      'ServiceAccount',
      'ServiceAccount',
    ]);
    const rest = alice.filter((o) => !gone.includes(o));
    const pruned = prunedBy(PRUNE_ALLOWLIST, rest, alice.map(applied));
    expect(pruned.sort()).toEqual(gone.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort());
    expect(prunedBy(undefined, rest, alice.map(applied))).toEqual([]);
  });
});
