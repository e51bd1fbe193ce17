// Reading a file the tools take as input (the workshop config, a kubeconfig, a token file): a
// regular file only (a FIFO would hang, a device such as /dev/zero would never end), opened without
// blocking, and at most `max` bytes of it, so a huge file is refused at once instead of being read
// into memory. Each caller says what went wrong in its own words.
import * as fs from 'fs';

/** Why an input file was not read. */
export type InputFileProblem =
  | { readonly problem: 'unreadable'; readonly cause: NodeJS.ErrnoException }
  | { readonly problem: 'not-a-file' }
  | { readonly problem: 'too-large'; readonly bytes: number };

/** The bytes of `file`, or why they were not read. */
export function readInputFile(file: string, max: number): Buffer | InputFileProblem {
  let fd: number;
  try {
    // Non-blocking: a FIFO nobody writes to would block the open for ever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { problem: 'unreadable', cause: err as NodeJS.ErrnoException };
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return { problem: 'not-a-file' };
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length;) {
      n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
    }
    if (length > max) return { problem: 'too-large', bytes: fs.fstatSync(fd).size };
    return buffer.subarray(0, length);
  } catch (err) {
    return { problem: 'unreadable', cause: err as NodeJS.ErrnoException };
  } finally {
    fs.closeSync(fd);
  }
}
