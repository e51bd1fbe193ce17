import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { OutputError } from './errors';

/**
 * Every output file starts with a document marker, so any set of them concatenates into one valid
 * YAML stream: `npx cdk8s synth --stdout` joins the files with nothing between them (cdk8s-cli #943),
 * and `cat dist/*.yaml` does the same.
 */
export const DOCUMENT_START = '---\n';

/** One output file, relative to the output folder. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** The file system calls writeAtomically makes; tests inject faults (a full disk, EACCES) through it. */
export type OutputFs = Pick<
  typeof fs,
  | 'accessSync'
  | 'lstatSync'
  | 'mkdirSync'
  | 'mkdtempSync'
  | 'chmodSync'
  | 'readdirSync'
  | 'readlinkSync'
  | 'realpathSync'
  | 'renameSync'
  | 'rmSync'
  | 'statSync'
  | 'writeFileSync'
>;

export interface WriteOptions {
  /** @default - the real `fs` */
  readonly fs?: OutputFs;
  /** Where a problem that did not stop the write is reported. @default - ignored */
  readonly warn?: (message: string) => void;
  /** Whether the process that made a leftover folder still runs. @default - `process.kill(pid, 0)` */
  readonly isAlive?: (pid: number) => boolean;
  /** Now, for the age of leftovers of older versions (their names carry no pid). @default Date.now() */
  readonly now?: number;
  /**
   * The files hold secrets (values from the environment): the folder is 0700 and its files 0600
   * from the moment they exist. Otherwise they get the rights the umask allows, as any file.
   * @default false
   */
  readonly private?: boolean;
}

/** The rights a new folder gets under this process's umask (umask 077 keeps it private). */
function folderMode(): number {
  return 0o777 & ~process.umask();
}

/** `no space left on device (ENOSPC)`: Node's message without the syscall and path it repeats. */
function causeOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const text = /^\w+: ([^,]+),/.exec(e?.message ?? '')?.[1] ?? e?.message ?? String(err);
  return e?.code && !text.includes(e.code) ? `${text} (${e.code})` : text;
}

function fault(action: string, file: string, err: unknown, outcome: string): OutputError {
  return new OutputError(
    file,
    (err as NodeJS.ErrnoException)?.code,
    `cannot ${action} ${file}: ${causeOf(err)}; ${outcome}`,
  );
}

/** What a synth output folder holds: manifests (a student's file in fleet mode; earlier versions wrote a folder per student), and Finder's litter. */
const OURS = /^(.*\.k8s\.yaml|\.DS_Store)$/;
/** More entries than a class of 884 students writes: not a synth output folder. */
const MAX_ENTRIES = 100_000;

/**
 * Refuses to replace a folder synth did not write (`CDK8S_OUTDIR=.` would otherwise swap out the
 * project itself), and one it cannot empty (read-only: replacing it would fail half way).
 */
function checkReplaceable(target: string, io: OutputFs): void {
  let entries = 0;
  const visit = (dir: string, depth: number) => {
    try {
      io.accessSync(dir, fs.constants.W_OK);
    } catch (err) {
      throw fault('replace', dir, err, `${target} is unchanged`);
    }
    for (const entry of io.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (++entries > MAX_ENTRIES || !(entry.isDirectory() ? depth === 0 : entry.isFile() && OURS.test(entry.name))) {
        throw new OutputError(
          target,
          undefined,
          `cannot replace ${target}: it holds ${full}, which synth does not write; ` +
            'move it away or choose another output folder (CDK8S_OUTDIR, or cdk8s synth --output)',
        );
      }
      if (entry.isDirectory()) visit(full, depth + 1);
    }
  };
  visit(target, 0);
}

/** The folder the output really goes to: a symlinked `dist` stays the link, and its target is replaced. */
function resolveTarget(outdir: string, io: OutputFs): string {
  let target = path.resolve(outdir);
  for (let hops = 0; hops < 40; hops++) {
    let stat: fs.Stats;
    try {
      stat = io.lstatSync(target);
    } catch {
      return target; // absent: created below
    }
    if (!stat.isSymbolicLink()) {
      if (!stat.isDirectory())
        throw new OutputError(
          target,
          'ENOTDIR',
          `cannot replace ${target}: it is a file, not a folder; ${target} is unchanged`,
        );
      return target;
    }
    target = path.resolve(path.dirname(target), io.readlinkSync(target));
  }
  throw new OutputError(target, 'ELOOP', `cannot resolve ${path.resolve(outdir)}: too many symbolic links`);
}

const defaultIsAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Leftovers of older versions, named without a pid, are taken as abandoned after this long. */
const LEGACY_LEFTOVER_AGE_MS = 10 * 60 * 1000;

/**
 * Folders earlier runs left beside the output folder when they were killed (`.dist-new-<pid>-*`
 * while writing, `.dist-old-<pid>-*` between the two renames). Those of runs still going are kept.
 * If the output folder itself is missing, the newest retired one (a complete previous set) is put back.
 */
function cleanLeftovers(parent: string, base: string, target: string, io: OutputFs, options: WriteOptions): void {
  let names: string[];
  try {
    names = io.readdirSync(parent) as string[];
  } catch {
    return;
  }
  const isAlive = options.isAlive ?? defaultIsAlive;
  const now = options.now ?? Date.now();
  const abandoned: Array<{ name: string; old: boolean; mtime: number }> = [];
  for (const name of names) {
    const m = new RegExp(
      `^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(new|old)-(?:(\\d+)-)?[A-Za-z0-9]{6}$`,
    ).exec(name);
    if (!m) continue;
    let mtime: number;
    try {
      mtime = io.lstatSync(path.join(parent, name)).mtimeMs;
    } catch {
      continue;
    }
    // This process writes synchronously: its own leftovers come from an earlier, finished call.
    const dead =
      m[2] !== undefined
        ? Number(m[2]) === process.pid || !isAlive(Number(m[2]))
        : now - mtime > LEGACY_LEFTOVER_AGE_MS;
    if (dead) abandoned.push({ name, old: m[1] === 'old', mtime });
  }
  let targetExists = true;
  try {
    io.lstatSync(target);
  } catch {
    targetExists = false;
  }
  const retired = abandoned.filter((a) => a.old).sort((a, b) => b.mtime - a.mtime);
  if (!targetExists && retired.length > 0) {
    try {
      io.renameSync(path.join(parent, retired[0].name), target);
      retired.shift();
    } catch {
      // Left for removal below; the new set replaces it anyway.
    }
  }
  for (const { name } of [...abandoned.filter((a) => !a.old), ...retired]) {
    if (!remove(path.join(parent, name), io))
      options.warn?.(`could not remove ${path.join(parent, name)}, left by an interrupted synth; remove it by hand`);
  }
}

/** Removes a folder this process may own but not be able to empty (read-only subfolders); false if it stays. */
function remove(dir: string, io: OutputFs): boolean {
  try {
    io.rmSync(dir, { recursive: true, force: true });
    return true;
  } catch {
    try {
      const chmodTree = (d: string) => {
        io.chmodSync(d, 0o755);
        for (const e of io.readdirSync(d, { withFileTypes: true }))
          if (e.isDirectory()) chmodTree(path.join(d, e.name));
      };
      chmodTree(dir);
      io.rmSync(dir, { recursive: true, force: true });
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Replaces `outdir` with exactly `files`, never leaving a partial set behind: everything is written
 * into a fresh sibling folder first, and only a complete folder is renamed into place. Any failure
 * before that rename leaves `outdir` exactly as it was (or absent, when `cdk8s synth` already
 * removed it) and throws an OutputError naming the path and the cause. A symlinked `outdir` stays
 * a link; the folder it points to is replaced. Folders left by killed runs are cleaned first.
 * `files` may be rendered one at a time as they are written; returns how many there were.
 */
export function writeAtomically(outdir: string, files: Iterable<OutputFile>, options: WriteOptions = {}): number {
  const io = options.fs ?? fs;
  const target = resolveTarget(outdir, io);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const unchanged = `${target} is unchanged`;
  if (parent === target) throw new OutputError(target, undefined, `cannot replace ${target}: it is the root folder`);
  try {
    if (
      !io.statSync(parent, { throwIfNoEntry: false })?.isDirectory() &&
      io.statSync(parent, { throwIfNoEntry: false })
    ) {
      throw Object.assign(new Error('ENOTDIR: it is a file and not a folder,'), { code: 'ENOTDIR' });
    }
    io.mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw fault('create the folder', parent, err, `nothing was written to ${target}`);
  }
  cleanLeftovers(parent, base, target, io, options);
  let exists = true;
  try {
    io.lstatSync(target);
  } catch {
    exists = false;
  }
  if (exists) checkReplaceable(target, io);

  let staging: string;
  try {
    // mkdtemp: a new folder of a random name, 0700. An ordinary dist/ then gets what the umask
    // allows (0755 under 022, still 0700 under 077); one holding secrets stays 0700.
    staging = io.mkdtempSync(path.join(parent, `.${base}-new-${process.pid}-`));
    if (!options.private) io.chmodSync(staging, folderMode());
  } catch (err) {
    throw fault('create a folder in', parent, err, unchanged);
  }
  const made = new Set<string>([staging]);
  let count = 0;
  try {
    for (const file of files) {
      const dest = path.join(staging, file.path);
      try {
        const folder = path.dirname(dest);
        if (!made.has(folder)) {
          io.mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        // A fresh file in a folder only this process has written: 0600 from its creation when private.
        io.writeFileSync(dest, file.content, { mode: options.private ? 0o600 : 0o666, flag: 'wx' });
      } catch (err) {
        throw fault('write', path.join(target, file.path), err, unchanged);
      }
      count++;
    }
  } catch (err) {
    // A write that failed, or the files' renderer (they may come one at a time): nothing is kept.
    remove(staging, io);
    throw err;
  }
  const retired = exists ? staging.replace(/-new-(\d+-)?/, '-old-$1') : undefined;
  if (retired) {
    try {
      io.renameSync(target, retired);
    } catch (err) {
      remove(staging, io);
      throw fault('replace', target, err, unchanged);
    }
  }
  try {
    io.renameSync(staging, target);
  } catch (err) {
    let outcome = unchanged;
    if (retired) {
      try {
        io.renameSync(retired, target);
      } catch {
        outcome = `the previous output is in ${retired}`;
      }
    }
    if (outcome === unchanged) remove(staging, io);
    throw fault('replace', target, err, outcome);
  }
  if (retired && !remove(retired, io)) {
    options.warn?.(`warning: could not remove the previous output, kept in ${retired}; the next synth tries again`);
  }
  return count;
}

/**
 * The one way the tools write a single file (reports, kubeconfigs, caches): into a new file of a
 * random name beside it, created exclusively (O_EXCL, so a name planted by someone else, a symlink
 * included, is never opened) and without following a link (O_NOFOLLOW), with its rights set at
 * creation; then renamed into place, which replaces whatever is at `file` (a symlink there is
 * replaced, never followed) and never shows a reader half a file. `mode` 0o600 gives exactly that
 * from the start, whatever the umask and whatever an older file had; the default 0o666 is narrowed
 * by the umask as for any new file. On failure the temporary file is removed and the error rethrown.
 */
export function writeFileAtomically(file: string, content: string | Uint8Array, mode = 0o666): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(8).toString('hex')}.tmp`);
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, flags, mode);
    if (mode !== 0o666) fs.fchmodSync(fd, mode); // exactly `mode`, even where the umask would narrow it
    fs.writeFileSync(fd, content);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** `p` with every link on the way resolved, as far as it exists (the rest appended as given). */
export function realPathSoFar(p: string): string {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      const up = path.dirname(at);
      if (up === at) return path.resolve(p);
      rest.push(path.basename(at));
      at = up;
    }
  }
}

/**
 * Whether `file` is the output folder `outdir` or inside it, as given or through links: what synth
 * replaces whole must not receive a report, kubeconfigs or handouts (the next synth would refuse to
 * replace a folder holding them, or delete them).
 */
export function isInsideOutput(file: string, outdir: string): boolean {
  const inside = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return inside(path.resolve(file), path.resolve(outdir)) || inside(realPathSoFar(file), realPathSoFar(outdir));
}

/** The whole set as one YAML stream, in apply order (the order of `files`). */
export function concatenated(files: OutputFile[]): string {
  return files.map((f) => f.content).join('');
}
