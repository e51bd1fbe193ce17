#!/usr/bin/env node
// The `app:` step of cdk8s.yaml, also `npm run synth`. Runs main.ts without ts-node:
// esbuild bundles main.ts, lib/, src/ and imports/ into one CommonJS file (~0.1 s), which is
// cached under node_modules/.cache/workshop/app. Its first line records the content hash of every
// file that went into it and of the bundle itself: an edit to any input forces a rebuild, so stale
// code never runs, and a damaged or truncated entry is rebuilt, so it never runs either.
// Type checking is not done here: `npm test` and `npm run build` do it.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const root = path.resolve(__dirname, '..');
// `node scripts/app.js src/verify/main.ts verify ...` runs another entry the same way; the entry
// is taken off argv, so the program sees only its own arguments.
const entry = process.argv[2]?.endsWith('.ts')
  ? process.argv.splice(2, 1)[0]
  : process.env.WORKSHOP_APP_ENTRY || 'main.ts';
const cacheDir = path.join(root, 'node_modules', '.cache', 'workshop', 'app');
const bundleFile = path.join(cacheDir, `${entry.replace(/[^A-Za-z0-9]+/g, '_')}.js`);
const HEADER = '// workshop-app ';

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const digest = (file) => sha256(fs.readFileSync(path.join(root, file)));

/** The cached bundle, if it is intact and every input it was built from is unchanged. */
function cachedBundle() {
  try {
    const text = fs.readFileSync(bundleFile, 'utf-8');
    const newline = text.indexOf('\n');
    if (!text.startsWith(HEADER) || newline < 0) return undefined;
    const { inputs, code: codeHash } = JSON.parse(text.slice(HEADER.length, newline));
    const code = text.slice(newline + 1);
    if (sha256(code) !== codeHash) return undefined;
    for (const [file, hash] of Object.entries(inputs)) {
      if (digest(file) !== hash) return undefined;
    }
    return code;
  } catch {
    return undefined;
  }
}

function build() {
  const result = require('esbuild').buildSync({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'error',
    outfile: bundleFile,
  });
  const code = result.outputFiles[0].text;
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = digest(file);
  try {
    // Written to temporary names and renamed, so a concurrent run never reads half a file.
    fs.mkdirSync(cacheDir, { recursive: true });
    // A random name created exclusively ('wx'): a name planted in the cache folder is never opened.
    const tmp = `${bundleFile}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`;
    fs.writeFileSync(tmp, `${HEADER}${JSON.stringify({ inputs, code: sha256(code) })}\n${code}`, { flag: 'wx' });
    fs.renameSync(tmp, bundleFile);
  } catch {
    // A read-only node_modules only costs the next run a rebuild.
  }
  return code;
}

// WORKSHOP_APP_CACHE_BUST=1 forces a rebuild (the benchmark uses it to time the run after an edit).
const code = (process.env.WORKSHOP_APP_CACHE_BUST ? undefined : cachedBundle()) ?? build();
// Run as a CommonJS module named beside its entry, so __dirname is the entry's folder and require()
// finds packages as this script does. Node's private Module.prototype._compile is the one way that
// also gives the code a working import() (the verify entry imports the ESM-only client-node): the
// public vm.Script and vm.compileFunction need the experimental vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
// for that, which prints a warning, and require() of the cached file would make __dirname the cache
// folder. test/pins.test.ts fails, naming _compile, if a Node release changes what is used here.
const filename = path.join(root, entry.replace(/\.ts$/, '.bundle.js'));
const app = new Module(filename, module);
app.filename = filename;
app.paths = module.paths;
app._compile(code, filename);
