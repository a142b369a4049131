// Ctrl-C, SIGTERM and SIGHUP while `claimlint fix` writes its result: the temporary file is
// removed, the file being fixed stays as it was, and the process exits 128 + the signal's number
// (130, 143, 129), as a shell reports a command that a signal ended.
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export type InterruptSignal = (typeof SIGNALS)[number];

/**
 * Until the returned function is called, SIGINT, SIGTERM and SIGHUP run `cleanUp` and then end
 * the process with 128 + the signal's number. Outside such a span the signals keep their default
 * action, which ends the process at once (nothing of ours is on disk then).
 *
 * Node runs a signal's listeners only between turns of the event loop: a signal that arrives
 * while JavaScript runs synchronously is handled at the next turn. Guarded code must therefore
 * yield to the loop often, and before any step that cannot be undone (the writer yields after
 * every chunk and just before its rename).
 */
export function onInterrupt(cleanUp: (signal: InterruptSignal) => void): () => void {
  const handler = (signal: InterruptSignal): void => {
    try {
      cleanUp(signal);
    } finally {
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}

/** Lets the event loop run once (a pending signal's listeners run then). */
export function nextTurn(): Promise<void> {
  return new Promise((resolveTurn) => setImmediate(resolveTurn));
}
