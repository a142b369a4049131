// A column of numbers by index (one per claim of a big claim CSV read in pieces), in blocks of
// BLOCK entries that are never copied once full. Doubling one array each time it filled made a
// garbage array of half the new size each time, and the collector leaves big arrays to its full
// collections: for half a million claims, 20 MB of them were waiting at once.

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
/** Entries of the first block, which doubles up to BLOCK (a file of a few claims keeps a small one). */
const FIRST_BLOCK = 1024;

type NumberArray = Uint8Array | Uint32Array | Int32Array;

export class BlockColumn<A extends NumberArray> {
  private readonly blocks: A[];
  /** Entries there is room for. */
  private capacity = FIRST_BLOCK;

  constructor(private readonly make: new (length: number) => A) {
    this.blocks = [new make(FIRST_BLOCK)];
  }

  /** Makes room for entry `i` (entries are added in order: i is at most the capacity). */
  ensure(i: number): void {
    if (i < this.capacity) return;
    const first = this.blocks[0]!;
    if (first.length < BLOCK) {
      const grown = new this.make(first.length * 2);
      grown.set(first);
      this.blocks[0] = grown;
    } else {
      this.blocks.push(new this.make(BLOCK));
    }
    this.capacity += this.capacity < BLOCK ? this.capacity : BLOCK;
  }

  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)]!;
  }

  set(i: number, value: number): void {
    this.blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)] = value;
  }

  /** Adds 1 to entry i. */
  increment(i: number): void {
    this.blocks[i >>> BLOCK_BITS]![i & (BLOCK - 1)]++;
  }

  /** The first `count` entries as one array of their own. */
  copy(count: number): A {
    const out = new this.make(count);
    for (let b = 0, at = 0; at < count; b++, at += BLOCK) out.set(this.blocks[b]!.subarray(0, Math.min(BLOCK, count - at)), at);
    return out;
  }
}
