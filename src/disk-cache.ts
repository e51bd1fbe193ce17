// The project's caches on disk, under node_modules/.cache: compiled schema validators
// (src/compiled-schema.ts). Every entry is keyed by what it
// was made from, so it is never stale; any of them can be deleted and is rebuilt on the next run.
import * as fs from 'fs';
import * as path from 'path';

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

/** `node_modules/.cache/<parts...>` of the node_modules folder the dependencies are installed in. */
export function cachePath(...parts: string[]): string {
  return path.join(path.dirname(packageDir('cdk8s')), '.cache', ...parts);
}

/**
 * Writes a cache entry under a temporary name and renames it, so a concurrent run never reads half
 * a file. A failure (read-only node_modules) is ignored: it only costs the next run the work again.
 */
export function writeCacheFile(file: string, content: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch {
    // See above.
  }
}
