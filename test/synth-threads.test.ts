// A class synthesized on two threads gives what one thread gives, whatever the worker does.
import { parseWorkshopConfig } from '../src/config';
import { studentWorkshops } from '../src/fleet';
import { synthStudent, synthWorkshop } from '../src/synth';
import { synthInParallel } from '../src/synth-threads';

const config = (n: number) => parseWorkshopConfig(`students: [${Array.from({ length: n }, (_, i) => `s${i}`).join(', ')}]\n`, 'class.yaml');
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('a class on two threads', () => {
  const CLASS = config(10);
  const students = studentWorkshops(CLASS);
  const alone = synthWorkshop(CLASS, { minStudents: Infinity });
  /** The class's outputs; this thread waits on its first student until the worker has taken one. */
  const shared = (entry?: string, silenceMs?: number) => {
    let delivered: number[] = [];
    let taken = () => 0;
    const outputs = synthInParallel(CLASS, students.length, (i) => {
      for (const end = Date.now() + 20_000; i === 0 && taken() < 2 && Date.now() < end;) sleep(10);
      return synthStudent(students[i]);
    }, { minStudents: 1, entry, silenceMs, started: (t) => (taken = t), delivered: (d) => (delivered = d) }).flat();
    expect(taken()).toBeGreaterThanOrEqual(2);
    return { outputs, delivered };
  };

  test('the worker takes students and the outputs are those of one thread, in class order', () => {
    const { outputs, delivered } = shared();
    expect(delivered.length).toBeGreaterThan(0);
    expect(outputs).toEqual(alone);
  });

  test('a worker that fails on a student is replaced by this thread', () => {
    const { outputs, delivered } = shared('test/workers/failing-synth-worker.ts');
    expect(delivered).toEqual([]);
    expect(outputs).toEqual(alone);
  });

  test('a worker that goes silent is waited for as long as silenceMs, then replaced', () => {
    const { outputs, delivered } = shared('test/workers/silent-synth-worker.ts', 300);
    expect(delivered).toEqual([]);
    expect(outputs).toEqual(alone);
  });

  test('a small class is done on this thread alone', () => {
    let delivered: number[] | undefined;
    synthInParallel(config(3), 3, (i) => synthStudent(studentWorkshops(config(3))[i]), { delivered: (d) => (delivered = d) });
    expect(delivered).toBeUndefined();
  });
});
