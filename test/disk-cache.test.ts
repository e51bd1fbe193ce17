// The disk cache can make synth neither fail, nor skip writing, nor differ: a damaged entry is
// detected and rebuilt.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cachedModule, readCacheEntry, writeCacheEntry } from '../src/disk-cache';
import { ROOT, tempDir } from './util';

describe('cache entries', () => {
  const dir = tempDir('workshop-cache-');
  const file = path.join(dir, 'entry.js');
  let builds = 0;
  const build = () => {
    builds++;
    return 'exports.answer = 42;\n';
  };
  const load = (key = 'k1') => cachedModule<{ answer: number }>(file, key, build, (e) => e.answer === 42);

  beforeEach(() => {
    fs.rmSync(file, { force: true });
    builds = 0;
  });

  test('builds once, then loads what it wrote', () => {
    expect(load().answer).toEqual(42);
    expect(load().answer).toEqual(42);
    expect(builds).toEqual(1);
    expect(readCacheEntry(file, 'k1')).toEqual('exports.answer = 42;\n');
  });

  test('rebuilds an entry made for another key', () => {
    load('k1');
    expect(readCacheEntry(file, 'k2')).toBeUndefined();
    load('k2');
    expect(builds).toEqual(2);
  });

  test.each([
    ['truncated', (text: string) => text.slice(0, text.length - 5)],
    ['garbled', (text: string) => text.replace('42', '43')],
    ['without its header', (text: string) => text.slice(text.indexOf('\n') + 1)],
    ['empty', () => ''],
    ['binary noise', () => '\u0000\u00ff'.repeat(100)],
  ])('rebuilds an entry that is %s', (_what, damage) => {
    load();
    fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf-8')));
    expect(load().answer).toEqual(42);
    expect(builds).toEqual(2);
    expect(readCacheEntry(file, 'k1')).toEqual('exports.answer = 42;\n');
  });

  test('rebuilds an intact entry whose code throws or lacks what it should export', () => {
    writeCacheEntry(file, 'k1', 'throw new Error("stale generator");');
    expect(load().answer).toEqual(42);
    writeCacheEntry(file, 'k1', 'exports.answer = 41;');
    expect(load().answer).toEqual(42);
    expect(builds).toEqual(2);
  });

  test('a cache it cannot write only costs the work again', () => {
    const readOnly = path.join(dir, 'missing-folder', 'entry.js');
    fs.writeFileSync(path.join(dir, 'missing-folder'), 'a file where the folder should be');
    expect(cachedModule<{ answer: number }>(readOnly, 'k1', build, (e) => e.answer === 42).answer).toEqual(42);
  });
});

describe('synth over a damaged cache', () => {
  const CACHE = path.join(ROOT, 'node_modules', '.cache', 'workshop');
  const synth = (outdir: string) => spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'app.js')], {
    cwd: ROOT, encoding: 'utf-8', env: { PATH: process.env.PATH, CDK8S_OUTDIR: outdir },
  });
  const firstJs = (dir: string) => (fs.readdirSync(dir) as string[]).filter((f) => f.endsWith('.js')).sort()[0];
  const files = (dir: string) => Object.fromEntries((fs.readdirSync(dir) as string[]).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf-8')]));

  test('writes the same files after the bundle, the config validator and schema entries are truncated or garbled', () => {
    const dir = tempDir();
    const first = synth(path.join(dir, 'before'));
    expect(first.status).toBe(0);
    const app = path.join(CACHE, 'app', 'main_ts.js');
    const text = fs.readFileSync(app, 'utf-8');
    // Cut at a line break: still valid JavaScript, which used to run half the app and exit 0.
    fs.writeFileSync(app, text.slice(0, text.lastIndexOf('\n', text.length / 2)));
    const damaged = new Map<string, string>([[app, fs.readFileSync(app, 'utf-8')]]);
    // One release's schema module stands for both: they are made and checked by the same code.
    for (const [entry, damage] of [[path.join('validators', firstJs(path.join(CACHE, 'validators'))), 'truncate'], [path.join('k8s-schemas', 'v1.27.0.js'), 'garble']] as const) {
      const full = path.join(CACHE, entry);
      const body = fs.readFileSync(full, 'utf-8');
      fs.writeFileSync(full, damage === 'truncate' ? body.slice(0, body.length / 3) : body.replace(/return/g, 'retrun'));
      damaged.set(full, fs.readFileSync(full, 'utf-8'));
    }
    const second = synth(path.join(dir, 'after'));
    expect(second.stderr).toMatch(/^synthesized \d+ objects/m);
    expect(second.stderr).toEqual(first.stderr.replace('/before/', '/after/'));
    expect(second.status).toBe(0);
    expect(files(path.join(dir, 'after'))).toEqual(files(path.join(dir, 'before')));
    // Each damaged entry was one the synth needed, and it was rebuilt.
    expect([...damaged].filter(([file, text]) => fs.readFileSync(file, 'utf-8') === text).map(([file]) => file)).toEqual([]);
  });
});
