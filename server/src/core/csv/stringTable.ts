// Strings numbered in the order they were first added, held as bytes with an open-addressing hash
// table over them: for the half a million claim ids (and patients) of a big claim CSV read in
// pieces, a Map of strings took about 110 bytes an entry, this about 24 for a string of ten.
// - The bytes are in chunks that are never copied or given up (a chunk full, the next one is
//   made), each string a length and its bytes: a table doubled into a new array held twice its
//   strings' bytes while it grew, and up to twice their length once grown.
// - An entry keeps no hash: a probe compares lengths, then bytes from the last one (ids that
//   share a prefix differ at their end), and growing the hash table hashes the bytes again.
// - The numbers' offsets are in blocks too (blockColumn.ts).
// A string with a character over U+00FF, or longer than a chunk, is kept in a Map beside the bytes.
import { BlockColumn } from './blockColumn';

/** Bytes of the first chunk; each next chunk is twice the one before, up to MAX_CHUNK. */
const FIRST_CHUNK = 1 << 14;
/** A chunk's size at most, and the bit an offset's chunk number starts at (offset = chunk << CHUNK_BITS | position). */
const CHUNK_BITS = 20;
const MAX_CHUNK = 1 << CHUNK_BITS;
/** The offset of a string kept in the Map (no bytes). */
const HELD = 0xffffffff;

export class StringTable {
  private readonly chunks: Uint8Array[] = [new Uint8Array(FIRST_CHUNK)];
  /** Bytes used in the last chunk. */
  private used = 0;
  /** Per string: the offset of its length byte(s) (chunk << CHUNK_BITS | position), HELD for one in `held`. */
  private readonly starts = new BlockColumn(Uint32Array);
  private count = 0;
  /** Open addressing: string number + 1 per slot, 0 for an empty one. */
  private slots = new Int32Array(1024);
  /** Strings with a character over U+00FF or longer than a chunk (no bytes). */
  private readonly held = new Map<string, number>();
  private readonly heldByNumber = new Map<number, string>();

  get size(): number {
    return this.count;
  }

  /** The number of `key`, or -1 when it was never added. */
  find(key: string): number {
    const hash = hashOf(key);
    if (hash < 0 || key.length > MAX_CHUNK - 4) return this.held.get(key) ?? -1;
    const mask = this.slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at]!;
      if (slot === 0) return -1;
      if (this.holds(slot - 1, key)) return slot - 1;
    }
  }

  /** Adds `key` (not in the table) and returns its number. */
  add(key: string): number {
    const n = this.count++;
    const hash = hashOf(key);
    if (hash < 0 || key.length > MAX_CHUNK - 4) {
      this.held.set(key, n);
      this.heldByNumber.set(n, key);
      this.setStart(n, HELD);
      return n;
    }
    this.setStart(n, this.write(key));
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(hash, n);
    return n;
  }

  /** String number n. */
  get(n: number): string {
    const start = this.startOf(n);
    if (start === HELD) return this.heldByNumber.get(n)!;
    const bytes = this.chunks[start >>> CHUNK_BITS]!;
    let at = start & (MAX_CHUNK - 1);
    const length = readLength(bytes, at);
    at += lengthBytes(length);
    const end = at + length;
    let out = '';
    // In runs: fromCharCode takes its arguments from the array (with apply: spreading a typed
    // array goes through its iterator, three to four times slower for an id of ten characters).
    for (; at < end; at += 4096) out += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(end, at + 4096)) as unknown as number[]);
    return out;
  }

  /** Writes `key`'s length and bytes into the last chunk (a new one when they do not fit) and returns their offset. */
  private write(key: string): number {
    const size = lengthBytes(key.length) + key.length;
    let bytes = this.chunks[this.chunks.length - 1]!;
    if (this.used + size > bytes.length) {
      bytes = new Uint8Array(Math.max(size, Math.min(MAX_CHUNK, bytes.length * 2)));
      this.chunks.push(bytes);
      this.used = 0;
    }
    const start = ((this.chunks.length - 1) << CHUNK_BITS) | this.used;
    let at = this.used;
    const length = key.length;
    if (length < 0x80) bytes[at++] = length;
    else {
      bytes[at++] = 0x80 | (length >>> 14);
      bytes[at++] = (length >>> 7) & 0x7f;
      bytes[at++] = length & 0x7f;
    }
    for (let i = 0; i < length; i++) bytes[at++] = key.charCodeAt(i);
    this.used = at;
    return start >>> 0;
  }

  private startOf(n: number): number {
    return this.starts.get(n);
  }

  private setStart(n: number, start: number): void {
    this.starts.ensure(n);
    this.starts.set(n, start);
  }

  /** Whether string n is `key` (which has bytes: hashOf >= 0, no longer than a chunk). */
  private holds(n: number, key: string): boolean {
    const start = this.startOf(n);
    if (start === HELD) return false;
    const bytes = this.chunks[start >>> CHUNK_BITS]!;
    const at = start & (MAX_CHUNK - 1);
    const length = readLength(bytes, at);
    if (length !== key.length) return false;
    const from = at + lengthBytes(length);
    for (let i = length - 1; i >= 0; i--) if (bytes[from + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private place(hash: number, n: number): void {
    const mask = this.slots.length - 1;
    let at = hash & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = n + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let n = 0; n < this.count; n++) {
      const start = this.startOf(n);
      if (start !== HELD) this.place(hashOfBytes(this.chunks[start >>> CHUNK_BITS]!, start & (MAX_CHUNK - 1)), n);
    }
  }
}

/** How many bytes a string's length takes before its bytes: one below 128, else three. */
function lengthBytes(length: number): number {
  return length < 0x80 ? 1 : 3;
}

function readLength(bytes: Uint8Array, at: number): number {
  const first = bytes[at]!;
  if (first < 0x80) return first;
  return ((first & 0x7f) << 14) | (bytes[at + 1]! << 7) | bytes[at + 2]!;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of the string's characters (non-negative), or -1 when one is over U+00FF. */
function hashOf(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return -1;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h >>> 1;
}

/** hashOf of the string written at `at` (its length, then its bytes). */
function hashOfBytes(bytes: Uint8Array, at: number): number {
  const length = readLength(bytes, at);
  const from = at + lengthBytes(length);
  let h = FNV_OFFSET;
  for (let i = from; i < from + length; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 1;
}
