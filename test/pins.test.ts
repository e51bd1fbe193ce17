// Loud pins: what the project relies on that its dependencies (or Node) do not promise, each
// checked here with a message that names the private API, the version it was written against and
// what to do, so an upgrade that changes one fails here first, plainly, instead of somewhere else
// as a puzzle. Where a public API does the job, the project uses it instead and needs no pin.
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { ApiObject, App } from 'cdk8s';
import { Workshop } from '../lib/workshop';
import { loadWorkshopConfig } from '../src/config';
import { studentWorkshops } from '../src/fleet';
import { synthCharts } from '../src/synth';
import { ROOT } from './util';

/** The versions the pins below were written against. */
const CDK8S = '2.70.106';

const installed = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;

/** Fails with `message` (and the versions installed) unless `ok`. */
function pin(ok: boolean, message: string): void {
  if (!ok) throw new Error(`${message}\n(installed: cdk8s ${installed('cdk8s')}, cdk8s-cli ${installed('cdk8s-cli')}, yaml ${installed('yaml')}, Node ${process.version})`);
}

describe('pins', () => {
  test('src/synth.ts: Chart.toJson() renders a chart\'s ApiObjects in DependencyGraph(chart.node).topology() order', () => {
    const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
    const apps = [config, studentWorkshops({ ...config, students: ['alice', 'bob'] })[1].props].map((props) => {
      const app = new App({ outdir: 'unused' });
      new Workshop(app, props);
      return app;
    });
    for (const app of apps) {
      const byPath = new Map(app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => [o.node.path, o]));
      const outputs = synthCharts(app, undefined, undefined);
      expect(outputs.length).toBeGreaterThan(10);
      for (const [chart, output] of app.charts.map((c, i) => [c, outputs[i]] as const)) {
        const rendered = chart.toJson();
        const inOrder = rendered.length === output.bundle.length &&
          output.bundle.every((b, i) => b.constructPath !== undefined && isDeepStrictEqual(byPath.get(b.constructPath)?.toJson(), rendered[i]));
        pin(inOrder && isDeepStrictEqual(output.objects, rendered),
          `src/synth.ts (apiObjectsOf) assumes that Chart.toJson() in cdk8s ${CDK8S} renders a chart's ApiObjects in the order of ` +
          'new DependencyGraph(chart.node).topology(), filtered to the chart\'s own ApiObjects, as cdk8s\'s private chartToKube ' +
          `(cdk8s/lib/app.js) does; chart ${chart.node.id} now renders otherwise, so synth would pair manifests with the wrong ` +
          'construct paths. Make apiObjectsOf order them as the new cdk8s does (read its App._synthChart), or pin cdk8s back.');
      }
    }
  });
});
