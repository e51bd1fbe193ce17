// YAML for a large class, written by worker threads while the main thread validates the bundle.
// cdk8s's Yaml.stringify (the yaml package) is the slowest step of a 100-student synth (~1 s for
// 4,400 objects); done in parallel with validation on a 2-core machine it leaves the critical path.
// The workers run cdk8s's own Yaml.stringify, so the files are byte for byte what toFiles() makes.
import * as os from 'os';
import { Worker } from 'worker_threads';
import { DOCUMENT_START, OutputFile } from './output';
import type { ChartOutput } from './synth';

/** Below this many objects, starting workers (~100 ms each to load cdk8s) costs more than it saves. */
export const PARALLEL_YAML_THRESHOLD = 1000;

const WORKER_CODE = `
const { parentPort, workerData } = require('worker_threads');
const { Yaml } = require(workerData.cdk8s);
parentPort.postMessage(workerData.files.map((objects) => Yaml.stringify(...objects)));
`;

export interface PendingFiles {
  readonly files: Promise<OutputFile[]>;
  /** Stops the workers (when validation failed and nothing will be written). */
  cancel(): void;
}

/** Splits `outputs` into `parts` runs of about the same number of objects, keeping their order. */
function chunks(outputs: ChartOutput[], parts: number): ChartOutput[][] {
  const total = outputs.reduce((n, o) => n + o.objects.length, 0);
  const out: ChartOutput[][] = [[]];
  let seen = 0;
  for (const o of outputs) {
    if (seen >= (total * out.length) / parts && out.length < parts) out.push([]);
    out[out.length - 1].push(o);
    seen += o.objects.length;
  }
  return out.filter((c) => c.length > 0);
}

/** Stringifies every chart's objects in `workers` worker threads. */
export function toFilesInWorkers(outputs: ChartOutput[], workers = Math.max(1, os.availableParallelism())): PendingFiles {
  const cdk8s = require.resolve('cdk8s');
  const running: Worker[] = [];
  const parts = chunks(outputs, workers).map((chunk) => new Promise<OutputFile[]>((resolve, reject) => {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { cdk8s, files: chunk.map((o) => o.objects) } });
    running.push(worker);
    worker.once('message', (contents: string[]) => resolve(chunk.map((o, i) => ({ path: o.file, content: DOCUMENT_START + contents[i] }))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`YAML worker exited with code ${code} before it answered`)));
  }));
  return {
    files: Promise.all(parts).then((all) => all.flat()),
    cancel: () => running.forEach((w) => void w.terminate()),
  };
}
