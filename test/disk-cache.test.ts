// The disk cache can make synth neither fail, nor skip writing, nor differ: a damaged entry is
// detected and rebuilt.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cachedModule, cachePath, readCacheEntry, writeCacheEntry } from '../src/disk-cache';
import type { KubernetesRelease } from '../src/k8s/openapi';
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
    fs.rmSync(`${file}.v8`, { force: true });
    builds = 0;
  });

  test("keeps V8's compiled code beside an entry, which the next load uses as it is", () => {
    load();
    const v8 = fs.readFileSync(`${file}.v8`);
    expect(v8.subarray(0, v8.indexOf(0x0a)).toString()).toMatch(/^\/\/ workshop-cache [0-9a-f]{64} [0-9a-f]{64}$/);
    // Taken by V8: a refused one would be written again.
    expect(load().answer).toEqual(42);
    expect(fs.readFileSync(`${file}.v8`).equals(v8)).toBe(true);
    expect(builds).toEqual(1);
  });

  test.each([
    ['truncated', (data: Buffer) => data.subarray(0, data.length - 7)],
    // The header intact: V8 would be given damaged data if the entry's own hash were not checked.
    [
      'garbled past its header',
      (data: Buffer) => Buffer.from(data.map((b, i) => (i > data.indexOf(0x0a) + 16 ? b ^ 0x5a : b))),
    ],
    ['made for other code', () => Buffer.from('// workshop-cache 00 00\nnot code')],
    ['empty', () => Buffer.alloc(0)],
  ])('loads with a compiled-code entry that is %s, and writes it again', (_what, damage) => {
    load();
    const good = fs.readFileSync(`${file}.v8`);
    fs.writeFileSync(`${file}.v8`, damage(good));
    expect(load().answer).toEqual(42);
    expect(builds).toEqual(1);
    const rewritten = fs.readFileSync(`${file}.v8`);
    expect(rewritten.equals(damage(good))).toBe(false);
    // Intact again: the next load takes it without writing.
    load();
    expect(fs.readFileSync(`${file}.v8`).equals(rewritten)).toBe(true);
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

// A release's schema module is made and checked by the code of the real releases (validatorsOf in
// src/k8s/openapi.ts: its cache key, its completeness check, ajv's standalone code). Rebuilding the
// module of a real release costs ajv about a second and a half, so a release of three definitions
// stands for them here; each check loads src/k8s/openapi.ts afresh, as a new synth would.
describe("a release's schema module", () => {
  const schemas = tempDir();
  const release: KubernetesRelease = { version: '0.0', folder: `v0.0.0-test-${process.pid}`, schemasDir: schemas };
  const entry = cachePath('k8s-schemas', `${release.folder}.js`);
  fs.mkdirSync(path.join(schemas, release.folder));
  fs.writeFileSync(
    path.join(schemas, release.folder, '_definitions.json'),
    JSON.stringify({
      definitions: {
        'io.k8s.api.core.v1.Pod': {
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
            spec: { $ref: '#/definitions/io.k8s.api.core.v1.PodSpec' },
          },
          'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }],
        },
        'io.k8s.api.core.v1.PodSpec': {
          type: 'object',
          properties: {
            restartPolicy: { type: 'string' },
            activeDeadlineSeconds: { type: 'integer', format: 'int64' },
          },
        },
        'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { type: 'object', properties: { name: { type: 'string' } } },
      },
    }),
  );
  afterAll(() => {
    fs.rmSync(entry, { force: true });
    fs.rmSync(`${entry}.v8`, { force: true });
  });

  const pods = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ok' }, spec: { restartPolicy: 'Never' } },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bad', nmae: 'x' },
      spec: { restartPolicy: 'Sometimes', activeDeadlineSeconds: 2 ** 64 },
    },
  ];
  /** What a freshly loaded src/k8s/openapi.ts says about each pod, through the cache entry. */
  function verdicts(): unknown[] {
    let openapi!: typeof import('../src/k8s/openapi');
    jest.isolateModules(() => {
      openapi = require('../src/k8s/openapi');
    });
    const schema = openapi.kindSchema(release, 'v1', 'Pod');
    if (!schema.served) throw new Error('v1 Pod not served');
    return pods.map((p) => [schema.validate(p), schema.validate.errors ?? null]);
  }

  test.each([
    ['truncated', (text: string) => text.slice(0, text.length / 3)],
    ['garbled', (text: string) => text.replace(/return/g, 'retrun')],
    ['empty', () => ''],
  ])('is rebuilt, the same, when it is %s, and validates as before', (_what, damage) => {
    fs.rmSync(entry, { force: true });
    const before = verdicts();
    // The rules of the definitions and of ENUMS are in it: the bad pod has three errors.
    expect(before[0]).toEqual([true, null]);
    expect((before[1] as [boolean, unknown[]])[1]).toHaveLength(3);
    const built = fs.readFileSync(entry, 'utf-8');
    expect(built).toContain('OnFailure');
    fs.writeFileSync(entry, damage(built));
    expect(verdicts()).toEqual(before);
    expect(fs.readFileSync(entry, 'utf-8')).toEqual(built);
  });
});

describe('synth over a damaged cache', () => {
  const CACHE = path.join(ROOT, 'node_modules', '.cache', 'workshop');
  const synth = (outdir: string) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'app.js')], {
      cwd: ROOT,
      encoding: 'utf-8',
      env: { PATH: process.env.PATH, CDK8S_OUTDIR: outdir },
    });
  const firstJs = (dir: string) => (fs.readdirSync(dir) as string[]).filter((f) => f.endsWith('.js')).sort()[0];
  const files = (dir: string) =>
    Object.fromEntries(
      (fs.readdirSync(dir) as string[]).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf-8')]),
    );

  // The schema modules are left alone here (see above): rebuilding one costs more than the rest of the test.
  test('writes the same files after the bundle and the config validator entries are truncated', () => {
    const dir = tempDir();
    const first = synth(path.join(dir, 'before'));
    expect(first.status).toBe(0);
    const app = path.join(CACHE, 'app', 'main_ts.js');
    const text = fs.readFileSync(app, 'utf-8');
    // Cut at a line break: still valid JavaScript, which used to run half the app and exit 0.
    fs.writeFileSync(app, text.slice(0, text.lastIndexOf('\n', text.length / 2)));
    const damaged = new Map<string, string>([[app, fs.readFileSync(app, 'utf-8')]]);
    const validator = path.join(CACHE, 'validators', firstJs(path.join(CACHE, 'validators')));
    const body = fs.readFileSync(validator, 'utf-8');
    fs.writeFileSync(validator, body.slice(0, body.length / 3));
    damaged.set(validator, fs.readFileSync(validator, 'utf-8'));
    const second = synth(path.join(dir, 'after'));
    expect(second.stderr).toMatch(/^synthesized \d+ objects/m);
    expect(second.stderr).toEqual(first.stderr.replace('/before/', '/after/'));
    expect(second.status).toBe(0);
    expect(files(path.join(dir, 'after'))).toEqual(files(path.join(dir, 'before')));
    // Each damaged entry was one the synth needed, and it was rebuilt.
    expect(
      [...damaged].filter(([file, text]) => fs.readFileSync(file, 'utf-8') === text).map(([file]) => file),
    ).toEqual([]);
  });
});
