// The worker thread of a class synth (src/synth-threads.ts): takes the next student from the
// shared counter until none is left, and posts each one's chart outputs.
import { workerData } from 'worker_threads';
import { studentWorkshops } from './fleet';
import { synthStudent } from './synth';
import { NEXT, POSTED, SynthWorkerData, SynthWorkerMessage } from './synth-threads';

const { config, port, counters } = workerData as SynthWorkerData;
const slots = new Int32Array(counters);
const students = studentWorkshops(config);
for (let i = Atomics.add(slots, NEXT, 1); i < students.length; i = Atomics.add(slots, NEXT, 1)) {
  let message: SynthWorkerMessage<unknown>;
  try {
    message = { index: i, result: synthStudent(students[i]) };
  } catch (err) {
    message = { index: i, failed: String(err) };
  }
  port.postMessage(message);
  Atomics.add(slots, POSTED, 1);
  Atomics.notify(slots, POSTED);
  if (message.failed !== undefined) break;
}
port.close();
