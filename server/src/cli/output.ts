// Standard output written synchronously, a write at a time. process.stdout queues in memory
// whatever a pipe cannot take at once (libuv makes a pipe it opens non-blocking), and the CLI
// writes its report without waiting, so `claimlint check big.csv --format json | jq` held the
// whole report in memory (1M-row CSV: 149 MB peak RSS to a file, 226 MB to a pipe). Written with
// fs.writeSync instead, each batch waits until the reader has taken the one before.
import { writeSync } from 'node:fs';

/** How long to wait before writing again to a non-blocking descriptor that is full. */
const FULL_WAIT_MS = 2;

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
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') pause(FULL_WAIT_MS);
      else if (code === 'EPIPE') throw new ReaderGone();
      else throw error;
    }
  }
}
