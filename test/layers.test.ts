// The layers of the project, top to bottom. An import runs down or sideways, never up, and no
// files import each other in a circle. Constructs (lib/) depend on construct helpers and
// Kubernetes facts only: never on config, synth, fleet or verify, which read the constructs'
// declared outcomes as data. There are no exemptions: a new file is placed in a layer here.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './util';

/** Top to bottom: a file matches the first prefix that starts its path. */
const LAYERS: ReadonlyArray<{ readonly name: string; readonly files: readonly string[] }> = [
  { name: 'entry points', files: ['main.ts', 'scripts/'] },
  {
    name: 'commands',
    files: [
      'src/app.ts',
      'src/verify/',
      'src/handouts.ts',
      'src/kind-config.ts',
      'src/findings-report.ts',
      'src/diagrams.ts',
      'src/image-list.ts',
      'src/prune.ts',
    ],
  },
  {
    name: 'pipeline',
    files: [
      'src/synth.ts',
      'src/config.ts',
      'src/config-types.ts',
      'src/config-schema.json',
      'src/fleet.ts',
      'src/image-overrides.ts',
      'src/synth-options.ts',
      'src/yaml-writer.ts',
    ],
  },
  { name: 'validation', files: ['src/validation/'] },
  { name: 'constructs', files: ['lib/'] },
  { name: 'construct helpers', files: ['src/prop-checks.ts', 'src/annotations.ts'] },
  {
    name: 'facts and plumbing',
    files: [
      'src/k8s/',
      'src/images.ts',
      'src/show.ts',
      'src/errors.ts',
      'src/findings.ts',
      'src/json.ts',
      'src/input-file.ts',
      'src/compiled-schema.ts',
      'src/disk-cache.ts',
      'src/output.ts',
      'src/field-path.ts',
      'src/yaml.ts',
      'src/quiet-pipes.ts',
    ],
  },
];

/** What a construct may import besides other constructs and the generated Kubernetes types. */
const CONSTRUCT_DEPENDENCIES = [
  'lib/',
  'imports/',
  'src/k8s/',
  'src/prop-checks.ts',
  'src/annotations.ts',
  'src/images.ts',
  'src/show.ts',
  'src/errors.ts',
];

/**
 * The project files `file` imports (relative imports and requires), resolved to files; with
 * `loads`, only what loads at run time (`import type` and `export type` load nothing).
 */
function importsOf(file: string, { loads = false } = {}): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf-8');
  const text = loads ? source.replace(/^(import|export) type [^;]*;/gm, '') : source;
  const specifiers = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return [
    ...new Set(
      specifiers.map((s) => {
        const base = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), s));
        const candidates = [`${base}.ts`, path.join(base, 'index.ts'), base];
        return (
          candidates.find((c) => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile()) ?? base
        );
      }),
    ),
  ];
}

/** Every source file of the layers (tests and generated types are not). */
const sources = (['main.ts', 'lib', 'src', 'scripts'] as const).flatMap((dir) => {
  if (dir.endsWith('.ts')) return [dir];
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => /\.(ts|js|mjs)$/.test(f))
    .map((f) => path.join(dir, f));
});

/** The layer of `file`: the one whose prefix matches it longest (`src/validation/types.ts` before `src/validation/`). */
function layerOf(file: string): number {
  let best = -1;
  let length = -1;
  LAYERS.forEach((l, i) => {
    for (const prefix of l.files) {
      if ((file === prefix || (prefix.endsWith('/') && file.startsWith(prefix))) && prefix.length > length) {
        best = i;
        length = prefix.length;
      }
    }
  });
  return best;
}
const projectImports = (file: string) =>
  importsOf(file).filter((i) => !i.startsWith('imports/') && i !== 'package.json');

/** Circles of imports among `files`, each as the files around it (Tarjan's strongly connected components). */
function circles(files: readonly string[], edges: (file: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges(v).includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

describe('layers', () => {
  test('the import scanner finds what a file imports, type imports included', () => {
    expect(importsOf('src/validation/rules/namespace-exists.ts')).toEqual(
      expect.arrayContaining(['src/annotations.ts', 'src/validation/bundle.ts']),
    );
    expect(importsOf('src/config-types.ts')).toContain('lib/workshop.ts'); // an `import type`
    expect(importsOf('src/config-types.ts', { loads: true })).not.toContain('lib/workshop.ts');
    expect(sources).toEqual(
      expect.arrayContaining(['main.ts', 'lib/workshop.ts', 'src/verify/plan.ts', 'scripts/app.js']),
    );
  });

  test('the circle finder finds a circle', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['a'] };
    expect(circles(Object.keys(graph), (f) => graph[f])).toEqual([['a', 'b', 'c']]);
  });

  test('every source file has a layer', () => {
    expect(sources.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  test('no import runs back up a layer', () => {
    const upward = sources.flatMap((f) =>
      projectImports(f)
        .filter((i) => layerOf(i) < layerOf(f))
        .map((i) => `${f} (${LAYERS[layerOf(f)].name}) -> ${i} (${LAYERS[layerOf(i)]?.name ?? 'no layer'})`),
    );
    expect(upward).toEqual([]);
  });

  test('no files import each other in a circle', () => {
    expect(circles(sources, (f) => projectImports(f).filter((i) => sources.includes(i)))).toEqual([]);
  });

  test('constructs import only constructs, generated types, construct helpers and Kubernetes facts', () => {
    const offending = sources
      .filter((f) => f.startsWith('lib/'))
      .flatMap((f) =>
        importsOf(f)
          .filter(
            (i) =>
              !CONSTRUCT_DEPENDENCIES.some(
                (allowed) => i === allowed || (allowed.endsWith('/') && i.startsWith(allowed)),
              ),
          )
          .map((i) => `${f} -> ${i}`),
      );
    expect(offending).toEqual([]);
  });

  test('validation imports no construct', () => {
    const offending = sources
      .filter((f) => f.startsWith('src/validation/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => i.startsWith('lib/'))
          .map((i) => `${f} -> ${i}`),
      );
    expect(offending).toEqual([]);
  });

  test('loading the config loads no validation rule', () => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      for (const i of importsOf(f, { loads: true })) {
        if (i.endsWith('.ts') && !seen.has(i)) {
          seen.add(i);
          visit(i);
        }
      }
    };
    visit('src/config.ts');
    expect([...seen].filter((i) => i.startsWith('src/validation/'))).toEqual([]);
  });

  test('exported error types live in src/errors.ts, which loads nothing but src/show.ts', () => {
    const others = sources.filter((f) => f !== path.join('src', 'errors.ts'));
    expect(
      others.filter((f) =>
        /^export (abstract )?class \w+ extends \w*Error\b/m.test(fs.readFileSync(path.join(ROOT, f), 'utf-8')),
      ),
    ).toEqual([]);
    expect(importsOf('src/errors.ts', { loads: true })).toEqual(['src/show.ts']);
  });
});
