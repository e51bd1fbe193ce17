import * as fs from 'fs';
import * as path from 'path';
import { cachedModule } from '../src/disk-cache';
import { removeTempDirs, tempDir } from './util';

describe('the test environment', () => {
  test("holds none of the caller's WORKSHOP_* or CDK8S_* variables, secrets included", () => {
    expect(Object.keys(process.env).filter((k) => /^(WORKSHOP_|CDK8S_)/.test(k))).toEqual([]);
  });

  test('temporary folders add no process listener and are removed after the test file', () => {
    const before = process.listenerCount('exit');
    const dirs = [tempDir(), tempDir(), tempDir()];
    expect(process.listenerCount('exit')).toEqual(before);
    removeTempDirs();
    expect(dirs.filter((d) => fs.existsSync(d))).toEqual([]);
  });

  test('loading many cached modules adds no exit listener', () => {
    const before = process.listenerCount('exit');
    const dir = tempDir();
    Array.from({ length: 15 }, (_, i) => i).forEach((i) => {
      expect(
        cachedModule<{ i: number }>(
          path.join(dir, `${i}.js`),
          `key ${i}`,
          () => `module.exports = { i: ${i} };`,
          (e) => e.i === i,
        ),
      ).toEqual({ i });
    });
    expect(process.listenerCount('exit')).toEqual(before);
  });

  test("no test uses cdk8s's Testing app or chart, which leave a folder in the system temp dir", () => {
    const offenders = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /Testing\.(app|chart)\(/.test(fs.readFileSync(path.join(__dirname, f), 'utf-8')));
    expect(offenders).toEqual([]);
  });
});
