import * as fs from 'fs';
import { cachedModule, cachedModuleFile } from '../src/compiled-schema';
import { removeTempDirs, tempDir } from './util';

describe('the test environment', () => {
  test('holds none of the caller\'s WORKSHOP_* or CDK8S_* variables, secrets included', () => {
    expect(Object.keys(process.env).filter((k) => /^(WORKSHOP_|CDK8S_)/.test(k))).toEqual([]);
  });

  test('temporary folders add no process listener and are removed after the test file', () => {
    const before = process.listenerCount('exit');
    const dirs = [tempDir(), tempDir(), tempDir()];
    expect(process.listenerCount('exit')).toEqual(before);
    removeTempDirs();
    expect(dirs.filter((d) => fs.existsSync(d))).toEqual([]);
  });

  test('loading many cached modules adds at most one exit listener', () => {
    const before = process.listenerCount('exit');
    const keys = Array.from({ length: 15 }, (_, i) => `test-environment listener check ${i}`);
    // Cold each time: without a code cache beside it, every module asks to write one at exit.
    for (const key of keys) for (const f of [cachedModuleFile(key), `${cachedModuleFile(key)}.v8`]) fs.rmSync(f, { force: true });
    keys.forEach((key, i) => expect(cachedModule(key, () => `module.exports = ${i};`)).toEqual(i));
    expect(process.listenerCount('exit') - before).toBeLessThanOrEqual(1);
  });
});
