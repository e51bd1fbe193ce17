// One Mermaid diagram per exercise, drawn from the links the reference rules check
// (src/validation/reference-graph.ts): a diagram can only show a link that validation checks.
// `npm run docs` writes them into docs/exercises.md; a test fails when that file is stale.
import type { WorkshopConfig } from './config-types';
import { bundleOf, ChartOutput, synthWorkshop } from './synth';
import { makeBundle } from './validation/bundle';
import { Link, LinkKind, linksOf } from './validation/reference-graph';
import type { BundleObject } from './validation/types';
import type { Json } from './json';

/** The command that regenerates docs/exercises.md. */
export const DOCS_COMMAND = 'npm run docs';

/** Links drawn as edges; `mounts` (a container mounting its own pod's volume) stays inside the pod. */
const DRAWN: ReadonlySet<LinkKind> = new Set<LinkKind>([
  'env from',
  'volume from',
  'runs as',
  'binds',
  'owns',
  'selects',
  'governs',
]);

/**
 * Edges drawn from target to source read better: "Service ss-db governs StatefulSet data-pipeline"
 * (the StatefulSet's serviceName names the Service).
 */
const REVERSED: ReadonlySet<LinkKind> = new Set<LinkKind>(['governs']);

/** Node styles by kind, so a reader tells workloads, Services, configuration and RBAC apart. */
const CLASS_OF_KIND: Record<string, string> = {
  Pod: 'workload',
  Job: 'workload',
  CronJob: 'workload',
  Deployment: 'workload',
  StatefulSet: 'workload',
  ReplicaSet: 'workload',
  DaemonSet: 'workload',
  Service: 'network',
  ConfigMap: 'config',
  Secret: 'config',
  ServiceAccount: 'rbac',
  Role: 'rbac',
  RoleBinding: 'rbac',
  ClusterRole: 'rbac',
  ClusterRoleBinding: 'rbac',
  PersistentVolumeClaim: 'storage',
  ResourceQuota: 'policy',
  LimitRange: 'policy',
  Namespace: 'policy',
};

const CLASS_DEFS = [
  'classDef workload fill:#dbeafe,stroke:#1d4ed8,color:#0f172a',
  'classDef network fill:#dcfce7,stroke:#15803d,color:#0f172a',
  'classDef config fill:#fef9c3,stroke:#a16207,color:#0f172a',
  'classDef rbac fill:#f3e8ff,stroke:#7e22ce,color:#0f172a',
  'classDef storage fill:#e5e7eb,stroke:#374151,color:#0f172a',
  'classDef policy fill:#ffedd5,stroke:#c2410c,color:#0f172a',
  'classDef builtin fill:#ffffff,stroke:#6b7280,stroke-dasharray:4 3,color:#374151',
];

interface Node {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  /** Lines under the name: what a built-in or template node is, or what a policy object holds. */
  readonly notes?: string[];
  readonly builtIn?: boolean;
}

const nodeId = (kind: string, name: string) => `${kind}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');

/** Joins `items` with ", " into lines of about `width` characters. */
function wrap(items: string[], width = 28): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + item.length + 2 <= width) lines[lines.length - 1] = `${last}, ${item}`;
    else lines.push(item);
  }
  return lines;
}

/** What a ConfigMap, Secret, quota, limit range or role holds, in a few short lines. */
function notesOf(m: Json): string[] | undefined {
  switch (m.kind) {
    case 'ResourceQuota':
      return Object.entries(m.spec?.hard ?? {}).map(([k, v]) => `${k} ${v}`);
    case 'LimitRange':
      return (m.spec?.limits ?? []).flatMap((l: Json) =>
        ['default', 'defaultRequest', 'max', 'min']
          .filter((f) => l[f])
          .map(
            (f) =>
              `${f} ${Object.entries(l[f])
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
          ),
      );
    case 'ConfigMap':
    case 'Secret':
      // Keys only: a diagram never shows a value, least of all a Secret's.
      return wrap([
        ...Object.keys(m.data ?? {}),
        ...Object.keys(m.stringData ?? {}),
        ...Object.keys(m.binaryData ?? {}),
      ]).map((k) => `<i>${k}</i>`);
    case 'Role':
    case 'ClusterRole': {
      // Rules with the same verbs share a line, so a role of many resources stays a few lines.
      const byVerbs = new Map<string, string[]>();
      for (const r of m.rules ?? []) {
        const verbs = (r.verbs ?? []).join(', ');
        byVerbs.set(verbs, [...(byVerbs.get(verbs) ?? []), ...(r.resources ?? [])]);
      }
      return [...byVerbs].flatMap(([verbs, resources]) => [
        ...wrap(resources),
        ...wrap(verbs.split(', ')).map((v) => `<i>${v}</i>`),
      ]);
    }
    default:
      return undefined;
  }
}

function objectNode(o: BundleObject): Node {
  const m = o.manifest;
  return { id: nodeId(m.kind, m.metadata?.name), kind: m.kind, name: m.metadata?.name, notes: notesOf(m) };
}

function targetNode(link: Link, from: BundleObject): Node {
  const { kind, name = '?' } = link.target;
  if (link.builtIn) return { id: nodeId(kind, name), kind, name, notes: ['<i>built in</i>'], builtIn: true };
  if (link.claimTemplate) {
    // The claims kubectl get pvc shows: <template>-<statefulset>-<ordinal>, one per replica.
    const replicas = from.manifest.spec?.replicas ?? 1;
    const claims = Array.from(
      { length: Math.min(replicas, 2) },
      (_, i) => `${name}-${from.manifest.metadata?.name}-${i}`,
    );
    return {
      id: nodeId(kind, name),
      kind: 'claim template',
      name,
      notes: ['<i>one claim per pod:</i>', ...claims, ...(replicas > 2 ? ['...'] : [])],
    };
  }
  return { id: nodeId(kind, name), kind, name };
}

function label(node: Node): string {
  const notes = (node.notes ?? []).map((n) => `<br/><small>${n}</small>`).join('');
  return `"${node.kind}<br/><b>${node.name}</b>${notes}"`;
}

/**
 * The Mermaid flowchart of `objects` and the drawn links among them (and to built-in objects and
 * claim templates). Nodes are declared in bundle order so that the layout follows the file.
 */
export function mermaidOf(
  objects: BundleObject[],
  links: Link[],
  options: { direction?: 'LR' | 'TB'; group?: string } = {},
): string {
  const nodes = new Map<string, Node>();
  for (const o of objects) nodes.set(objectNode(o).id, objectNode(o));
  const inFile = new Set(nodes.keys());
  // Links between the same two objects share one edge: "selects, governs", not two crossing curves.
  const edges = new Map<string, { from: string; to: string; labels: Set<string> }>();
  for (const link of links) {
    if (!DRAWN.has(link.kind) || !link.found || link.optional || !inFile.has(objectNode(link.from).id)) continue;
    const target = targetNode(link, link.from);
    if (!nodes.has(target.id)) nodes.set(target.id, target);
    const [from, to] = REVERSED.has(link.kind)
      ? [target.id, objectNode(link.from).id]
      : [objectNode(link.from).id, target.id];
    const edge = edges.get(`${from} ${to}`) ?? { from, to, labels: new Set<string>() };
    edge.labels.add(link.kind);
    edges.set(`${from} ${to}`, edge);
  }
  const lines = [`flowchart ${options.direction ?? 'LR'}`];
  const declare = (n: Node, indent: string) => lines.push(`${indent}${n.id}[${label(n)}]`);
  if (options.group) {
    lines.push(`  subgraph ns["${options.group}"]`, `    direction ${options.direction ?? 'LR'}`);
    for (const n of nodes.values()) declare(n, '    ');
    lines.push('  end');
  } else {
    for (const n of nodes.values()) declare(n, '  ');
  }
  for (const e of edges.values()) lines.push(`  ${e.from} -->|${[...e.labels].join(', ')}| ${e.to}`);
  for (const n of nodes.values()) {
    const cls = n.builtIn ? 'builtin' : n.kind === 'claim template' ? 'storage' : CLASS_OF_KIND[n.kind];
    if (cls) lines.push(`  class ${n.id} ${cls}`);
  }
  lines.push(...CLASS_DEFS.map((d) => `  ${d}`));
  return lines.join('\n');
}

/** The exercise a chart output holds: its chart id, construct and output file. */
interface Section {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly mermaid: string;
}

function exerciseSection(output: ChartOutput, objects: BundleObject[], links: Link[]): Section {
  const id = output.chartId;
  const construct = objects[0]?.constructPath?.split('/')[1] ?? id;
  const kinds = objects.map((o) => `${o.manifest.kind} \`${o.manifest.metadata?.name}\``).join(', ');
  return {
    id,
    title: id,
    intro: `\`${construct}\` in \`dist/${output.file}\`: ${kinds}.`,
    mermaid: mermaidOf(objects, links),
  };
}

/** The markdown of docs/exercises.md for `config`: one diagram per exercise, then a student's namespace. */
export function exercisesMarkdown(config: WorkshopConfig): string {
  const { students: _ignored, ...single } = config;
  const outputs = synthWorkshop(single);
  const bundle = makeBundle(bundleOf(outputs));
  const links = linksOf(bundle);
  const sections = outputs.filter((o) => o.chartId !== 'namespace').map((o) => exerciseSection(o, o.bundle, links));

  const fleet = synthWorkshop({ ...single, students: ['alice'] });
  const fleetBundle = makeBundle(bundleOf(fleet));
  const access = fleet.find((o) => o.chartId === 'student-access');
  const studentObjects = access?.bundle ?? [];
  const namespace = fleetBundle.ofKind('Namespace')[0]?.manifest;
  const nsName = namespace?.metadata?.name ?? '';
  const levels = ['enforce', 'warn', 'audit']
    .map((mode) => [mode, namespace?.metadata?.labels?.[`pod-security.kubernetes.io/${mode}`]])
    .filter(([, level]) => level)
    .map(([mode, level]) => `${mode} ${level}`)
    .join(', ');

  const out = [
    '# The exercises as pictures',
    '',
    `<!-- Generated by \`${DOCS_COMMAND}\` (src/diagrams.ts) from workshop.yaml; do not edit by hand. -->`,
    '',
    'One diagram per exercise: every object its file creates, labelled with its kind and name, and the',
    'links between them. The links are exactly the ones synth validates (src/validation/reference-graph.ts):',
    '',
    '- **env from**, **volume from**: a container reads a ConfigMap or Secret through env vars or a volume;',
    '- **runs as**: a pod runs as a ServiceAccount;',
    '- **binds**: a RoleBinding gives its Role to a ServiceAccount;',
    '- **selects**: a Service sends traffic to the pods of a workload;',
    "- **governs**: a headless Service gives a StatefulSet's pods their DNS names;",
    '- **owns**: a StatefulSet makes one PersistentVolumeClaim per pod from a claim template.',
    '',
    "Programs that reach each other by a Service's DNS name (the vote app writing to `redis`, the work",
    "queue's Jobs calling `queue`) are not drawn: nothing checks those names before the pods run.",
    '',
    'Blue: workloads; green: Services; yellow: configuration; purple: RBAC; grey: storage; dashed: built into',
    `every cluster. Every object lives in namespace \`${outputs[0]?.objects[0]?.metadata?.name}\`, which \`dist/0000-namespace.k8s.yaml\` creates.`,
    '',
  ];
  for (const s of sections) {
    out.push(`## ${s.title}`, '', s.intro, '', '```mermaid', s.mermaid, '```', '');
  }
  out.push(
    "## Fleet mode: a student's namespace",
    '',
    'With `students:` in workshop.yaml, each student gets the exercises above in a namespace of their own,',
    `plus the \`student-access\` chart: a quota and default limits, and the ServiceAccount the student works as.`,
    `For student \`alice\` (namespace \`${nsName}\`, Pod Security ${levels}):`,
    '',
    '```mermaid',
    mermaidOf(studentObjects, linksOf(fleetBundle), { direction: 'TB', group: `Namespace ${nsName}` }),
    '```',
    '',
  );
  return out.join('\n');
}
