import * as fs from 'fs';
import * as path from 'path';
import { OutputError } from '../src/errors';
import { OutputFs, writeAtomically, writeFileAtomically } from '../src/output';
import { tempDir } from './util';
import type { Json } from '../src/json';

const NEW = [
  { path: '0000-namespace.k8s.yaml', content: 'kind: Namespace\n' },
  { path: '0001-a.k8s.yaml', content: 'kind: Job\n' },
  { path: '0002-b.k8s.yaml', content: 'kind: Job\n' },
];

/** A folder holding `dist/` with a previous synth, and what that looked like. */
function previousOutput(): { dir: string; dist: string } {
  const dir = tempDir();
  const dist = path.join(dir, 'dist');
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(dist, '0001-previous.k8s.yaml'), 'kind: ConfigMap\n');
  return { dir, dist };
}

function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (fs.statSync(path.join(dir, file)).isFile()) out[file] = fs.readFileSync(path.join(dir, file), 'utf-8');
  }
  return out;
}

/** The real fs with some calls replaced: how a full disk or a permission fault is simulated (root ignores chmod). */
function faulty(overrides: Partial<OutputFs>): OutputFs {
  return { ...fs, ...overrides } as OutputFs;
}

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

function thrown(f: () => void): OutputError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(OutputError);
    return err as OutputError;
  }
  throw new Error('expected an OutputError');
}

describe('writeAtomically', () => {
  test('replaces the output folder with exactly the new files', () => {
    const { dir, dist } = previousOutput();
    writeAtomically(dist, NEW);
    expect(contents(dist)).toEqual(Object.fromEntries(NEW.map((f) => [f.path, f.content])));
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('writes files rendered one at a time as it goes, and says how many', () => {
    const { dist } = previousOutput();
    const taken: string[] = [];
    function* rendered() {
      for (const f of NEW) {
        // Each file is rendered only after the one before it is on disk.
        taken.push(
          ...Object.keys(contents(path.dirname(dist)))
            .filter((p) => p.startsWith('.dist-new-'))
            .map((p) => path.basename(p)),
        );
        yield f;
      }
    }
    expect(writeAtomically(dist, rendered())).toBe(3);
    expect(taken).toEqual(['0000-namespace.k8s.yaml', '0000-namespace.k8s.yaml', '0001-a.k8s.yaml']);
    expect(contents(dist)).toEqual(Object.fromEntries(NEW.map((f) => [f.path, f.content])));
  });

  test('leaves the output folder unchanged, and no folder of its own, when rendering a file fails half way', () => {
    const { dir, dist } = previousOutput();
    function* rendered() {
      yield NEW[0];
      throw new Error('the renderer broke');
    }
    expect(() => writeAtomically(dist, rendered())).toThrow('the renderer broke');
    expect(contents(dist)).toEqual({ '0001-previous.k8s.yaml': 'kind: ConfigMap\n' });
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('keeps a symlinked output folder a link and writes the new set into its target', () => {
    const { dir, dist } = previousOutput();
    const real = path.join(dir, 'real-dist');
    fs.renameSync(dist, real);
    fs.symlinkSync('real-dist', dist);
    writeAtomically(dist, NEW);
    expect(fs.lstatSync(dist).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(dist)).toEqual('real-dist');
    expect(Object.keys(contents(real))).toEqual(NEW.map((f) => f.path));
    expect(fs.readdirSync(dir).sort()).toEqual(['dist', 'real-dist']);
  });

  test('fails on a full disk naming the file and the cause, leaving the output untouched and no leftovers', () => {
    const { dir, dist } = previousOutput();
    let writes = 0;
    const io = faulty({
      writeFileSync: ((file: Json, data: Json) => {
        if (++writes === 2) throw errno('ENOSPC', `no space left on device, write '${file}'`);
        fs.writeFileSync(file, data);
      }) as typeof fs.writeFileSync,
    });
    const err = thrown(() => writeAtomically(dist, NEW, { fs: io }));
    expect(err.message).toEqual(
      `cannot write ${path.join(dist, '0001-a.k8s.yaml')}: no space left on device (ENOSPC); ${dist} is unchanged`,
    );
    expect(err.code).toEqual('ENOSPC');
    expect(contents(dist)).toEqual({ '0001-previous.k8s.yaml': 'kind: ConfigMap\n' });
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('fails on a read-only output folder before touching it', () => {
    const { dir, dist } = previousOutput();
    const io = faulty({
      accessSync: ((p: Json) => {
        throw errno('EACCES', `permission denied, access '${p}'`);
      }) as typeof fs.accessSync,
    });
    expect(thrown(() => writeAtomically(dist, NEW, { fs: io })).message).toEqual(
      `cannot replace ${dist}: permission denied (EACCES); ${dist} is unchanged`,
    );
    expect(contents(dist)).toEqual({ '0001-previous.k8s.yaml': 'kind: ConfigMap\n' });
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('puts the previous output back when the new folder cannot be renamed into place', () => {
    const { dir, dist } = previousOutput();
    const io = faulty({
      renameSync: ((from: Json, to: Json) => {
        if (String(from).includes('-new-')) throw errno('EXDEV', 'cross-device link not permitted, rename');
        fs.renameSync(from, to);
      }) as typeof fs.renameSync,
    });
    expect(thrown(() => writeAtomically(dist, NEW, { fs: io })).message).toEqual(
      `cannot replace ${dist}: cross-device link not permitted (EXDEV); ${dist} is unchanged`,
    );
    expect(contents(dist)).toEqual({ '0001-previous.k8s.yaml': 'kind: ConfigMap\n' });
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('fails when the parent is a file (ENOTDIR), naming it', () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, '');
    expect(thrown(() => writeAtomically(path.join(file, 'dist'), NEW)).message).toEqual(
      `cannot create the folder ${file}: it is a file and not a folder (ENOTDIR); nothing was written to ${file}/dist`,
    );
    expect(thrown(() => writeAtomically(path.join(file, 'sub', 'dist'), NEW)).message).toEqual(
      `cannot create the folder ${file}/sub: not a directory (ENOTDIR); nothing was written to ${file}/sub/dist`,
    );
  });

  test('succeeds with a warning when the previous output cannot be removed after the swap', () => {
    const { dir, dist } = previousOutput();
    const warnings: string[] = [];
    const io = faulty({
      rmSync: ((p: Json, o: Json) => {
        if (String(p).includes('-old-')) throw errno('EACCES', 'permission denied, rm');
        fs.rmSync(p, o);
      }) as typeof fs.rmSync,
    });
    writeAtomically(dist, NEW, { fs: io, warn: (m) => warnings.push(m) });
    expect(Object.keys(contents(dist))).toEqual(NEW.map((f) => f.path));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: could not remove the previous output, kept in .*\.dist-old-\d+-\w{6}; the next synth tries again$/,
      ),
    ]);
    writeAtomically(dist, NEW);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('removes what killed runs left behind, keeps what running ones are writing', () => {
    const { dir, dist } = previousOutput();
    const live = '.dist-new-4242-aaaaaa';
    for (const name of ['.dist-new-999999999-AbC123', '.dist-old-999999999-XyZ789', '.dist-new-Qw3rty', live]) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, '0001-x.k8s.yaml'), '');
    }
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(dir, '.dist-new-Qw3rty'), hourAgo, hourAgo);
    writeAtomically(dist, NEW, { isAlive: (pid) => pid === 4242 });
    expect(fs.readdirSync(dir).sort()).toEqual([live, 'dist']);
  });

  test('restores the previous output a run killed between its two renames left aside, when the new one fails', () => {
    const dir = tempDir();
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(path.join(dir, '.dist-old-999999999-AbC123'));
    fs.writeFileSync(path.join(dir, '.dist-old-999999999-AbC123', '0001-previous.k8s.yaml'), 'kind: ConfigMap\n');
    const io = faulty({
      writeFileSync: (() => {
        throw errno('ENOSPC', 'no space left on device, write');
      }) as typeof fs.writeFileSync,
    });
    thrown(() => writeAtomically(dist, NEW, { fs: io, isAlive: () => false }));
    expect(contents(dist)).toEqual({ '0001-previous.k8s.yaml': 'kind: ConfigMap\n' });
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('refuses to replace a folder holding files synth does not write (CDK8S_OUTDIR=. would replace the project)', () => {
    const { dir, dist } = previousOutput();
    fs.writeFileSync(path.join(dist, 'package.json'), '{}');
    expect(thrown(() => writeAtomically(dist, NEW)).message).toEqual(
      `cannot replace ${dist}: it holds ${path.join(dist, 'package.json')}, which synth does not write; move it away or choose another output folder (CDK8S_OUTDIR, or cdk8s synth --output)`,
    );
    expect(Object.keys(contents(dist)).sort()).toEqual(['0001-previous.k8s.yaml', 'package.json']);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('refuses to replace a file with the output folder', () => {
    const dir = tempDir();
    const dist = path.join(dir, 'dist');
    fs.writeFileSync(dist, 'notes');
    expect(thrown(() => writeAtomically(dist, NEW)).message).toEqual(
      `cannot replace ${dist}: it is a file, not a folder; ${dist} is unchanged`,
    );
    expect(fs.readFileSync(dist, 'utf-8')).toEqual('notes');
  });

  test('replaces a fleet output: a folder of manifests per student', () => {
    const { dist } = previousOutput();
    fs.mkdirSync(path.join(dist, 'alice'));
    fs.writeFileSync(path.join(dist, 'alice', '0000-namespace.k8s.yaml'), '');
    writeAtomically(dist, [{ path: 'bob/0000-namespace.k8s.yaml', content: 'kind: Namespace\n' }]);
    expect(Object.keys(contents(dist))).toEqual(['bob/0000-namespace.k8s.yaml']);
  });
});

describe('writeFileAtomically', () => {
  test('puts the whole file in place with the rights asked for, even over a wider older file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'alice.kubeconfig');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    writeFileAtomically(file, 'new content', 0o600);
    expect(fs.readFileSync(file, 'utf-8')).toEqual('new content');
    expect(fs.statSync(file).mode & 0o777).toEqual(0o600);
    expect(fs.readdirSync(dir)).toEqual(['alice.kubeconfig']);
  });

  test('leaves no temporary file behind when the rename fails, and rethrows', () => {
    const dir = tempDir();
    const target = path.join(dir, 'report.sarif');
    fs.mkdirSync(path.join(target, 'occupied'), { recursive: true }); // a non-empty folder where the file should go
    expect(() => writeFileAtomically(target, '{}')).toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    expect(fs.readdirSync(dir)).toEqual(['report.sarif']);
  });
});
