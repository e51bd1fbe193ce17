import { ApiObject, App, Chart } from 'cdk8s';
// cdk8s's own ordering of a chart's objects (what App.synth() uses); not re-exported by its index.
import { DependencyGraph } from 'cdk8s/lib/dependency';
import { Workshop } from '../lib/workshop';
import type { WorkshopConfig } from './config-types';
import { studentWorkshops } from './fleet';
import { DOCUMENT_START, OutputFile } from './output';
import type { BundleObject } from './validation/types';
import { yamlDocuments } from './yaml-writer';

/** The manifests of one chart, as they will be written. */
export interface ChartOutput {
  /**
   * Output file, relative to the output folder: `NNNN-<chart id>.k8s.yaml`, as cdk8s names it; in
   * fleet mode the student's `<student>.k8s.yaml`, which holds all of that student's charts in order.
   */
  readonly file: string;
  /** The chart's id: `trace-job`. */
  readonly chartId: string;
  readonly objects: any[];
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
export function synthCharts(app: App, file?: string): ChartOutput[] {
  // Any chart will do (not app.charts[0], which sorts the whole app once more): its toJson()
  // resolves and validates the app, after which app.charts gives the order.
  const first = app.node.children.find((c): c is Chart => c instanceof Chart);
  const firstObjects = first?.toJson();
  // Ordered as App.synth() orders them: after the dependencies are resolved.
  const charts = app.charts;
  return charts.map((chart) => {
    const objects = chart === first && firstObjects ? firstObjects : apiObjectsOf(chart).map((o) => o.toJson());
    const name = file ?? chartFile(charts, chart);
    return { file: name, chartId: chart.node.id, objects, bundle: bundleObjects(chart, objects, name) };
  });
}

/** The ApiObjects of `chart` in the order `Chart.toJson()` renders them. */
function apiObjectsOf(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
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
export function synthWorkshop(config: WorkshopConfig): ChartOutput[] {
  if (config.students === undefined) {
    const app = new App({ outdir: 'unused' });
    new Workshop(app, config);
    return synthCharts(app);
  }
  const outputs: ChartOutput[] = [];
  for (const { student, props } of studentWorkshops(config)) {
    const app = new App({ outdir: 'unused' });
    new Workshop(app, props);
    outputs.push(...synthCharts(app, studentFile(student)));
  }
  return outputs;
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

/**
 * The objects of one chart with the construct path and output file of each. Objects are matched
 * to their ApiObject by kind, namespace and name.
 */
function bundleObjects(chart: Chart, objects: any[], file: string): BundleObject[] {
  const paths = new Map<string, string>();
  for (const c of chart.node.findAll()) {
    if (c instanceof ApiObject) paths.set(`${c.kind}/${c.metadata.namespace ?? chart.namespace}/${c.name}`, c.node.path);
  }
  return objects.map((manifest) => ({ manifest, file, constructPath: paths.get(`${manifest.kind}/${manifest.metadata?.namespace}/${manifest.metadata?.name}`) }));
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
    for (; i < outputs.length && outputs[i].file === file; i++) parts.push(DOCUMENT_START + yamlDocuments(outputs[i].objects, alike));
    yield { path: file, content: parts.join('') };
  }
}

/** Every file renderFiles renders, at once. */
export function toFiles(outputs: ChartOutput[], alike?: (manifest: object) => object): OutputFile[] {
  return [...renderFiles(outputs, alike)];
}
