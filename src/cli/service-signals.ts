// Stopping a long-running command: the first SIGINT (Ctrl+C) or SIGTERM resolves `promise`, so the command
// stops what it does (a seed between two loans, a server after its requests in progress), closes the store
// (releasing the data directory's lock) and exits 0; a second one meanwhile exits at once with status 1.
export interface Stopped {
  readonly promise: Promise<NodeJS.Signals>;
  /** An abort signal that fires with the first stop, for work that takes one. */
  readonly signal: AbortSignal;
}

/** Runs `work` with SIGINT and SIGTERM turned into a clean stop; the handlers are removed afterwards. */
export async function untilStopped(work: (stopped: Stopped) => Promise<void>): Promise<void> {
  const abort = new AbortController();
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const promise = new Promise<NodeJS.Signals>((done) => {
    resolve = done;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) {
      process.stderr.write(`tenor: ${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    abort.abort();
    resolve(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await work({ promise, signal: abort.signal });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
