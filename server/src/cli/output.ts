// Standard output written synchronously, a write at a time. process.stdout queues in memory
// whatever a pipe cannot take at once (libuv makes a pipe it opens non-blocking), and the CLI
// writes its report without waiting, so `claimlint check big.csv --format json | jq` held the
// whole report in memory (1M-row CSV: 149 MB peak RSS to a file, 226 MB to a pipe). Written with
// fs.writeSync instead, each batch waits until the reader has taken the one before.
import { writeSync } from 'node:fs';

/** How long to wait before writing again to a non-blocking descriptor that is full. */
export const FULL_WAIT_MS = 2;

/** A reader that went away (`claimlint check ... | head`): not an error of ours. */
export class ReaderGone extends Error {
  constructor() {
    super('the reader of standard output went away');
    this.name = 'ReaderGone';
  }
}

let sleeper: Int32Array | null = null;

/** Blocks the thread for `ms` (there is no other work to do while the output is full). */
function pause(ms: number): void {
  sleeper ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Writes all of `data` to descriptor `fd` before returning. A descriptor left non-blocking (a
 * pipe shared with standard error, which Node opens non-blocking) answers EAGAIN when full: the
 * write is tried again after a short wait. Throws ReaderGone when the reader has closed its end.
 */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let at = 0;
  while (at < bytes.length) {
    let wrote: number;
    try {
      wrote = writeSome(fd, bytes, at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new ReaderGone();
      throw error;
    }
    if (wrote === 0) pause(FULL_WAIT_MS);
    at += wrote;
  }
}

/** Writes what it can of `bytes` from `at` to descriptor `fd`: the bytes written, 0 when a non-blocking descriptor is full for now. */
export function writeSome(fd: number, bytes: Uint8Array, at: number): number {
  try {
    return writeSync(fd, bytes, at, bytes.length - at);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return 0;
    throw error;
  }
}
