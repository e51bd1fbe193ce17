// Fleet mode: the same workshop once per student, each in a namespace of its own.
import { DEFAULT_NAMESPACE, WorkshopProps } from '../lib/workshop';
import { NODE_PORT_RANGE } from '../lib/voting-app';
import type { WorkshopConfig } from './config-types';
import { showValue } from './show';

const DEFAULT_VOTE_NODE_PORT = 31000;

/**
 * `default` and `kube-*` belong to the cluster: the workshop would set their Pod Security labels,
 * and its clean-up (`kubectl delete ns <namespace>`) would delete them.
 */
export function isClusterNamespace(namespace: string): boolean {
  return namespace === 'default' || namespace.startsWith('kube-');
}

export const CLUSTER_NAMESPACE_TEXT = (namespace: string) =>
  `must not be a namespace the cluster itself uses (default, kube-*), got ${showValue(namespace)}: the workshop sets its Pod Security labels and is removed with kubectl delete ns`;

/** `<base>-<student>`: the student's namespace. */
export function studentNamespace(config: WorkshopConfig, student: string): string {
  return `${config.namespace ?? DEFAULT_NAMESPACE}-${student}`;
}

/**
 * NodePorts of student number `index`: two consecutive ports per student, counting up from the
 * vote NodePort, so no two students (and no student's two Services) share one.
 */
export function studentNodePorts(config: WorkshopConfig, index: number): { vote: number; result: number } {
  const first = config.exercises?.votingApp?.voteNodePort ?? DEFAULT_VOTE_NODE_PORT;
  return { vote: first + 2 * index, result: first + 2 * index + 1 };
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
      problems.push({ path: ['students', i], text: `students[${i}] makes namespace ${JSON.stringify(ns)} of ${ns.length} characters, more than 63; use a shorter name or namespace` });
    }
  });
  const resultNodePort = config.exercises?.votingApp?.resultNodePort;
  if (config.students !== undefined && resultNodePort !== undefined && resultNodePort !== studentNodePorts(config, 0).result) {
    // Fleet mode numbers the ports itself; a different value would be silently replaced.
    problems.push({
      path: ['exercises', 'votingApp', 'resultNodePort'],
      text: `exercises.votingApp.resultNodePort must be exercises.votingApp.voteNodePort + 1 (${studentNodePorts(config, 0).result}) with students: student i gets voteNodePort + 2i + 1, got ${resultNodePort}; remove it or set it to ${studentNodePorts(config, 0).result}`,
    });
  }
  const max = maxStudents(config);
  if (students.length > max) {
    const first = studentNodePorts(config, 0).vote;
    problems.push({ path: ['students'], text: `students lists ${students.length} students, but the NodePort range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max} holds only ${max} from exercises.votingApp.voteNodePort ${first} (2 ports each)` });
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
  return (config.students ?? []).map((student, index) => {
    const ports = studentNodePorts(config, index);
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
