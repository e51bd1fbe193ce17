// A synth worker that takes a student and never answers (test/synth-threads.test.ts).
import { workerData } from 'worker_threads';
import { NEXT, SynthWorkerData } from '../../src/synth-threads';

const { counters } = workerData as SynthWorkerData;
const slots = new Int32Array(counters);
Atomics.add(slots, NEXT, 1);
Atomics.wait(slots, NEXT, Atomics.load(slots, NEXT) + 1000); // blocks until terminated
