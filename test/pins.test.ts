// Loud pins: what the project relies on that its dependencies (or Node) do not promise, each
// checked here with a message that names the private API, the version it was written against and
// what to do, so an upgrade that changes one fails here first, plainly, instead of somewhere else
// as a puzzle. Where a public API does the job, the project uses it instead and needs no pin.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { ApiObject, App } from 'cdk8s';
import { Workshop } from '../lib/workshop';
import { loadWorkshopConfig } from '../src/config';
import { studentWorkshops } from '../src/fleet';
import { synthCharts } from '../src/synth';
import { YAML_PACKAGE_JSON } from '../src/yaml';
import { ROOT, tempDir } from './util';
import type { Json } from '../src/json';

/** The versions the pins below were written against. */
const CDK8S = '2.70.106';
const NODE = 'Node 20.20, 22.23 and 24.22';
const CDK8S_CLI = '2.207.60';

const installed = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;

/** Fails with `message` (and the versions installed) unless `ok`. */
function pin(ok: boolean, message: string): void {
  if (!ok)
    throw new Error(
      `${message}\n(installed: cdk8s ${installed('cdk8s')}, cdk8s-cli ${installed('cdk8s-cli')}, yaml ${installed('yaml')}, Node ${process.version})`,
    );
}

describe('pins', () => {
  test("src/synth.ts: Chart.toJson() renders a chart's ApiObjects in DependencyGraph(chart.node).topology() order", () => {
    const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
    const apps = [config, studentWorkshops({ ...config, students: ['alice', 'bob'] })[1].props].map((props) => {
      const app = new App({ outdir: 'unused' });
      new Workshop(app, props);
      return app;
    });
    for (const app of apps) {
      const byPath = new Map(
        app.node
          .findAll()
          .filter((c): c is ApiObject => c instanceof ApiObject)
          .map((o) => [o.node.path, o]),
      );
      const outputs = synthCharts(app, undefined, undefined);
      expect(outputs.length).toBeGreaterThan(10);
      for (const [chart, output] of app.charts.map((c, i) => [c, outputs[i]] as const)) {
        const rendered = chart.toJson();
        const inOrder =
          rendered.length === output.bundle.length &&
          output.bundle.every(
            (b, i) =>
              b.constructPath !== undefined && isDeepStrictEqual(byPath.get(b.constructPath)?.toJson(), rendered[i]),
          );
        pin(
          inOrder && isDeepStrictEqual(output.objects, rendered),
          `src/synth.ts (apiObjectsOf) assumes that Chart.toJson() in cdk8s ${CDK8S} renders a chart's ApiObjects in the order of ` +
            "new DependencyGraph(chart.node).topology(), filtered to the chart's own ApiObjects, as cdk8s's private chartToKube " +
            `(cdk8s/lib/app.js) does; chart ${chart.node.id} now renders otherwise, so synth would pair manifests with the wrong ` +
            'construct paths. Make apiObjectsOf order them as the new cdk8s does (read its App._synthChart), or pin cdk8s back.',
        );
      }
    }
  });

  test("scripts/app.js: Node's private Module.prototype._compile runs the bundle as a module named beside its entry, with require() and import()", () => {
    const why =
      `scripts/app.js runs the synth bundle with Node's private Module.prototype._compile on a new Module(filename, parent), ` +
      `as ${NODE} has them, so the bundle gets __filename/__dirname beside its entry, the project's require() and a working ` +
      'import() (see the comment at its end); ';
    const Module = require('module');
    pin(
      typeof Module === 'function' && typeof Module.prototype._compile === 'function',
      `${why}this Node has no Module.prototype._compile: run the bundle another way (module.registerHooks, or vm with importModuleDynamically).`,
    );
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'app.js'), 'test/app-probe.ts'], {
      cwd: ROOT,
      encoding: 'utf-8',
    });
    let seen: Json;
    try {
      seen = JSON.parse(run.stdout);
    } catch {
      seen = undefined;
    }
    pin(
      run.status === 0 &&
        isDeepStrictEqual(seen, {
          filename: path.join(ROOT, 'test', 'app-probe.bundle.js'),
          dirname: path.join(ROOT, 'test'),
          cdk8s: require.resolve('cdk8s'),
          imported: 'function',
        }),
      `${why}on this Node the bundle of test/app-probe.ts ran otherwise (exit ${run.status}): ${run.stdout}${run.stderr}`,
    );
  }, 60_000);

  test("src/yaml.ts: the yaml package it takes is the copy cdk8s loads, the version of the project's own", () => {
    const why =
      `src/yaml.ts takes the yaml package cdk8s loads (cdk8s ${CDK8S} bundles one in cdk8s/node_modules/yaml and loads it ` +
      "with its index) rather than the project's own dependency: that saves loading a second copy, 25-45 ms of every synth, and " +
      "the YAML writer then renders strings with the very code of cdk8s's Yaml.stringify; ";
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `
      const path = require('path');
      require('cdk8s');
      const taken = require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] });
      process.stdout.write(JSON.stringify({ taken, loaded: taken in require.cache }));`,
      ],
      { cwd: ROOT, encoding: 'utf-8' },
    );
    const seen = JSON.parse(probe.stdout || '{}');
    pin(
      seen.loaded === true,
      `${why}loading this cdk8s does not load ${seen.taken}: take the project's own instead (in src/yaml.ts, require('yaml')).`,
    );
    const theirs = JSON.parse(fs.readFileSync(YAML_PACKAGE_JSON, 'utf-8')).version;
    pin(
      theirs === installed('yaml'),
      `${why}cdk8s's copy (${YAML_PACKAGE_JSON}) is yaml ${theirs} but the project's own is ${installed('yaml')}, ` +
        `which gives the types and the tests: set package.json's yaml to ${theirs}.`,
    );
  }, 60_000);

  test("scripts/import-k8s.js: cdk8s-cli's internal modules it loads and patches are where it expects, and it writes imports/k8s.ts as it is", () => {
    const why =
      `scripts/import-k8s.js generates imports/k8s.ts from schemas/ offline by loading cdk8s-cli's internal modules by file path ` +
      `and replacing lib/util's download, as cdk8s-cli ${CDK8S_CLI} has them (cdk8s-cli has no public way to import k8s from a local file); `;
    const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
    const load = (file: string) => {
      try {
        return require(path.join(cli, file));
      } catch (err) {
        throw new Error(
          `${why}this cdk8s-cli has no ${file}: ${(err as Error).message}. Find where it moved and update scripts/import-k8s.js.`,
          { cause: err },
        );
      }
    };
    pin(
      typeof load('lib/util').download === 'function',
      `${why}this cdk8s-cli's lib/util exports no download function.`,
    );
    pin(
      typeof load('lib/import/dispatch').importDispatch === 'function',
      `${why}this cdk8s-cli's lib/import/dispatch exports no importDispatch.`,
    );
    pin(
      load('lib/import/base').Language?.TYPESCRIPT !== undefined,
      `${why}this cdk8s-cli's lib/import/base exports no Language.TYPESCRIPT.`,
    );
    const outdir = tempDir();
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts', 'import-k8s.js'), path.join(ROOT, 'schemas', 'v1.27.0', '_definitions.json'), outdir],
      { cwd: ROOT, encoding: 'utf-8' },
    );
    pin(
      run.status === 0 && run.stderr.includes('using local schema'),
      `${why}with this cdk8s-cli the import failed or did not go through the replaced download (exit ${run.status}):\n${run.stderr}`,
    );
    const written = path.join(outdir, 'k8s.ts');
    pin(
      fs.existsSync(written) &&
        fs.readFileSync(written, 'utf-8') === fs.readFileSync(path.join(ROOT, 'imports', 'k8s.ts'), 'utf-8'),
      `${why}this cdk8s-cli generates another imports/k8s.ts: run npm run import and review the difference.`,
    );
  }, 60_000);
});
