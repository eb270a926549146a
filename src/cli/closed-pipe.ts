// Lets command-line output be piped into a reader that stops early (`| head`): a closed pipe ends the command quietly, not with EPIPE and a stack trace.

/** Installs the handlers once per process; other stream errors print one line and exit 2. */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      process.stderr.write(`error: cannot write output (${error.code ?? error.message})\n`);
      process.exit(2);
    });
  }
}
