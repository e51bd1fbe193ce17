// Compiles a JSON Schema with ajv once and keeps ajv's standalone validation code in
// node_modules/.cache, keyed by a hash of the schema and the options. Later runs load that file
// instead of loading ajv and generating the code again (tens of milliseconds per schema), which
// keeps synth fast. The cache can always be deleted; it is rebuilt on the next run.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Options, ValidateFunction } from 'ajv';

function cacheDir(): string {
  return path.join(path.dirname(require.resolve('ajv/package.json')), '..', '.cache', 'workshop-schemas');
}

/**
 * A validate function for `schema`. `key` names the schema's content cheaply: pass a content
 * hash or a package version when hashing the schema itself would cost more than compiling it.
 */
export function compiledValidator<T = unknown>(schema: () => object, options: Options, key?: string): ValidateFunction<T> {
  const ajvVersion: string = require('ajv/package.json').version;
  const id = createHash('sha256')
    .update(`${ajvVersion}\n${JSON.stringify(options)}\n${key ?? JSON.stringify(schema())}`)
    .digest('hex').slice(0, 32);
  const file = path.join(cacheDir(), `${id}.js`);
  try {
    return require(file);
  } catch {
    // Not built yet (or unreadable): compile below.
  }
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new Ajv({ ...options, code: { ...options.code, source: true } });
  const validate = ajv.compile(schema());
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, standaloneCode(ajv, validate));
    fs.renameSync(tmp, file);
  } catch {
    // A read-only node_modules only costs the next run a compile.
  }
  return validate;
}

/**
 * A CommonJS module of generated code (e.g. ajv standalone code exporting several validators),
 * cached in the same directory under a hash of `key`. `key` must name everything the code is built
 * from (package versions, options, generator version): a cached file is never checked otherwise.
 *
 * Large generated modules also keep V8's code cache beside them (`.v8`, written when the process
 * exits, so it holds the functions that ran compiled too): the schema validators load and first-run
 * in ~15 ms instead of ~50-70.
 */
export function cachedModule<T>(key: string, build: () => string): T {
  const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
  const file = path.join(cacheDir(), `${id}.js`);
  let code: string | undefined;
  try {
    code = fs.readFileSync(file, 'utf-8');
  } catch {
    // Not built yet (or unreadable): build below.
  }
  if (code === undefined) {
    code = build();
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}`;
      fs.writeFileSync(tmp, code);
      fs.renameSync(tmp, file);
    } catch {
      // A read-only node_modules: run the code from memory; the next run builds it again.
    }
  }
  return runModule(file, code);
}

function runModule(file: string, code: string): any {
  const Module = require('module');
  const vm: typeof import('vm') = require('vm');
  const v8File = `${file}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(v8File);
  } catch {
    // No code cache yet.
  }
  const script = new vm.Script(Module.wrap(code), { filename: file, cachedData });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const tmp = `${v8File}.${process.pid}`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, v8File);
      } catch {
        // Only costs the next run the compile.
      }
    });
  }
  return m.exports;
}
