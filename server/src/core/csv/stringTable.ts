// Strings numbered in the order they were first added, held as bytes in one growing array with an
// open-addressing hash table over it: for the half a million claim ids (and patients) of a big
// claim CSV read in pieces, a Map of strings took about 110 bytes an entry, this about 30 (with
// each string's hash kept, so that growing the table and passing other strings by read no bytes).
// A string with a character over U+00FF is kept in a Map beside the bytes.

export class StringTable {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Where string n starts in `bytes` (and ends: starts[n + 1]). */
  private starts = new Uint32Array(1024);
  private count = 0;
  /** Open addressing: string number + 1 per slot, 0 for an empty one. */
  private slots = new Int32Array(1024);
  /** hashOf of string n (for a growing table to place it again, and a probe to pass others by without reading their bytes). */
  private hashes = new Int32Array(1024);
  /** Strings with a character over U+00FF (no bytes: starts[n] = starts[n + 1]). */
  private readonly wide = new Map<string, number>();
  private readonly wideByNumber = new Map<number, string>();

  get size(): number {
    return this.count;
  }

  /** The number of `key`, or -1 when it was never added. */
  find(key: string): number {
    const hash = hashOf(key);
    if (hash < 0) return this.wide.get(key) ?? -1;
    const mask = this.slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at]!;
      if (slot === 0) return -1;
      if (this.hashes[slot - 1] === hash && this.holds(slot - 1, key)) return slot - 1;
    }
  }

  /** Adds `key` (not in the table) and returns its number. */
  add(key: string): number {
    const n = this.count++;
    if (n + 2 > this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    if (n + 1 > this.hashes.length) this.hashes = grownInt(this.hashes, this.hashes.length * 2);
    const hash = hashOf(key);
    this.hashes[n] = hash;
    this.starts[n] = this.used;
    if (hash < 0) {
      this.wide.set(key, n);
      this.wideByNumber.set(n, key);
      this.starts[n + 1] = this.used;
      return n;
    }
    if (this.used + key.length > this.bytes.length) {
      const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.used + key.length));
      bytes.set(this.bytes.subarray(0, this.used));
      this.bytes = bytes;
    }
    for (let i = 0; i < key.length; i++) this.bytes[this.used++] = key.charCodeAt(i);
    this.starts[n + 1] = this.used;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(hash, n);
    return n;
  }

  /** String number n. */
  get(n: number): string {
    const wide = this.wideByNumber.get(n);
    if (wide !== undefined) return wide;
    const start = this.starts[n]!;
    const end = this.starts[n + 1]!;
    let out = '';
    // In runs: fromCharCode takes its arguments from the array (with apply: spreading a typed
    // array goes through its iterator, three to four times slower for an id of ten characters).
    for (let at = start; at < end; at += 4096) out += String.fromCharCode.apply(null, this.bytes.subarray(at, Math.min(end, at + 4096)) as unknown as number[]);
    return out;
  }

  private holds(n: number, key: string): boolean {
    const start = this.starts[n]!;
    // Only a string with bytes is looked for here (hashOf >= 0): a wide one has none.
    if (this.starts[n + 1]! - start !== key.length || (this.wideByNumber.size !== 0 && this.wideByNumber.has(n))) return false;
    const bytes = this.bytes;
    for (let i = 0; i < key.length; i++) if (bytes[start + i] !== key.charCodeAt(i)) return false;
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
    const anyWide = this.wideByNumber.size !== 0;
    for (let n = 0; n < this.count; n++) {
      if (anyWide && this.wideByNumber.has(n)) continue;
      this.place(this.hashes[n]!, n);
    }
  }
}

function grown(a: Uint32Array, length: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(length);
  b.set(a);
  return b;
}

function grownInt(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}

/** FNV-1a of the string's characters (non-negative), or -1 when one is over U+00FF. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 1;
}
