#!/usr/bin/env node
// Generates imports/k8s.ts exactly as `cdk8s import k8s@1.27.0` would, but from a local copy of the
// Kubernetes OpenAPI definitions when one is given (this machine cannot download the schema).
//
//   npm run import                          # downloads cdk8s's usual URL for v1.27.0
//   npm run import -- path/to/_definitions.json
//   K8S_SCHEMA=path/to/_definitions.json npm run import
//
// Only cdk8s-cli's download step is swapped; its importer and code generator run unchanged.
'use strict';
const fs = require('fs');
const path = require('path');
// cdk8s-cli exports no programmatic API for imports, so its modules are loaded by file path.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cli, 'lib/util'));
const { importDispatch } = require(path.join(cli, 'lib/import/dispatch'));
const { Language } = require(path.join(cli, 'lib/import/base'));

const K8S_VERSION = '1.27.0';
const localFile = process.argv[2] || process.env.K8S_SCHEMA;

async function main() {
  if (localFile) {
    const file = path.resolve(localFile);
    if (!fs.existsSync(file)) {
      throw new Error(`schema file ${file} does not exist`);
    }
    const download = util.download;
    util.download = async (url) => {
      if (url.endsWith(`/v${K8S_VERSION}/_definitions.json`)) {
        console.error(`using local schema ${file} instead of ${url}`);
        return fs.readFileSync(file, 'utf-8');
      }
      return download(url);
    };
  }
  await importDispatch([{ source: `k8s@${K8S_VERSION}` }], {}, {
    outdir: path.join(__dirname, '..', 'imports'),
    targetLanguage: Language.TYPESCRIPT,
    save: false,
  });
}

main().catch((err) => {
  console.error(`import failed: ${err.message}`);
  process.exit(1);
});
