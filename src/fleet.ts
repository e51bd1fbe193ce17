// Fleet mode: the same workshop once per student, each in a namespace of its own.
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_NAMESPACE, WorkshopProps } from '../lib/workshop';
import { UserError } from './errors';
import { YAML } from './yaml';
import { NODE_PORT_RANGE } from '../lib/voting-app';
import type { WorkshopConfig } from './config-types';
import { CLUSTER_NAMESPACE_TEXT, isClusterNamespace } from './k8s/namespaces';

const DEFAULT_VOTE_NODE_PORT = 31000;

/** `<base>-<student>`: the student's namespace. */
export function studentNamespace(config: WorkshopConfig, student: string): string {
  return `${config.namespace ?? DEFAULT_NAMESPACE}-${student}`;
}

/**
 * NodePorts of student number `index` on a first synth: two consecutive ports per student, counting
 * up from the vote NodePort, so no two students (and no student's two Services) share one.
 */
export function studentNodePorts(config: WorkshopConfig, index: number): { vote: number; result: number } {
  const first = config.exercises?.votingApp?.voteNodePort ?? DEFAULT_VOTE_NODE_PORT;
  return { vote: first + 2 * index, result: first + 2 * index + 1 };
}

export interface NodePortPair {
  readonly vote: number;
  readonly result: number;
}

/**
 * Every student's NodePorts. Ports a previous synth gave (config.keptNodePorts, read from the
 * previous dist/) stay: adding or removing a student never moves another student's ports. A student
 * without them gets the first free pair from the vote NodePort up, skipping every port the previous
 * synth used (a removed student's Services may still hold theirs on the cluster). Without a previous
 * dist/, that is the positional numbering of studentNodePorts.
 */
export function nodePortsOf(config: WorkshopConfig): Map<string, NodePortPair> {
  const kept = config.keptNodePorts ?? {};
  // Every port a previous file holds is taken: a removed student's Services may still hold theirs.
  const first = config.exercises?.votingApp?.voteNodePort ?? DEFAULT_VOTE_NODE_PORT;
  const taken = new Set(Object.values(kept).flatMap((p) => [p.vote, p.result]));
  const ports = new Map<string, NodePortPair>();
  let next = first;
  for (const student of config.students ?? []) {
    const mine = kept[student];
    if (mine !== undefined) {
      ports.set(student, mine);
      continue;
    }
    while (taken.has(next) || taken.has(next + 1)) next += 2;
    if (next + 1 > NODE_PORT_RANGE.max) {
      throw new UserError(
        `students: no free NodePort pair is left for ${student} between ${first} and ${NODE_PORT_RANGE.max} ` +
          `(the previous dist/ holds ${taken.size} ports); remove students, or dist/ to number every student afresh`,
      );
    }
    ports.set(student, { vote: next, result: next + 1 });
    taken.add(next).add(next + 1);
  }
  return ports;
}

/**
 * The NodePorts each student's vote and result Services have in the files a previous synth wrote to
 * `outdir` (`<student>.k8s.yaml`), for every student file there: those still listed keep theirs, and
 * those of students since removed stay reserved. Read from the Service documents alone, so a class's
 * files are scanned, not parsed whole. Files without both ports are left out.
 */
export function readKeptNodePorts(outdir: string): Record<string, NodePortPair> {
  const kept: Record<string, NodePortPair> = {};
  let files: string[];
  try {
    files = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml') && !/^\d{4}-/.test(f));
  } catch {
    return kept;
  }
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(outdir, file), 'utf-8');
    } catch {
      continue;
    }
    const found: Record<string, number> = {};
    for (const doc of text.split(/^---$/m)) {
      if (!/^kind: Service$/m.test(doc) || !/nodePort:/.test(doc)) continue;
      const service = YAML.parse(doc);
      const port = service?.spec?.ports?.[0]?.nodePort;
      if ((service?.metadata?.name === 'vote' || service?.metadata?.name === 'result') && Number.isInteger(port))
        found[service.metadata.name] = port;
    }
    if (found.vote !== undefined && found.result !== undefined)
      kept[file.slice(0, -'.k8s.yaml'.length)] = { vote: found.vote, result: found.result };
  }
  return kept;
}

/** A class's config with the NodePorts its previous output folder holds (synth, handouts and kind-config agree on them). */
export function withKeptNodePorts(config: WorkshopConfig, outdir: string): WorkshopConfig {
  return config.students === undefined ? config : { ...config, keptNodePorts: readKeptNodePorts(outdir) };
}

/** A node of the size the advice counts in, and what of it the class may take. */
export const SIZING_NODE = { cpuMillis: 4000, memoryMiB: 16 * 1024, pods: 110 } as const;

/**
 * How many nodes a class needs when every exercise runs at once: requests at most 80% of a node's
 * CPU and memory (the rest is the system's and the kubelet's), and pods at most 100 of the kubelet's
 * default 110 per node (leaving room for the node's own: kube-proxy, CNI, DNS).
 */
export function sizingAdvice(t: { pods: number; cpuMillis: number; memoryMiB: number }): string {
  const byCpu = Math.ceil(t.cpuMillis / (SIZING_NODE.cpuMillis * 0.8));
  const byMemory = Math.ceil(t.memoryMiB / (SIZING_NODE.memoryMiB * 0.8));
  const byPods = Math.ceil(t.pods / (SIZING_NODE.pods - 10));
  const nodes = Math.max(byCpu, byMemory, byPods, 1);
  const limit = nodes === byPods ? 'pods per node' : nodes === byCpu ? 'CPU' : 'memory';
  return (
    `sizing: at least ${nodes} node${nodes === 1 ? '' : 's'} of 4 CPU and 16 GiB for everything at once (by ${limit}: ` +
    `${byCpu} by CPU, ${byMemory} by memory, ${byPods} by the 110 pods a node runs by default); ` +
    'a single-node kind or Docker Desktop cluster holds 110 pods at most, whatever its size'
  );
}

/** How many students the NodePort range holds, from the configured first port. */
export function maxStudents(config: WorkshopConfig): number {
  const first = config.exercises?.votingApp?.voteNodePort ?? DEFAULT_VOTE_NODE_PORT;
  return Math.floor((NODE_PORT_RANGE.max - first + 1) / 2);
}

/** Problems with the `students:` list that the schema cannot see, as `path` + text. */
export function fleetProblems(config: WorkshopConfig): Array<{ path: (string | number)[]; text: string }> {
  const students = config.students ?? [];
  const problems: Array<{ path: (string | number)[]; text: string }> = [];
  students.forEach((student, i) => {
    const ns = studentNamespace(config, student);
    if (isClusterNamespace(ns)) {
      problems.push({ path: ['students', i], text: `students[${i}] makes namespace ${CLUSTER_NAMESPACE_TEXT(ns)}` });
    }
    if (ns.length > 63) {
      problems.push({
        path: ['students', i],
        text: `students[${i}] makes namespace ${JSON.stringify(ns)} of ${ns.length} characters, more than 63; use a shorter name or namespace`,
      });
    }
  });
  const resultNodePort = config.exercises?.votingApp?.resultNodePort;
  if (
    config.students !== undefined &&
    resultNodePort !== undefined &&
    resultNodePort !== studentNodePorts(config, 0).result
  ) {
    // Fleet mode numbers the ports itself; a different value would be silently replaced.
    problems.push({
      path: ['exercises', 'votingApp', 'resultNodePort'],
      text: `exercises.votingApp.resultNodePort must be exercises.votingApp.voteNodePort + 1 (${studentNodePorts(config, 0).result}) with students: student i gets voteNodePort + 2i + 1, got ${resultNodePort}; remove it or set it to ${studentNodePorts(config, 0).result}`,
    });
  }
  const max = maxStudents(config);
  if (students.length > max) {
    const first = studentNodePorts(config, 0).vote;
    problems.push({
      path: ['students'],
      text: `students lists ${students.length} students, but the NodePort range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max} holds only ${max} from exercises.votingApp.voteNodePort ${first} (2 ports each)`,
    });
  }
  return problems;
}

/** One student's workshop: their name and the workshop's props in their namespace. */
export interface StudentWorkshop {
  readonly student: string;
  readonly props: WorkshopProps;
}

/** The workshop props of every student, in the order of `students:`. */
export function studentWorkshops(config: WorkshopConfig): StudentWorkshop[] {
  const all = nodePortsOf(config);
  return (config.students ?? []).map((student) => {
    const ports = all.get(student)!;
    return {
      student,
      props: {
        ...config,
        namespace: studentNamespace(config, student),
        student,
        exercises: {
          ...config.exercises,
          votingApp: { ...config.exercises?.votingApp, voteNodePort: ports.vote, resultNodePort: ports.result },
        },
      },
    };
  });
}
