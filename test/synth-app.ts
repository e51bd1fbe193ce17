// The synth app (what `npm run synth` and `npx cdk8s synth` run) called in this process, with the
// arguments and environment a test gives it and its output captured: the same code as the process,
// without a process per test. Nothing here reads process.env.
import * as path from 'path';
import { runSynthApp } from '../src/app';
import { ROOT } from './util';

export interface SynthRun {
  /** The exit code the process would have. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The shipped workshop.yaml. */
export const WORKSHOP_YAML = path.join(ROOT, 'workshop.yaml');

/** Runs the synth app with exactly `env` (no other variable) and `argv`. */
export async function synthApp(env: Record<string, string>, argv: string[] = []): Promise<SynthRun> {
  let stdout = '';
  let stderr = '';
  const status = await runSynthApp({
    argv,
    env: { ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}
