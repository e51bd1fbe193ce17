// Which checks verify runs where: the workshop is built from the same config synth uses (no
// synthesis, only the construct tree), and each exercise construct yields its outcomes.
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { EXERCISES, Workshop, WorkshopProps } from '../../lib/workshop';
import type { WorkshopConfig } from '../config-types';
import { studentWorkshops } from '../fleet';
import { chartFile, studentFile } from '../synth';
import { EXERCISE_LABEL } from '../../lib/labels';
import { Check, checkOf } from './checks';
import { declaresOutcomes } from '../../lib/outcomes';
import { createNamespaceCommand } from '../annotations';
import { PlanError } from '../errors';

export interface PlannedExercise {
  readonly exercise: string;
  /** Its manifest, as synth writes it: `dist/0002-trace-job.k8s.yaml`; in fleet mode the student's `dist/alice.k8s.yaml`. */
  readonly file: string;
  /**
   * kubectl apply's arguments for this exercise alone: `-f dist/0002-trace-job.k8s.yaml`; in fleet
   * mode `-f dist/alice.k8s.yaml -l k8s-workshop/exercise=trace-job`.
   */
  readonly apply: string;
  /**
   * Where the student guide teaches it: `docs/student.md#trace-job`. The work queue's three charts
   * share one section, named like their workshop.yaml key.
   */
  readonly guide: string;
  readonly checks: Check[];
}

/** The student guide's section of an exercise: its workshop.yaml key, in kebab case. */
function guideOf(exercise: string): string {
  const key = EXERCISES.find((e) => e.name === exercise)?.settingsKey ?? exercise;
  return `docs/student.md#${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export interface PlannedNamespace {
  readonly namespace: string;
  /** Fleet mode: the student whose namespace it is. */
  readonly student?: string;
  /** What to apply when the namespace is missing: `dist`, or in fleet mode `dist/<student>.k8s.yaml`. */
  readonly manifests: string;
  /**
   * The command that creates it when the workshop does not (seed 004's `kubectl create ns demo-$USER`).
   * @default - the workshop creates it: applying `manifests` does
   */
  readonly createdBy?: string;
  /**
   * Checked as its user's own namespace (a student's kubeconfig context, or --namespace): hints say
   * what that user may do (the text's commands in that namespace), never to apply the instructor's
   * files or create the namespace.
   */
  readonly own?: boolean;
  readonly exercises: PlannedExercise[];
}

/** The checks of the exercise construct found in `chart`, from the outcomes it declares. */
export function checksOf(chart: Construct): Check[] | undefined {
  for (const c of chart.node.findAll()) if (declaresOutcomes(c)) return c.outcomes.map(checkOf);
  return undefined;
}

/** The exercises (student-access, in fleet mode, is not one: it has nothing to do on the cluster). */
const EXERCISE_NAMES = EXERCISES.map((e) => e.name);

/** The workshop namespace first, then each exercise's own namespace (retryingJob.namespace), with the exercises in it. */
function planWorkshop(
  props: WorkshopProps,
  outdir: string,
  selected: readonly string[] | undefined,
  student?: string,
): PlannedNamespace[] {
  const app = new App({ outdir: 'unused' });
  const workshop = new Workshop(app, props);
  const exercises =
    selected ?? workshop.exerciseCharts.map((c) => c.exercise).filter((e) => EXERCISE_NAMES.includes(e));
  const absent = exercises.filter((e) => !workshop.exerciseCharts.some((c) => c.exercise === e));
  if (absent.length > 0)
    throw new PlanError(`exercise ${absent.join(', ')} is not part of the workshop this config builds`);
  const byNamespace = new Map<string, PlannedExercise[]>([[workshop.namespace, []]]);
  const charts = app.charts;
  for (const chart of workshop.exerciseCharts) {
    if (!exercises.includes(chart.exercise)) continue;
    const checks = checksOf(chart);
    if (checks === undefined)
      throw new PlanError(
        `exercise ${chart.exercise} declares no outcomes (its construct has no \`outcomes\`: see lib/outcomes.ts)`,
      );
    const namespace = chart.namespace ?? workshop.namespace;
    const file = `${outdir}/${student === undefined ? chartFile(charts, chart) : studentFile(student)}`;
    const apply = student === undefined ? `-f ${file}` : `-f ${file} -l ${EXERCISE_LABEL}=${chart.exercise}`;
    byNamespace.set(namespace, [
      ...(byNamespace.get(namespace) ?? []),
      { exercise: chart.exercise, file, apply, guide: guideOf(chart.exercise), checks },
    ]);
  }
  const manifests = student === undefined ? outdir : `${outdir}/${studentFile(student)}`;
  return [...byNamespace]
    .filter(([namespace, planned]) => namespace === workshop.namespace || planned.length > 0)
    .map(([namespace, planned]) => ({
      namespace,
      student,
      manifests,
      exercises: planned,
      ...(namespace === workshop.namespace ? {} : { createdBy: createNamespaceCommand(namespace) }),
    }));
}

export interface PlanOptions {
  /** Exercises to check. @default - all of them */
  readonly exercises?: readonly string[];
  /** Fleet mode: these students only. @default - every student in the config */
  readonly students?: readonly string[];
  /** Output folder synth writes to. @default 'dist' */
  readonly outdir?: string;
  /**
   * Without students: check this namespace instead of the config's, as its user's own (the
   * context's namespace, or --namespace).
   * @default - the config's namespace
   */
  readonly namespace?: string;
}

/**
 * One planned namespace per student in fleet mode (the config lists `students:`), else the one
 * workshop namespace.
 */
export function planVerification(config: WorkshopConfig, options: PlanOptions = {}): PlannedNamespace[] {
  const exercises = options.exercises && options.exercises.length > 0 ? options.exercises : undefined;
  const unknown = (exercises ?? []).filter((e) => !EXERCISE_NAMES.includes(e));
  if (unknown.length > 0) {
    throw new PlanError(`unknown exercise ${unknown.join(', ')}; the exercises are ${EXERCISE_NAMES.join(', ')}`);
  }
  const outdir = options.outdir ?? 'dist';
  if (config.students === undefined) {
    if (options.students !== undefined && options.students.length > 0) {
      throw new PlanError(
        `--student ${options.students.join(', ')}: the workshop config lists no students (fleet mode is off)`,
      );
    }
    if (options.namespace === undefined) return planWorkshop(config, outdir, exercises);
    const own = options.namespace;
    return planWorkshop({ ...config, namespace: own }, outdir, exercises).map((p) =>
      p.namespace === own ? { ...p, own: true } : p,
    );
  }
  const wanted = options.students;
  const all = studentWorkshops(config);
  const missing = (wanted ?? []).filter((s) => !all.some((w) => w.student === s));
  if (missing.length > 0) {
    throw new PlanError(`unknown student ${missing.join(', ')}; the config lists ${config.students.join(', ')}`);
  }
  return all
    .filter((w) => wanted === undefined || wanted.includes(w.student))
    .flatMap((w) => planWorkshop(w.props, outdir, exercises, w.student));
}
