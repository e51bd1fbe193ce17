// The yaml package, the copy cdk8s itself loads. cdk8s bundles its own (cdk8s/node_modules/yaml)
// and every app loads it; taking that copy rather than a second one saves loading one (25-45 ms of
// every synth), and the YAML writer then renders strings with the very code cdk8s's Yaml.stringify
// uses. The project's own `yaml` dependency gives the types and serves the tests. What cdk8s
// bundles and loads is not its API: test/pins.test.ts fails, saying what to do, if cdk8s stops
// loading a yaml package or bundles another version than the project's.
import * as path from 'path';

const fromCdk8s = { paths: [path.dirname(require.resolve('cdk8s'))] };

/** The package.json of the yaml package cdk8s loads (its own bundled copy, else the project's). */
export const YAML_PACKAGE_JSON = require.resolve('yaml/package.json', fromCdk8s);

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy cdk8s loads, found by path (test/pins.test.ts)
export const YAML: typeof import('yaml') = require(require.resolve('yaml', fromCdk8s));
