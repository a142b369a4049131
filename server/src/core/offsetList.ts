// A growing list of offsets (a text's line starts) held in a Uint32Array rather than an array of
// numbers. A 10 MB 837 with a segment per line has 470,000 lines: an array grown by push()
// allocated 14 MB of JavaScript heap for them (each larger copy left the last one as garbage),
// a fifth of all an open allocates, and scavenges copied what was alive; a typed array's
// elements live outside the heap, and finding them takes half the time.
import { lastAtOrBefore } from './search';

export class OffsetList {
  private values: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.values = new Uint32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.count;
  }

  at(i: number): number {
    return this.values[i]!;
  }

  push(offset: number): void {
    if (this.count === this.values.length) this.grow(this.count + 1);
    this.values[this.count++] = offset;
  }

  /** Index of the last offset <= value, or -1 when none is (the offsets are ascending). */
  lastAtOrBefore(value: number): number {
    return lastAtOrBefore(this.values, value, this.count);
  }

  /** Replaces the `remove` offsets from index `at` with those of `inserted`, in order. */
  splice(at: number, remove: number, inserted: OffsetList): void {
    const added = inserted.count;
    const size = this.count - remove + added;
    if (size > this.values.length) this.grow(size);
    const values = this.values;
    if (added !== remove) values.copyWithin(at + added, at + remove, this.count);
    values.set(inserted.values.subarray(0, added), at);
    this.count = size;
  }

  /** Adds `delta` to every offset from index `from` on. */
  shiftFrom(from: number, delta: number): void {
    const values = this.values;
    for (let i = from; i < this.count; i++) values[i] = values[i]! + delta;
  }

  private grow(needed: number): void {
    const grown = new Uint32Array(Math.max(needed, this.values.length * 2));
    grown.set(this.values.subarray(0, this.count));
    this.values = grown;
  }
}
