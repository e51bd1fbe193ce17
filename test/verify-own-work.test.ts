// verify judges what students did, however the objects got there: by kind and by the names the
// text uses, never by the generator's labels; and a student checks their own namespace with their
// own kubeconfig. Against the in-process stand-in (no cluster runs here).
import * as path from 'path';
import { runVerify } from '../src/verify/cli';
import type { Connection } from '../src/verify/kubeconfig';
import { healthyCluster, objectIn } from './cluster-fixtures';
import { ClusterState, StandIn, startStandIn } from './kube-standin';
import { NAMESPACE, ROOT } from './util';
import type { Json } from '../src/json';

let standIn: StandIn;
/** Every stand-in a test started (some run verify twice), closed after it. */
const started: StandIn[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

/** Every object as a student would have typed it from the text: no generator labels or annotations. */
function handTyped(state: ClusterState): ClusterState {
  const strip = (value: Json): void => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'labels' || key === 'matchLabels') && v && typeof v === 'object') {
        for (const label of Object.keys(v))
          if (label.startsWith('app.kubernetes.io/') || label.startsWith('k8s-workshop/')) delete (v as Json)[label];
      } else if (key === 'annotations') {
        delete value[key];
      } else {
        strip(v);
      }
    }
  };
  for (const list of Object.values(state.objects)) for (const o of list) strip(o);
  return state;
}

async function run(
  argv: string[],
  state: ClusterState,
  namespace?: string,
): Promise<{ code: number; out: string; err: string }> {
  standIn = await startStandIn(state);
  started.push(standIn);
  const connection: Connection = {
    context: 'student',
    namespace,
    cluster: { name: 'standin', server: standIn.url, skipTLSVerify: true },
    endpoint: { server: standIn.url, options: { headers: { Authorization: `Bearer ${standIn.adminToken}` } } },
  };
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerify(argv, {
    env: { WORKSHOP_CONFIG: path.join(ROOT, 'workshop.yaml') },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    connect: async () => connection,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('verify judges outcomes, however the objects got there', () => {
  test('a namespace of hand-typed objects, without any generator label or annotation, passes every check', async () => {
    const state = handTyped(healthyCluster());
    expect(JSON.stringify(state.objects).includes('k8s-workshop/exercise')).toBe(false);
    const r = await run([], state);
    expect(r.err).toEqual('');
    expect(r.out).toMatch(/^28 of 28 checks pass, 0 failed, 0 pending/m);
    expect(r.code).toBe(0);
    // Lists are of whole kinds: no label selector is sent.
    expect(standIn.requests.filter((q) => q.verb === 'list').every((q) => !q.path.includes('labelSelector'))).toBe(
      true,
    );
  });

  test('the same with one outcome broken fails that check, with the command to look with', async () => {
    const state = handTyped(healthyCluster());
    const job = objectIn(state, 'jobs', NAMESPACE, 'traceroute');
    job.status = {
      ...job.status,
      conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
      failed: 5,
      succeeded: 0,
    };
    const r = await run([], state);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/trace-job\s+Job traceroute complete\s+✗ failed: BackoffLimitExceeded, 5 failed pod\(s\)/);
    expect(r.out).toContain(`hint: kubectl describe job traceroute -n ${NAMESPACE}`);
    expect(r.out).toMatch(/^27 of 28 checks pass, 1 failed, 0 pending/m);
  });

  test('an exercise nobody did reads as not applied; objects of other names do not count for it', async () => {
    const state = handTyped(healthyCluster());
    state.objects.jobs = state.objects.jobs.filter((j) => j.metadata.name !== 'factorial5');
    state.objects.pods = state.objects.pods.filter((p) => p.metadata.ownerReferences?.[0]?.name !== 'factorial5');
    const r = await run(['factorial-job'], state);
    expect(r.out).toMatch(
      /factorial-job\s+applied\s+✗ not applied\n\s+hint: kubectl apply -f dist\/0011-factorial-job\.k8s\.yaml/,
    );
  });
});

describe('a student checks their own work', () => {
  const alice = `${NAMESPACE}-alice`;

  test("with the default workshop.yaml, verify checks the context's namespace and passes there", async () => {
    const r = await run([], handTyped(healthyCluster({ students: ['alice'] })), alice);
    expect(r.out).toContain(`namespace ${alice} (your own: the context's namespace or --namespace)`);
    expect(r.code).toBe(0);
    expect(standIn.requests.filter((q) => q.verb === 'list').every((q) => q.namespace === alice)).toBe(true);
  });

  test('--namespace does the same from any context', async () => {
    const r = await run(['--namespace', alice, 'trace-job'], healthyCluster({ students: ['alice'] }));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`namespace ${alice} (your own`);
  });

  test('hints never tell a student to create what their Role forbids', async () => {
    const state = healthyCluster({ students: ['alice'] });
    state.objects.jobs = state.objects.jobs.filter((j) => j.metadata.name !== 'traceroute');
    state.objects.pods = state.objects.pods.filter((p) => p.metadata.ownerReferences?.[0]?.name !== 'traceroute');
    const r = await run(['trace-job'], state, alice);
    expect(r.out).toContain(`hint: do it as the workshop text says, in namespace ${alice} (docs/student.md#trace-job)`);
    expect(r.out).not.toContain('kubectl apply');
    const gone = await run(['trace-job'], healthyCluster(), `${NAMESPACE}-nobody`);
    expect(gone.out).toContain(
      `✗ namespace ${NAMESPACE}-nobody does not exist: ask your instructor (a student cannot create it)`,
    );
    expect(gone.out).not.toContain('kubectl apply');
  });

  test("a context pointed at seed 004's demo namespace, or at default, still checks the workshop namespace", async () => {
    for (const ns of ['default', NAMESPACE]) {
      const r = await run(['trace-job'], healthyCluster(), ns);
      expect(r.out).toContain(`namespace ${NAMESPACE}\n`);
    }
  });
});
