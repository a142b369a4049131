// Strings numbered in the order they were first added, held as bytes (byteStrings.ts) with an
// open-addressing hash table over them: for the half a million claim ids of a big claim CSV read
// in pieces, a Map of strings took about 110 bytes an entry, this about 24 for a string of ten.
// - An entry keeps no hash: a probe compares lengths, then characters from the last one (ids that
//   share a prefix differ at their end), and growing the hash table hashes the bytes again.
// - Bytes, offsets and slots are in memory the engine maps itself (growableColumn.ts): the bytes
//   and offsets grow in place, and a hash table grown gives the one it replaced back at once.
import { ByteStrings, hashOf } from './byteStrings';
import { GrowableColumn, mappedArray, releaseArray } from './growableColumn';

/** Slots of a new table (a power of two: a probe masks with slots - 1). */
const FIRST_SLOTS = 1024;

export class StringTable {
  private readonly strings = new ByteStrings();
  /** Per string number: the offset it is written at in `strings`. */
  private readonly starts = new GrowableColumn(Uint32Array);
  private count = 0;
  /**
   * Open addressing: string number + 1 per slot, 0 for an empty one; `mask` is their count - 1
   * (a view of a resizable buffer works its length out each time it is asked).
   */
  private slots = mappedArray(Int32Array, FIRST_SLOTS);
  private mask = FIRST_SLOTS - 1;

  get size(): number {
    return this.count;
  }

  /** The number of `key`, or -1 when it was never added. */
  find(key: string): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let at = hashOf(key) & mask; ; at = (at + 1) & mask) {
      const slot = slots[at]!;
      if (slot === 0) return -1;
      if (this.strings.equals(this.starts.get(slot - 1), key)) return slot - 1;
    }
  }

  /** Adds `key` (not in the table) and returns its number. */
  add(key: string): number {
    const n = this.count++;
    this.starts.ensure(n);
    this.starts.set(n, this.strings.add(key));
    if (this.count * 2 > this.mask + 1) this.rehash();
    else this.place(hashOf(key), n);
    return n;
  }

  /** String number n. */
  get(n: number): string {
    return this.strings.get(this.starts.get(n));
  }

  /** The length of string number n, and its FNV-1a hash (byteStrings.ts hashOf): without making it. */
  lengthOf(n: number): number {
    return this.strings.lengthAt(this.starts.get(n));
  }

  hashOf(n: number): number {
    return this.strings.hashAt(this.starts.get(n));
  }

  private place(hash: number, n: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let at = hash & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = n + 1;
  }

  /** Gives the hash table's memory back now: find() and add() may not be called after (get() may). */
  releaseIndex(): void {
    releaseArray(this.slots);
  }

  /** Gives all of the table's memory back now: nothing of it may be read after. */
  release(): void {
    this.releaseIndex();
    this.starts.release();
    this.strings.release();
  }

  private rehash(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = mappedArray(Int32Array, size);
    this.mask = size - 1;
    releaseArray(old);
    for (let n = 0; n < this.count; n++) this.place(this.strings.hashAt(this.starts.get(n)), n);
  }
}
