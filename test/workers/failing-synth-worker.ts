// A synth worker that takes a student and fails on it (test/synth-threads.test.ts).
import { workerData } from 'worker_threads';
import { NEXT, POSTED, SynthWorkerData } from '../../src/synth-threads';

const { port, counters } = workerData as SynthWorkerData;
const slots = new Int32Array(counters);
const index = Atomics.add(slots, NEXT, 1);
port.postMessage({ index, failed: 'Error: cannot build this student' });
Atomics.add(slots, POSTED, 1);
Atomics.notify(slots, POSTED);
port.close();
