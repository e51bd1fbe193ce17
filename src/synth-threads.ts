// A class's students synthesized on two threads at once: this one and a worker thread running
// src/synth-worker.ts (through scripts/app.js, as every entry runs). Each takes the next student
// from a shared counter, so neither waits for the other; the worker posts each of its students'
// chart outputs, and this thread puts them in class order. Building and rendering the charts
// (cdk8s's toJson) is most of a class's synth, and the rest (validation, YAML) needs them all.
//
// The worker is only a help: whatever it has not delivered, because it could not start, threw or
// went silent, this thread synthesizes itself. The outputs are the same either way (tested).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import type { WorkshopConfig } from './config-types';

/** Slot of the shared counters holding the next student to take. */
export const NEXT = 0;
/** Slot counting the worker's messages; it notifies on it after each one. */
export const POSTED = 1;

/** What the worker gets. */
export interface SynthWorkerData {
  readonly config: WorkshopConfig;
  readonly port: MessagePort;
  /** Int32 slots NEXT and POSTED. */
  readonly counters: SharedArrayBuffer;
}

/** What the worker posts for each student it took: the outputs, or why it could not. */
export interface SynthWorkerMessage<T> {
  readonly index: number;
  readonly result?: T;
  readonly failed?: string;
}

export interface SynthThreadOptions {
  /** A worker helps from this many students on. @default 48 */
  readonly minStudents?: number;
  /** This long without a message from the worker while waiting for a student it took means it is gone. @default 30 s */
  readonly silenceMs?: number;
  /** The worker's entry, relative to the project (tests use broken ones). @default 'src/synth-worker.ts' */
  readonly entry?: string;
  /** Tests: told once the worker is started, with how many students both threads have taken so far. */
  readonly started?: (taken: () => number) => void;
  /** Tests: told at the end which students the worker delivered. */
  readonly delivered?: (indices: number[]) => void;
}

/** A class below this size is done on this thread alone: the worker's start (about 0.5 s of CPU) would not pay. */
const MIN_STUDENTS = 48;

/** scripts/app.js of the project (found from this file, in src/ or in the bundled app). */
function appScript(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'scripts', 'app.js');
    if (fs.existsSync(file)) return file;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function startWorker(config: WorkshopConfig, entry: string): { worker: Worker; port: MessagePort; counters: Int32Array } | undefined {
  const app = appScript();
  if (app === undefined) return undefined;
  const { port1, port2 } = new MessageChannel();
  const counters = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  try {
    const data: SynthWorkerData = { config, port: port2, counters };
    // scripts/app.js takes the entry from its first argument, bundles it (cached) and runs it.
    const worker = new Worker(`require(${JSON.stringify(app)})`, { eval: true, argv: [entry], workerData: data, transferList: [port2], stdout: true, stderr: true });
    worker.unref();
    // Nothing it says reaches the terminal: a worker that fails is replaced by this thread.
    worker.on('error', () => undefined);
    return { worker, port: port1, counters: new Int32Array(counters) };
  } catch {
    port1.close();
    return undefined; // a config that cannot be cloned, no threads: this thread does it all
  }
}

/**
 * `synthOne` of every index below `count`, in order, with a worker thread taking a share when the
 * class is big enough and the machine has a second core. `config` is what the worker builds its
 * own students from; its `synthOne` must give what this one gives.
 */
export function synthInParallel<T>(config: WorkshopConfig, count: number, synthOne: (index: number) => T, options: SynthThreadOptions = {}): T[] {
  const helper = count >= (options.minStudents ?? MIN_STUDENTS) && os.availableParallelism() > 1
    ? startWorker(config, options.entry ?? 'src/synth-worker.ts') : undefined;
  if (helper === undefined) return Array.from({ length: count }, (_, i) => synthOne(i));
  const { worker, port, counters } = helper;
  options.started?.(() => Math.min(Atomics.load(counters, NEXT), count));
  const results = new Array<T>(count);
  const have = new Array<boolean>(count).fill(false);
  const byWorker: number[] = [];
  let received = 0;
  let failed = false;
  const take = () => {
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      const message = m.message as SynthWorkerMessage<T>;
      if (message.failed !== undefined) {
        failed = true;
      } else if (!have[message.index]) {
        results[message.index] = message.result as T;
        have[message.index] = true;
        byWorker.push(message.index);
        received++;
      }
    }
  };
  try {
    for (let i = Atomics.add(counters, NEXT, 1); i < count; i = Atomics.add(counters, NEXT, 1)) {
      results[i] = synthOne(i);
      have[i] = true;
      received++;
      take();
    }
    // The students the worker took and has not posted yet.
    const silence = options.silenceMs ?? 30_000;
    let heard = Date.now();
    while (received < count && !failed) {
      const posted = Atomics.load(counters, POSTED);
      const before = received;
      take();
      if (received > before) heard = Date.now();
      if (received === count || failed) break;
      if (Date.now() - heard > silence) break;
      Atomics.wait(counters, POSTED, posted, Math.min(silence, 1000));
    }
  } finally {
    void worker.terminate();
    port.close();
  }
  options.delivered?.(byWorker);
  for (let i = 0; i < count; i++) {
    if (!have[i]) results[i] = synthOne(i);
  }
  return results;
}
