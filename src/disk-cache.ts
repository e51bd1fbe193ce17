// The project's cache on disk, under node_modules/.cache/workshop: generated code that is slow to
// make and quick to load (ajv validators). Every entry starts with a header naming what it was made
// from (a hash of its key) and a hash of its body; an entry whose header does not match, whose body
// is damaged or whose code fails to load is rebuilt and rewritten, so the cache can make synth
// neither fail nor differ. Deleting it only costs the next run the work again.
import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';
import { writeFileAtomically } from './output';

/**
 * The installed package `name` as Node finds it from folder `from` (a package's own folder finds
 * its nested dependencies), without the package's `exports` getting in the way.
 */
export function packageDir(name: string, from: string = __dirname): string {
  // The folders a require() from a file in `from` looks in, in order (the file need not exist).
  for (const dir of createRequire(path.join(from, 'index.js')).resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`package ${name} is not installed; run npm ci`);
}

export function packageVersion(name: string, from?: string): string {
  return JSON.parse(fs.readFileSync(path.join(packageDir(name, from), 'package.json'), 'utf-8')).version;
}

/** `node_modules/.cache/workshop/<parts...>` of the node_modules folder the dependencies are installed in. */
export function cachePath(...parts: string[]): string {
  return path.join(path.dirname(packageDir('cdk8s')), '.cache', 'workshop', ...parts);
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const header = (key: string, body: string | Uint8Array) => `// workshop-cache ${sha256(key)} ${sha256(body)}\n`;

/** The body (bytes) of cache entry `file` if it was made for `key` and is intact, else undefined. */
function readEntry(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = data.indexOf(0x0a);
  const body = data.subarray(newline + 1);
  return newline > 0 && data.subarray(0, newline + 1).toString('latin1') === header(key, body) ? body : undefined;
}

/** The body of cache entry `file` if it was made for `key` and is intact, else undefined. */
export function readCacheEntry(file: string, key: string): string | undefined {
  return readEntry(file, key)?.toString('utf-8');
}

/**
 * Writes a cache entry under a temporary name and renames it, so a concurrent run never reads half
 * a file. A failure (read-only node_modules) is ignored: it only costs the next run the work again.
 */
export function writeCacheEntry(file: string, key: string, body: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomically(
      file,
      Buffer.concat([Buffer.from(header(key, body)), typeof body === 'string' ? Buffer.from(body) : body]),
    );
  } catch {
    // See above.
  }
}

/**
 * Compiles and runs `code` as the CommonJS module `file`, with V8's code cache for it kept in entry
 * `<file>.v8`: V8 then skips parsing and compiling what it compiled before (the 1.36 validators,
 * 1.5 MB of generated code, load in about 20 ms instead of 45). That entry names the Node version,
 * architecture and code it was made for, and is checked by hash like every other: V8 itself checks
 * only the version and source the data claims, not that the data is intact. A missing, damaged or
 * refused entry costs a normal compile and is rewritten.
 */
function runModule(file: string, code: string): unknown {
  const m = { exports: {} };
  const v8Entry = `${file}.v8`;
  const v8Key = `v8-code-cache ${process.version} ${process.arch} ${sha256(code)}`;
  const cachedData = readEntry(v8Entry, v8Key);
  // The CommonJS wrapper, as Node writes it (public APIs only: vm.Script and createRequire).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${code}\n});`, {
    filename: file,
    cachedData,
  });
  script.runInThisContext().call(m.exports, m.exports, createRequire(file), m, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) writeCacheEntry(v8Entry, v8Key, script.createCachedData());
  return m.exports;
}

/**
 * A CommonJS module of generated code, kept in cache entry `file` for `key` (which must name
 * everything the code is made from). `isComplete` checks the loaded exports (what a module of the
 * cache holds is not known until then); an entry that is missing, damaged, fails to load or is
 * incomplete is built again with `build` and rewritten.
 */
export function cachedModule<T>(
  file: string,
  key: string,
  build: () => string,
  isComplete: (exports: Partial<T>) => boolean,
): T {
  const cached = readCacheEntry(file, key);
  if (cached !== undefined) {
    try {
      const exports = runModule(file, cached) as Partial<T>;
      if (isComplete(exports)) return exports as T;
    } catch {
      // Rebuilt below.
    }
  }
  const code = build();
  writeCacheEntry(file, key, code);
  return runModule(file, code) as T;
}
