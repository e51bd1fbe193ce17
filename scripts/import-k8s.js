#!/usr/bin/env node
// Generates imports/k8s.ts exactly as `cdk8s import k8s@1.27.0` would, from the project's vendored
// copy of the Kubernetes OpenAPI definitions, schemas/v1.27.0/_definitions.json: the same file the
// validation reads, so the types and the checks cannot drift apart. Nothing is downloaded.
//
//   npm run import                          # from schemas/v1.27.0/_definitions.json
//   npm run import -- path/to/_definitions.json
//   npm run import -- path/to/_definitions.json outdir   # into another folder than imports/
//
// Only cdk8s-cli's download step is swapped; its importer and code generator run unchanged.
// cdk8s-cli has no public way to do this (`cdk8s import k8s@...` always downloads, and a local file
// is read as CRDs): test/pins.test.ts fails, naming what moved, if an upgrade moves what is used here.
'use strict';
const fs = require('fs');
const path = require('path');
// cdk8s-cli exports no programmatic API for imports, so its modules are loaded by file path.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cli, 'lib/util'));
const { importDispatch } = require(path.join(cli, 'lib/import/dispatch'));
const { Language } = require(path.join(cli, 'lib/import/base'));

const K8S_VERSION = '1.27.0';
const localFile = process.argv[2] || path.join(__dirname, '..', 'schemas', `v${K8S_VERSION}`, '_definitions.json');

async function main() {
  {
    const file = path.resolve(localFile);
    if (!fs.existsSync(file)) {
      throw new Error(`schema file ${file} does not exist`);
    }
    util.download = async (url) => {
      if (url.endsWith(`/v${K8S_VERSION}/_definitions.json`)) {
        console.error(`using local schema ${file} instead of ${url}`);
        return fs.readFileSync(file, 'utf-8');
      }
      throw new Error(`refusing to download ${url}: the definitions come from ${file}`);
    };
  }
  await importDispatch(
    [{ source: `k8s@${K8S_VERSION}` }],
    {},
    {
      outdir: path.resolve(process.argv[3] || path.join(__dirname, '..', 'imports')),
      targetLanguage: Language.TYPESCRIPT,
      save: false,
    },
  );
}

main().catch((err) => {
  console.error(`import failed: ${err.message}`);
  process.exit(1);
});
