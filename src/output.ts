import * as fs from 'fs';
import * as path from 'path';

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

/**
 * Replaces `outdir` with exactly `files`, never leaving a partial set behind: everything is written
 * into a fresh sibling folder first, and only a complete folder is renamed into place. If writing
 * fails, `outdir` is left exactly as it was (or absent, when `cdk8s synth` already removed it).
 */
export function writeAtomically(outdir: string, files: OutputFile[]): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${base}-new-`));
  fs.chmodSync(staging, 0o755); // mkdtemp makes it private; dist/ is an ordinary folder
  try {
    for (const file of files) {
      const dest = path.join(staging, file.path);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, file.content);
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const retired = fs.existsSync(target) ? `${staging.replace(/-new-/, '-old-')}` : undefined;
  if (retired) {
    fs.renameSync(target, retired);
  }
  fs.renameSync(staging, target);
  if (retired) {
    fs.rmSync(retired, { recursive: true, force: true });
  }
}

/** The whole set as one YAML stream, in apply order (the order of `files`). */
export function concatenated(files: OutputFile[]): string {
  return files.map((f) => f.content).join('');
}
