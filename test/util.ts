import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { ExerciseChart } from '../lib/exercise-chart';
import type { Json } from '../src/json';

export const NAMESPACE = 'workshop-day2-solutions';

/** A fresh app with one exercise chart, as the Workshop creates it. */
export function exerciseChart(exercise: string, namespace = NAMESPACE): ExerciseChart {
  return new ExerciseChart(new App({ outdir: 'unused' }), { namespace, exercise });
}

/** The object of `kind` named `name` in a list of manifests; fails the test if it is missing. */
export function find(objects: Json[], kind: string, name: string): Json {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) {
    throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  }
  return found;
}

/** The pod spec of a Job, CronJob, Deployment, StatefulSet, ReplicaSet or Pod manifest. */
export function podSpec(obj: Json): Json {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec.jobTemplate.spec.template.spec;
  return obj.spec.template.spec;
}

const tempDirs: string[] = [];

/** A temporary folder, removed after the test file (test/setup-after-env.ts). */
export function tempDir(prefix = 'workshop-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every folder tempDir() made so far. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export const ROOT = path.resolve(__dirname, '..');

/** GitHub's anchors for a Markdown file's headings (lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats). */
export function markdownAnchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of fs
    .readFileSync(file, 'utf-8')
    .split(/^```.*$/m)
    .filter((_, i) => i % 2 === 0)
    .join('\n')
    .split('\n')) {
    const m = /^#{1,6} +(.*?) *#* *$/.exec(line);
    if (!m) continue;
    const slug = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}
