// A progress bar on standard error, drawn only when standard error is a terminal and the work is
// big or turns out to take long. The checks themselves are synchronous, so the bar moves between
// files and between the phases of a file (reading, checking, writing the results), and within the
// check of a file read in blocks, as its bytes go by.

export type Phase = 'reading' | 'checking' | 'fixing' | 'writing';

/** Where in a file's work each phase starts, as a fraction of that file's share of the bar. */
const PHASE_START: Readonly<Record<Phase, number>> = { reading: 0, checking: 0.1, fixing: 0.8, writing: 0.9 };
/** Where each phase ends: where the next one starts (check has no fixing phase, and jumps it). */
const PHASE_END: Readonly<Record<Phase, number>> = { reading: 0.1, checking: 0.8, fixing: 0.9, writing: 1 };

/** Inputs at least this big show the bar from the start: checking them takes seconds. */
export const BIG_INPUT_BYTES = 8 * 1024 * 1024;
/** Otherwise the bar appears once the work has taken this long. */
export const SLOW_AFTER_MS = 1000;

export interface ProgressOptions {
  isTty: boolean;
  write: (text: string) => void;
  /** Terminal width (default 80). */
  columns?: number;
  now?: () => number;
  files: readonly { path: string; size: number | null }[];
}

export class Progress {
  private readonly started: number;
  private readonly now: () => number;
  /** Bytes of each file: null until known (standard input, before it is read). */
  private readonly sizes: (number | null)[];
  private visible = false;
  private drawn = false;
  private doneBytes = 0;
  /** `done`: bytes of the file through the phase so far, when the phase goes through them in order. */
  private current: { index: number; phase: Phase; done?: number } | null = null;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.sizes = options.files.map((file) => file.size);
  }

  /** Moves the bar to `phase` of file `index`; `size` tells a size learnt only by reading. */
  update(index: number, phase: Phase, size?: number): void {
    if (!this.options.isTty) return;
    if (size !== undefined) this.sizes[index] = size;
    this.current = { index, phase };
    this.show();
  }

  /** Moves the bar through `phase` of file `index`, `done` of whose bytes have gone through it. */
  advance(index: number, phase: Phase, done: number): void {
    if (!this.options.isTty) return;
    this.current = { index, phase, done };
    this.show();
  }

  private show(): void {
    if (!this.visible) {
      if (this.totalBytes() < BIG_INPUT_BYTES && this.now() - this.started < SLOW_AFTER_MS) return;
      this.visible = true;
    }
    this.draw();
  }

  /** Marks file `index` as done. */
  fileDone(index: number): void {
    this.doneBytes += this.sizeOf(index);
    this.current = null;
  }

  private sizeOf(index: number): number {
    return Math.max(this.sizes[index] ?? 0, 1);
  }

  private totalBytes(): number {
    let total = 0;
    for (let i = 0; i < this.sizes.length; i++) total += this.sizeOf(i);
    return total;
  }

  /** How far into its file's share of the bar the current phase is. */
  private phaseFraction(current: { index: number; phase: Phase; done?: number }): number {
    const start = PHASE_START[current.phase];
    if (current.done === undefined) return start;
    const through = Math.min(1, current.done / this.sizeOf(current.index));
    return start + (PHASE_END[current.phase] - start) * through;
  }

  /** The line the bar shows now. */
  render(): string {
    const files = this.options.files;
    const current = this.current;
    const partial = current ? this.sizeOf(current.index) * this.phaseFraction(current) : 0;
    const fraction = Math.min(1, (this.doneBytes + partial) / this.totalBytes());
    const width = 20;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
    const count = files.length > 1 && current ? ` ${current.index + 1}/${files.length}` : '';
    const head = `claimlint ${bar}${count}`;
    const columns = Math.max(40, (this.options.columns ?? 80) - 1);
    if (!current) return head;
    const path = files[current.index]!.path;
    const size = this.sizes[current.index];
    const sizeText = size !== null && size !== undefined && size >= 1048576 ? ` (${Math.round(size / 1048576)} MB)` : '';
    let name = path === '-' ? 'standard input' : path;
    // Keep the end of a long path (the file name) and cut its start, so the line never wraps.
    const room = columns - head.length - current.phase.length - sizeText.length - 2;
    if (name.length > room) name = room > 1 ? '…' + name.slice(name.length - room + 1) : '';
    return `${head} ${current.phase} ${name}${sizeText}`.slice(0, columns);
  }

  private draw(): void {
    this.options.write(`\r${this.render()}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the bar (before other output goes to the same terminal); the next update redraws it. */
  clear(): void {
    if (!this.drawn) return;
    this.options.write('\r\x1b[K');
    this.drawn = false;
  }

  finish(): void {
    this.clear();
  }
}
