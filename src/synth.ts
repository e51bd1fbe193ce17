// DependencyGraph: cdk8s's own ordering of a chart's objects (what App.synth() uses), exported by its index.
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { Workshop } from '../lib/workshop';
import type { WorkshopConfig } from './config-types';
import { StudentWorkshop, studentWorkshops } from './fleet';
import { sameButNamespace } from './validation/alike';
import { DOCUMENT_START, OutputFile } from './output';
import type { BundleObject } from './validation/types';
import { yamlDocuments } from './yaml-writer';
import type { Json } from './json';

/** The manifests of one chart, as they will be written. */
export interface ChartOutput {
  /**
   * Output file, relative to the output folder: `NNNN-<chart id>.k8s.yaml`, as cdk8s names it; in
   * fleet mode the student's `<student>.k8s.yaml`, which holds all of that student's charts in order.
   */
  readonly file: string;
  /** The chart's id: `trace-job`. */
  readonly chartId: string;
  readonly objects: Json[];
  /** The objects with the construct path of each, for validation. */
  readonly bundle: BundleObject[];
}

/**
 * Synthesizes every chart of an app, in dependency order, named the way `App.synth()` names
 * charts that depend on each other (`0000-namespace.k8s.yaml`, `0001-trace-job.k8s.yaml`, ...),
 * or all into `file` (a student's, in fleet mode).
 * `Chart.toJson()` resolves dependencies and runs the validations of the whole app: that is done
 * once, by the first chart's, and the other charts render their objects as it would.
 * The outputs keep no construct, so an app is freed once synthesized.
 */
export function synthCharts(app: App, file?: string, copies?: ChartCopies): ChartOutput[] {
  // Any chart will do (not app.charts[0], which sorts the whole app once more): its toJson()
  // resolves and validates the app, after which app.charts gives the order.
  const first = app.node.children.find((c): c is Chart => c instanceof Chart);
  const firstObjects = first?.toJson();
  // Ordered as App.synth() orders them: after the dependencies are resolved.
  const charts = app.charts;
  return charts.map((chart) => {
    const name = file ?? chartFile(charts, chart);
    // In render order, so object i is apiObjects[i]'s (cdk8s's Chart.toJson() orders them the same).
    const apiObjects = apiObjectsOf(chart);
    const template = chart === first ? undefined : copies?.from.get(chart.node.id);
    const copying =
      template !== undefined &&
      apiObjects.length === template.output.objects.length &&
      apiObjects.every((o, i) => o.node.path === template.output.bundle[i].constructPath);
    // With the same constructs as the template's, what is the same for every student is copied.
    const objects =
      chart === first && firstObjects
        ? firstObjects
        : apiObjects.map((o, i) =>
            copying && template.copyable[i] ? inNamespace(template.output.objects[i], copies!.namespace) : o.toJson(),
          );
    return {
      file: name,
      chartId: chart.node.id,
      objects,
      bundle: objects.map((manifest, i) => ({ manifest, file: name, constructPath: apiObjects[i]?.node.path })),
    };
  });
}

/**
 * Another student's rendering of each chart (by chart id), and which of its objects are the same
 * for every student but for the namespace: those are copied into this student's namespace instead
 * of being rendered again.
 */
export interface ChartCopies {
  readonly from: ReadonlyMap<string, { readonly output: ChartOutput; readonly copyable: readonly boolean[] }>;
  readonly namespace: string;
}

/** `manifest`, rendered for another student, in `namespace`: a new object and metadata, the rest shared. */
function inNamespace(manifest: Json, namespace: string): Json {
  return { ...manifest, metadata: { ...manifest.metadata, namespace } };
}

/**
 * For each chart of the first probe student, which objects are the same for every probe but for
 * their namespace, which is each student's own (made by the same construct, equal otherwise).
 */
function copyableObjects(probes: ReadonlyArray<{ outputs: ChartOutput[]; namespace: string }>): ChartCopies['from'] {
  const [first, ...others] = probes;
  const byChart = new Map<string, { output: ChartOutput; copyable: boolean[] }>();
  for (const output of first.outputs) {
    const theirs = others.map((p) => ({
      output: p.outputs.find((o) => o.chartId === output.chartId),
      namespace: p.namespace,
    }));
    const copyable = output.objects.map(
      (m, i) =>
        m?.metadata?.namespace === first.namespace &&
        theirs.every(
          ({ output: o, namespace }) =>
            o !== undefined &&
            o.bundle[i]?.constructPath === output.bundle[i].constructPath &&
            o.objects[i]?.metadata?.namespace === namespace &&
            sameButNamespace(o.objects[i], m),
        ),
    );
    if (copyable.some(Boolean)) byChart.set(output.chartId, { output, copyable });
  }
  return byChart;
}

/**
 * The ApiObjects of `chart` in the order `Chart.toJson()` renders them. That order is not part of
 * cdk8s's API (cdk8s's private chartToKube in lib/app.js): test/pins.test.ts fails, naming it, if
 * an upgrade changes it.
 */
function apiObjectsOf(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}

/**
 * The output file of `chart`: `NNNN-<chart id>.k8s.yaml`, numbered by its place among `charts`, the
 * app's charts in order (`app.charts`, which sorts the app on every call: take it once).
 */
export function chartFile(charts: readonly Chart[], chart: Chart): string {
  return `${String(charts.indexOf(chart)).padStart(4, '0')}-${chart.node.id}.k8s.yaml`;
}

/**
 * Fleet mode's output file of one student: `<student>.k8s.yaml`, every chart of theirs in apply
 * order (namespace first). One file per student, not one per exercise: a class of 884 writes 884
 * files instead of 14,144 in 884 folders, which on a slow disk cost more than the synth itself.
 * One exercise is applied with its label: `kubectl apply -f dist/alice.k8s.yaml -l k8s-workshop/exercise=trace-job`.
 */
export function studentFile(student: string): string {
  return `${student}.k8s.yaml`;
}

/**
 * Builds the workshop described by `config` and returns its manifests, chart by chart: one
 * namespace, or with `students:` one namespace per student, each in a file of its own.
 *
 * Each student gets an App of their own. `Chart.toJson()` (and so `App.synth()`) resolves and
 * validates the whole app for every chart it writes, which is quadratic in one big app; an app per
 * namespace keeps every app the same small size, so the class costs linear time and memory.
 */
export function synthWorkshop(config: WorkshopConfig, options: { copies?: boolean } = {}): ChartOutput[] {
  if (config.students === undefined) {
    const app = new App({ outdir: 'unused' });
    new Workshop(app, config);
    return synthCharts(app);
  }
  const students = studentWorkshops(config);
  const synthStudent = ({ student, props }: StudentWorkshop, copies?: ChartCopies) => {
    const app = new App({ outdir: 'unused' });
    new Workshop(app, props);
    return synthCharts(app, studentFile(student), copies);
  };
  if (options.copies === false) return students.flatMap((s) => synthStudent(s));
  // Rendering (cdk8s's toJson) is most of a class's synth, and most objects come out the same for
  // every student but for the namespace. The probes (the first two students, the middle one and
  // the last) are rendered in full; an object that differs between them only in its namespace is,
  // for everyone else, copied from the first student's into theirs, and only the others (the
  // Namespace, role bindings naming it, NodePort Services) are rendered. Every student's workshop
  // is still constructed, so each one's props are checked; tests compare the result with the full
  // rendering (`copies: false`).
  const probes = [...new Set([0, 1, Math.floor(students.length / 2), students.length - 1])].filter(
    (i) => i < students.length,
  );
  const probed = new Map(probes.map((i) => [i, synthStudent(students[i])]));
  const from = copyableObjects(
    probes.map((i) => ({ outputs: probed.get(i)!, namespace: students[i].props.namespace! })),
  );
  return students.flatMap((s, i) => probed.get(i) ?? synthStudent(s, { from, namespace: s.props.namespace! }));
}

/**
 * The reference path: the whole class in one App, written by cdk8s's own `App.synth()` into
 * `outdir` (chart ids prefixed with the student). Quadratic; for tests and the benchmark.
 */
export function synthWithAppSynth(config: WorkshopConfig, outdir: string): void {
  const app = new App({ outdir });
  if (config.students === undefined) {
    new Workshop(app, config);
  } else {
    for (const { student, props } of studentWorkshops(config)) {
      new Workshop(app, { ...props, chartIdPrefix: `${student}-` });
    }
  }
  app.synth();
}

/** The synthesized objects with the construct path and output file of each, for validation. */
export function bundleOf(outputs: ChartOutput[]): BundleObject[] {
  return outputs.flatMap((o) => o.bundle);
}

/**
 * Renders chart outputs as YAML files, one at a time as they are taken: each chart as `App.synth()`
 * writes it, after a leading document marker; the charts of one file (a student's, in fleet mode)
 * one after the other. `alike` (Bundle.firstAlike of the validated bundle) lets a class's copies of
 * an object in every student's namespace be written from the first one's text.
 */
export function* renderFiles(outputs: ChartOutput[], alike?: (manifest: object) => object): Generator<OutputFile> {
  for (let i = 0; i < outputs.length;) {
    const file = outputs[i].file;
    const parts: string[] = [];
    for (; i < outputs.length && outputs[i].file === file; i++)
      parts.push(DOCUMENT_START + yamlDocuments(outputs[i].objects, alike));
    yield { path: file, content: parts.join('') };
  }
}

/** Every file renderFiles renders, at once. */
export function toFiles(outputs: ChartOutput[], alike?: (manifest: object) => object): OutputFile[] {
  return [...renderFiles(outputs, alike)];
}
