// Compiles a JSON Schema with ajv once and keeps ajv's standalone validation code in
// node_modules/.cache, keyed by a hash of the schema and the options. Later runs load that file
// instead of loading ajv and generating the code again (tens of milliseconds per schema), which
// keeps synth fast. The cache can always be deleted; it is rebuilt on the next run.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cachePath, writeCacheFile } from './disk-cache';
import type { Options, ValidateFunction } from 'ajv';

/**
 * A validate function for `schema`. `key` names the schema's content cheaply: pass a content
 * hash or a package version when hashing the schema itself would cost more than compiling it.
 */
export function compiledValidator<T = unknown>(schema: () => object, options: Options, key?: string): ValidateFunction<T> {
  const ajvVersion: string = require('ajv/package.json').version;
  return cachedModule(`${ajvVersion}\n${JSON.stringify(options)}\n${key ?? JSON.stringify(schema())}`, () => {
    const Ajv = require('ajv').default;
    const standaloneCode = require('ajv/dist/standalone').default;
    const ajv = new Ajv({ ...options, code: { ...options.code, source: true } });
    return standaloneCode(ajv, ajv.compile(schema()));
  });
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
  const file = cachedModuleFile(key);
  let code: string | undefined;
  try {
    code = fs.readFileSync(file, 'utf-8');
  } catch {
    // Not built yet (or unreadable): build below.
  }
  if (code === undefined) {
    code = build();
    // With a read-only node_modules the code runs from memory and the next run builds it again.
    writeCacheFile(file, code);
  }
  return runModule(file, code);
}

/** Where `cachedModule(key)` keeps its code (and `<file>.v8` its V8 code cache). */
export function cachedModuleFile(key: string): string {
  return cachePath('workshop-schemas', `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.js`);
}

/** Code caches to write when the process exits, behind one `exit` listener however many modules load. */
const codeCachesAtExit: Array<() => void> = [];

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
    if (codeCachesAtExit.length === 0) process.once('exit', () => codeCachesAtExit.splice(0).forEach((write) => write()));
    codeCachesAtExit.push(() => writeCacheFile(v8File, script.createCachedData()));
  }
  return m.exports;
}
