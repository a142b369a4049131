// Watching a spawned process from a test: Linux /proc.
import { readFileSync } from 'node:fs';

/** Returns once the kernel reports the process stopped (or gone). */
export function waitUntilStopped(pid: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let polls = 0; ; polls++) {
    let state: string;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      state = stat.charAt(stat.lastIndexOf(')') + 2);
    } catch {
      return;
    }
    if (state === 'T' || state === 't' || state === 'Z' || state === 'X') return;
    if (polls > 50_000) throw new Error(`process ${pid} did not stop (state ${state})`);
    Atomics.wait(pause, 0, 0, 0.1);
  }
}
