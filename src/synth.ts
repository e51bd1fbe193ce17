import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { Workshop } from '../lib/workshop';
import type { WorkshopConfig } from './config-types';
import { studentWorkshops } from './fleet';
import { DOCUMENT_START, OutputFile } from './output';
import type { BundleObject } from './validation/types';

/** The manifests of one chart, as they will be written. */
export interface ChartOutput {
  /** Output file, relative to the output folder: `NNNN-<chart id>.k8s.yaml`, as cdk8s names it. */
  readonly file: string;
  readonly chart: Chart;
  readonly objects: any[];
}

/**
 * Synthesizes every chart of an app, in dependency order, named the way `App.synth()` names
 * charts that depend on each other (`0000-namespace.k8s.yaml`, `0001-trace-job.k8s.yaml`, ...).
 * Each chart's `toJson()` resolves and validates its whole app, so callers keep apps small
 * (one per namespace) to keep the total cost linear.
 */
export function synthCharts(app: App, folder = ''): ChartOutput[] {
  return app.charts.map((chart) => ({ file: chartFile(app, chart, folder), chart, objects: chart.toJson() }));
}

/** The output file of `chart`: `NNNN-<chart id>.k8s.yaml`, numbered by its place in the app. */
export function chartFile(app: App, chart: Chart, folder = ''): string {
  return path(folder, `${String(app.charts.indexOf(chart)).padStart(4, '0')}-${chart.node.id}.k8s.yaml`);
}

function path(folder: string, file: string): string {
  return folder ? `${folder}/${file}` : file;
}

/**
 * Builds the workshop described by `config` and returns its manifests, chart by chart: one
 * namespace, or with `students:` one namespace per student, each in its own folder.
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
  return studentWorkshops(config).flatMap(({ student, props }) => {
    const app = new App({ outdir: 'unused' });
    new Workshop(app, props);
    return synthCharts(app, student);
  });
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
 * The synthesized objects with the construct path and output file of each, for validation.
 * Objects are matched to their ApiObject by kind, namespace and name.
 */
export function bundleOf(outputs: ChartOutput[]): BundleObject[] {
  const out: BundleObject[] = [];
  for (const o of outputs) {
    const paths = new Map<string, string>();
    for (const c of o.chart.node.findAll()) {
      if (c instanceof ApiObject) paths.set(`${c.kind}/${c.metadata.namespace ?? o.chart.namespace}/${c.name}`, c.node.path);
    }
    for (const manifest of o.objects) {
      const key = `${manifest.kind}/${manifest.metadata?.namespace}/${manifest.metadata?.name}`;
      out.push({ manifest, file: o.file, constructPath: paths.get(key) });
    }
  }
  return out;
}

/** Renders chart outputs as YAML files: what `App.synth()` writes, after a leading document marker. */
export function toFiles(outputs: ChartOutput[]): OutputFile[] {
  return outputs.map((o) => ({ path: o.file, content: DOCUMENT_START + Yaml.stringify(...o.objects) }));
}
