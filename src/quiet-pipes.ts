// A reader that goes away (`... | head`, a `kubectl apply -f -` that failed early) is not an error
// of ours: like any command line tool killed by SIGPIPE, the command ends at once, quietly, with
// status 141 (128 + SIGPIPE), instead of printing a stack trace about EPIPE.
/** Installs the handler on `stream` (the process's standard output or error). */
export function endQuietlyOnEpipe(
  stream: NodeJS.WriteStream,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(141);
    else throw err;
  });
}
