// The CLI run in process (cli/main.ts run) with its output kept in memory: what the tests that
// need no spawned process (and no built bundle) give it as its Io.
import type { Io } from '../../server/src/cli/main';

export interface MemoryIo extends Io {
  /** Standard output so far, bytes read as `encoding`. */
  readonly out: string;
  /** Standard error so far. */
  readonly err: string;
}

/** An Io whose standard input is `stdin` and whose output is collected (chunks joined when read). */
export function memoryIo(stdin: Buffer = Buffer.alloc(0), encoding: BufferEncoding = 'latin1'): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    get out() {
      return out.join('');
    },
    get err() {
      return err.join('');
    },
    stdout: (data: string | Uint8Array) => void out.push(typeof data === 'string' ? data : Buffer.from(data).toString(encoding)),
    stderr: (text: string) => void err.push(text),
    readStdin: () => stdin,
    isTty: false,
  };
}
