// A column of numbers by index (one per claim of a big claim CSV read in pieces), in a resizable
// ArrayBuffer that grows in place. The engine reserves such a buffer's address space itself and
// maps its pages as they are first written: growing copies nothing and leaves no garbage array,
// and its pages go back to the system once the column is collected, or at once when it is
// released (a resizable buffer shrunk to nothing gives its pages back: the owner of a column it
// no longer reads need not wait for a full collection). An ordinary ArrayBuffer is malloc's:
// glibc keeps what is freed in the middle of its heap, so the claims of a million-row file, let go
// before its findings were made, were still resident when the findings pushed the process to its
// peak (and blocks that doubled left the halves they replaced behind).
// Where a resizable buffer cannot be had (its address space refused), an ordinary one is used,
// copied to a larger one as it fills.

type NumberArray = Uint8Array | Uint32Array | Int32Array | Float64Array;
type ArrayMaker<A extends NumberArray> = { new (buffer: ArrayBuffer): A; readonly BYTES_PER_ELEMENT: number };

/** Entries a column has room for at first, and the bytes it reserves address space for (a larger reserve is made, and copied to, past it). */
const FIRST_ENTRIES = 1024;
const FIRST_RESERVE_BYTES = 1 << 24;

/**
 * An ArrayBuffer of `bytes` bytes that can grow in place up to `reserve` (a resizable one), or,
 * when the system refuses the address space, an ordinary one of `bytes`.
 */
export function growableBuffer(bytes: number, reserve: number): ArrayBuffer {
  try {
    return new ArrayBuffer(bytes, { maxByteLength: Math.max(bytes, reserve) });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return new ArrayBuffer(bytes);
  }
}

/** An array of `length` zeros in memory the engine maps itself (see above): given back to the system once collected or released. */
export function mappedArray<A extends NumberArray>(make: ArrayMaker<A>, length: number): A {
  const bytes = length * make.BYTES_PER_ELEMENT;
  return new make(growableBuffer(bytes, bytes));
}

/**
 * Gives the memory of an array made by mappedArray back to the system now; the array is empty
 * after (an ordinary buffer's waits for the collector, as before).
 */
export function releaseArray(array: NumberArray): void {
  const buffer = array.buffer as ArrayBuffer;
  if (buffer.resizable) buffer.resize(0);
}

export class GrowableColumn<A extends NumberArray> {
  private buffer: ArrayBuffer;
  /** A view that follows the buffer's length as it grows. */
  private array: A;
  /** Entries there is room for now (the view's length, which a resizable buffer's view works out each time it is asked). */
  private room = FIRST_ENTRIES;

  constructor(private readonly make: ArrayMaker<A>) {
    this.buffer = growableBuffer(FIRST_ENTRIES * make.BYTES_PER_ELEMENT, FIRST_RESERVE_BYTES);
    this.array = new make(this.buffer);
  }

  /** Entries there is room for now. */
  get capacity(): number {
    return this.room;
  }

  /** Makes room for entries up to `i`, at least doubling the room there is. */
  ensure(i: number): void {
    if (i < this.room) return;
    let entries = Math.max(FIRST_ENTRIES, this.room * 2);
    while (entries <= i) entries *= 2;
    const bytes = entries * this.make.BYTES_PER_ELEMENT;
    this.room = entries;
    if (this.buffer.resizable && bytes <= this.buffer.maxByteLength) {
      this.buffer.resize(bytes);
      return;
    }
    // Past the reserve (or no resizable buffer): a new one, eight times the reserve, with the entries
    // copied, and the old one given back at once.
    const buffer = growableBuffer(bytes, this.buffer.resizable ? Math.max(bytes, this.buffer.maxByteLength * 8) : bytes);
    const array = new this.make(buffer);
    array.set(this.array);
    if (this.buffer.resizable) this.buffer.resize(0);
    this.buffer = buffer;
    this.array = array;
  }

  get(i: number): number {
    return this.array[i]!;
  }

  set(i: number, value: number): void {
    this.array[i] = value;
  }

  /** Adds 1 to entry i. */
  increment(i: number): void {
    this.array[i]!++;
  }

  /**
   * Gives the column's memory back to the system now (see above): it holds no entries after, and
   * grows again from nothing if it is written.
   */
  release(): void {
    this.room = 0;
    if (this.buffer.resizable) {
      this.buffer.resize(0);
      return;
    }
    this.buffer = new ArrayBuffer(0);
    this.array = new this.make(this.buffer);
  }

  /**
   * The entries as one array, the column's own (it follows the column's length, at least
   * `count`): for a caller that takes the column over once it is complete.
   */
  entries(): A {
    return this.array;
  }
}
