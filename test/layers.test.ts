// The layers of the project, as the Layout of docs/development.md draws them: constructs (lib/) know nothing of
// validation, synthesis or output; validation knows nothing of the constructs; loading the config
// does not load the rules.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './util';

/**
 * The project files `file` loads directly (relative imports and requires, resolved to .ts files).
 * `import type` and `export type` load nothing and are left out.
 */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf-8').replace(/^(import|export) type [^;]*;/gm, '');
  const specifiers = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => {
    const base = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), s));
    const candidates = [`${base}.ts`, path.join(base, 'index.ts'), base];
    return candidates.find((c) => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile()) ?? base;
  });
}

/** Every project file `file` loads, directly or through others. */
function closure(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    for (const i of importsOf(f)) if (i.endsWith('.ts') && !seen.has(i)) {
      seen.add(i);
      visit(i);
    }
  };
  visit(file);
  return seen;
}

const tsFiles = (dir: string) => (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));

describe('layers', () => {
  test('the import scanner finds what a file imports', () => {
    expect(importsOf('src/validation/rules/namespace-exists.ts')).toEqual(expect.arrayContaining(['src/annotations.ts', 'src/validation/bundle.ts']));
    expect(importsOf('lib/workshop.ts')).not.toContain('src/config-types.ts'); // import type only
    expect(closure('main.ts').has('src/validation/rules/schema.ts')).toBe(true);
  });

  test('constructs import no validation, synthesis, output or verify code', () => {
    const offending = tsFiles('lib').filter((f) => !f.endsWith('.outcomes.ts')).flatMap((f) => [...closure(f)]
      .filter((i) => /^src\/(validation|verify|synth|output|yaml-writer|findings-report|app|disk-cache|compiled-schema|config)\b/.test(i))
      .map((i) => `${f} -> ${i}`));
    expect(offending).toEqual([]);
  });

  test('validation imports no construct', () => {
    const offending = tsFiles('src/validation').flatMap((f) => importsOf(f).filter((i) => i.startsWith('lib/')).map((i) => `${f} -> ${i}`));
    expect(offending).toEqual([]);
  });

  test('loading the config loads no validation rule', () => {
    expect([...closure('src/config.ts')].filter((i) => i.startsWith('src/validation/'))).toEqual([]);
  });
});
