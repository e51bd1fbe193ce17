// The text typed as written: every imperative command of the seed texts (seeds/, a copy of the
// workshop text) that creates, deletes or selects objects, checked against what dist/ holds after
// `kubectl apply -f dist/`, so a student who types them next to dist/ meets none of its objects by
// accident, and finds the ones the text means.
import * as fs from 'fs';
import * as path from 'path';
import type { WorkshopConfig } from '../src/config-types';
import { loadWorkshopConfig } from '../src/config';
import { synthWorkshop } from '../src/synth';
import { matches } from '../src/validation/extract/selectors';
import { ROOT } from './util';
import type { Json } from '../src/json';

const SEEDS = path.join(ROOT, 'seeds');

/** What one printed command does to the objects of dist/, and what works where it cannot. */
interface SeedCommand {
  readonly seed: string;
  /** The command as the seed prints it (whitespace collapsed, line continuations joined). */
  readonly printed: string;
  /** Where the printed form cannot work (a typo, a removed API, a missing resource type): the form that does. */
  readonly workingForm?: string;
  /** The object the command creates: dist/ must not hold one of that kind and name where the student types it. */
  readonly creates?: { readonly kind: string; readonly name: string };
  /** The objects a `-l` selector acts on in dist/: exactly these, `Kind/name` (pod templates for pods). */
  readonly selects?: {
    readonly kinds: readonly string[];
    readonly selector: Record<string, string>;
    readonly objects: readonly string[];
  };
}

const COMMANDS: readonly SeedCommand[] = [
  {
    seed: '001',
    printed: 'kubectl delete -l app=voting-result',
    workingForm: 'kubectl delete pod -l app=voting-result',
    selects: { kinds: ['Pod'], selector: { app: 'voting-result' }, objects: ['Deployment/result'] },
  },
  {
    seed: '001',
    printed:
      'kubectl run peek -i -t --rm --restart=Never --image alpine:3.8 -- sh -c "cat /var/run/secrets/kubernetes.io/serviceaccount/token"',
    creates: { kind: 'Pod', name: 'peek' },
  },
  {
    seed: '002',
    printed:
      'kubectl run -i oneshot --image=gcr.io/kuar-demo/kuard-amd64:1 --restart=OnFailure -- --keygen-enable --keygen-exit-on-complete --keygen-num-to-gen 10',
    creates: { kind: 'Pod', name: 'oneshot' },
  },
  {
    seed: '002',
    printed: 'kubectl delete j obs oneshot',
    workingForm: 'kubectl delete pod oneshot',
    creates: { kind: 'Pod', name: 'oneshot' },
  },
  {
    seed: '002',
    printed: "kubectl get pods -l app=work-queue,component=queue -o jsonpath='{.items[0].metadata.name}')",
    selects: { kinds: ['Pod'], selector: { app: 'work-queue', component: 'queue' }, objects: ['ReplicaSet/queue'] },
  },
  { seed: '002', printed: 'kubectl port-forward $QUEUE_POD 8080:8080' },
  { seed: '002', printed: 'curl -X PUT localhost:8080/memq/server/queues/keygen' },
  { seed: '002', printed: 'curl -X POST localhost:8080/memq/server/queues/keygen/enqueue -d "$i"' },
  { seed: '002', printed: 'curl 127.0.0.1:8080/memq/server/stats' },
  {
    seed: '002',
    printed: 'kubectl delete rs,svc,job -l chapter=jobs',
    selects: {
      kinds: ['ReplicaSet', 'Service', 'Job'],
      selector: { chapter: 'jobs' },
      objects: [
        'Job/oneshot',
        'Job/oneshot-failing',
        'Job/parallel',
        'ReplicaSet/queue',
        'Service/queue',
        'Job/consumers',
      ],
    },
  },
  { seed: '004', printed: 'kubectl create ns demo-$USER', creates: { kind: 'Namespace', name: 'demo-ada' } },
  {
    seed: '004',
    printed: 'kubectl delete -f job.yaml',
    workingForm: 'kubectl delete -f dist/0013-retrying-job.k8s.yaml',
  },
  {
    seed: '004',
    printed:
      'kubectl get --raw /apis/batch/v1/namespaces/demo-$USER/jobs | jq \'.items[] | select(.metadata.name="demo-job").status\'',
    workingForm:
      'kubectl get --raw /apis/batch/v1/namespaces/demo-$USER/jobs | jq \'.items[] | select(.metadata.name=="demo-job").status\'',
  },
  { seed: '004', printed: 'kubectl delete ns demo-$USER' },
];

/**
 * Every imperative command a seed prints that creates, deletes or selects objects: `kubectl run`,
 * `create`, `expose`, `port-forward`, `delete`, `get ... -l`, `get --raw`, and curl against the
 * port-forwarded queue. Prose such as "use `kbuectl run` to" has no argument and is not a command.
 */
function imperativeCommands(): Array<{ seed: string; printed: string }> {
  const found: Array<{ seed: string; printed: string }> = [];
  const command =
    /(?:kubectl|kbuectl)\s+(?:(?:run|create|expose|port-forward|delete)\s+[^`\s]|get\b[^`\n]*\s-l\s|get\s+--raw)[^`\n]*|curl\s+[^`\n]*(?:localhost|127\.0\.0\.1):8080[^`\n]*/g;
  for (const file of fs
    .readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = fs.readFileSync(path.join(SEEDS, file), 'utf-8').replace(/\\\n/g, ' ');
    for (const m of text.matchAll(command)) {
      const printed = m[0].replace(/\s+/g, ' ').trim();
      if (!found.some((f) => f.printed === printed)) found.push({ seed: file.slice(0, 3), printed });
    }
  }
  return found;
}

const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
/** The shipped config; with the loader; with seed 004's namespace; a class of two. */
const CONFIGS: Record<string, WorkshopConfig> = {
  shipped: config,
  loader: {
    ...config,
    exercises: { ...config.exercises, workQueue: { ...config.exercises?.workQueue, loader: true } },
  },
  'demo namespace': {
    ...config,
    exercises: { ...config.exercises, retryingJob: { ...config.exercises?.retryingJob, namespace: 'demo-ada' } },
  },
  class: { ...config, students: ['ada', 'bob'] },
};

function objectsOf(c: WorkshopConfig): Json[] {
  return synthWorkshop(c).flatMap((o) => o.objects);
}

/** Where a student of the workshop types the text's commands: each namespace holding a pod. */
function studentNamespaces(objects: Json[]): string[] {
  return [...new Set(objects.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace as string))];
}

/** `Kind/name` of the objects `kubectl <verb> <kinds> -l <selector>` acts on in one namespace; for pods, their templates' owners. */
function selected(
  objects: Json[],
  namespace: string,
  kinds: readonly string[],
  selector: Record<string, string>,
): string[] {
  return objects
    .filter((o) => o.metadata.namespace === namespace)
    .flatMap((o) => {
      if (kinds.includes('Pod')) {
        const labels =
          o.kind === 'Pod'
            ? o.metadata.labels
            : (o.spec?.template?.metadata?.labels ?? o.spec?.jobTemplate?.spec?.template?.metadata?.labels);
        return labels && matches(selector, labels) ? [`${o.kind}/${o.metadata.name}`] : [];
      }
      return kinds.includes(o.kind) && matches(selector, o.metadata.labels ?? {})
        ? [`${o.kind}/${o.metadata.name}`]
        : [];
    });
}

describe("the seed texts' commands, typed as printed next to dist/", () => {
  test('the table covers every imperative command the seeds print, and nothing they do not', () => {
    expect(COMMANDS.map(({ seed, printed }) => ({ seed, printed }))).toEqual(imperativeCommands());
  });

  test('the student guide shows each command whose printed form cannot work, with the form that does', () => {
    // `\|` is a `|` inside a Markdown table cell.
    const readme = fs.readFileSync(path.join(ROOT, 'docs', 'student.md'), 'utf-8').replace(/\\\|/g, '|');
    for (const c of COMMANDS.filter((x) => x.workingForm)) {
      expect({ printed: c.printed, inReadme: readme.includes(c.workingForm!) }).toEqual({
        printed: c.printed,
        inReadme: true,
      });
    }
  });

  describe.each(Object.keys(CONFIGS))('with the %s config', (name) => {
    const objects = objectsOf(CONFIGS[name]);

    test('creates no object a printed command creates, in any namespace a student works in', () => {
      for (const { printed, creates } of COMMANDS.filter((c) => c.creates)) {
        const clash = objects.filter((o) => o.kind === creates!.kind && o.metadata.name === creates!.name);
        expect({
          printed,
          clash: clash.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`),
        }).toEqual({ printed, clash: [] });
      }
    });

    test('gives each label selector of the text exactly the objects the text means, in every student namespace', () => {
      const loader = name === 'loader' ? ['Job/queue-loader'] : [];
      for (const namespace of studentNamespaces(objects).filter((ns) => !ns.startsWith('demo-'))) {
        for (const { printed, selects } of COMMANDS.filter((c) => c.selects)) {
          const want = [...selects!.objects, ...(selects!.selector.chapter ? loader : [])];
          expect({
            printed,
            namespace,
            objects: selected(objects, namespace, selects!.kinds, selects!.selector).sort(),
          }).toEqual({ printed, namespace, objects: [...want].sort() });
        }
      }
    });

    test("leaves the queue to the text's curl commands unless the loader is on, and lets the consumers start on the 100 items its loop enqueues", () => {
      const loaders = objects.filter((o) => o.kind === 'Job' && o.metadata.name === 'queue-loader');
      expect(loaders).toHaveLength(name === 'loader' ? 1 : 0);
      for (const consumers of objects.filter((o) => o.kind === 'Job' && o.metadata.name === 'consumers')) {
        const env = Object.fromEntries(
          consumers.spec.template.spec.initContainers[0].env.map((e: Json) => [e.name, e.value]),
        );
        // `for i in work-item-{0..99}` on queue `keygen`, through the port-forwarded queue pod on 8080.
        expect([env.QUEUE_NAME, env.WORK_ITEMS, env.QUEUE_URL]).toEqual([
          'keygen',
          '100',
          'http://queue:8080/memq/server',
        ]);
      }
      for (const rs of objects.filter((o) => o.kind === 'ReplicaSet' && o.metadata.name === 'queue')) {
        expect(rs.spec.template.spec.containers[0].ports.map((p: Json) => p.containerPort)).toEqual([8080]);
      }
    });
  });

  test("with seed 004's namespace, that namespace holds the retrying job alone, so `kubectl delete ns demo-$USER` removes nothing else", () => {
    const objects = objectsOf(CONFIGS['demo namespace']);
    expect(
      objects.filter((o) => o.metadata.namespace === 'demo-ada').map((o) => `${o.kind}/${o.metadata.name}`),
    ).toEqual(['ConfigMap/demo-job-exit-code', 'Job/demo-job']);
    const file = synthWorkshop(CONFIGS['demo namespace']).find((o) => o.file.endsWith('-retrying-job.k8s.yaml'))!;
    expect(`kubectl delete -f dist/${file.file}`).toEqual(
      COMMANDS.find((c) => c.printed === 'kubectl delete -f job.yaml')!.workingForm,
    );
  });
});
