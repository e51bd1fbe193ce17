// The project's cache on disk, under node_modules/.cache/workshop: generated code that is slow to
// make and quick to load (ajv validators). Every entry starts with a header naming what it was made
// from (a hash of its key) and a hash of its body; an entry whose header does not match, whose body
// is damaged or whose code fails to load is rebuilt and rewritten, so the cache can make synth
// neither fail nor differ. Deleting it only costs the next run the work again.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomically } from './output';

/**
 * The installed package `name` as Node finds it from folder `from` (a package's own folder finds
 * its nested dependencies), without the package's `exports` getting in the way.
 */
export function packageDir(name: string, from: string = __dirname): string {
  for (const dir of require('module')._nodeModulePaths(from) as string[]) {
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const header = (key: string, body: string) => `// workshop-cache ${sha256(key)} ${sha256(body)}\n`;

/** The body of cache entry `file` if it was made for `key` and is intact, else undefined. */
export function readCacheEntry(file: string, key: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const body = text.slice(newline + 1);
  return newline > 0 && text.slice(0, newline + 1) === header(key, body) ? body : undefined;
}

/**
 * Writes a cache entry under a temporary name and renames it, so a concurrent run never reads half
 * a file. A failure (read-only node_modules) is ignored: it only costs the next run the work again.
 */
export function writeCacheEntry(file: string, key: string, body: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomically(file, header(key, body) + body);
  } catch {
    // See above.
  }
}

function runModule(file: string, code: string): any {
  const Module = require('module');
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(code, file);
  return m.exports;
}

/**
 * A CommonJS module of generated code, kept in cache entry `file` for `key` (which must name
 * everything the code is made from). `isComplete` checks the loaded exports; an entry that is
 * missing, damaged, fails to load or is incomplete is built again with `build` and rewritten.
 */
export function cachedModule<T>(file: string, key: string, build: () => string, isComplete: (exports: any) => boolean): T {
  const cached = readCacheEntry(file, key);
  if (cached !== undefined) {
    try {
      const exports = runModule(file, cached);
      if (isComplete(exports)) return exports;
    } catch {
      // Rebuilt below.
    }
  }
  const code = build();
  writeCacheEntry(file, key, code);
  return runModule(file, code);
}
