// Strings held as bytes, one after another in a growable column (growableColumn.ts), each named by
// the offset it was written at: for the half a million claim ids and patients of a big claim CSV
// read in pieces, about a byte a character against some 30 bytes of a JavaScript string each.
// A string is its length (one byte below 64 characters) then its characters, one byte each when
// they are all at most U+00FF, else two (a string's content decides which, so two equal strings
// are always written alike).
import { GrowableColumn } from './growableColumn';

/** Characters a string may have. */
export const MAX_LENGTH = (1 << 27) - 1;

export class ByteStrings {
  private readonly bytes = new GrowableColumn(Uint8Array);
  /** Bytes written. */
  private used = 0;

  /** Bytes written so far (every string's, with their lengths). */
  get size(): number {
    return this.used;
  }

  /** Gives the bytes' memory back to the system now (growableColumn.ts): no string written before may be read after. */
  release(): void {
    this.bytes.release();
    this.used = 0;
  }

  /** Writes `text` (at most MAX_LENGTH characters) and returns the offset it is read from. */
  add(text: string): number {
    const length = text.length;
    if (length > MAX_LENGTH) throw new RangeError('string too long to hold as bytes');
    const wide = isWide(text);
    const start = this.used;
    const header = length * 2 + (wide ? 1 : 0);
    this.bytes.ensure(start + headerBytes(header) + (wide ? 2 * length : length) - 1);
    const bytes = this.bytes.entries();
    let at = writeHeader(bytes, start, header);
    if (wide) {
      for (let i = 0; i < length; i++, at += 2) {
        const c = text.charCodeAt(i);
        bytes[at] = c & 0xff;
        bytes[at + 1] = c >>> 8;
      }
    } else {
      for (let i = 0; i < length; i++) bytes[at++] = text.charCodeAt(i);
    }
    this.used = at;
    return start;
  }

  /** The string written at `offset`. */
  get(offset: number): string {
    const bytes = this.bytes.entries();
    const header = readHeader(bytes, offset);
    const length = header >>> 1;
    let at = offset + headerBytes(header);
    let out = '';
    if ((header & 1) === 0) {
      // In runs: fromCharCode takes its arguments from the array (with apply: spreading a typed
      // array goes through its iterator, three to four times slower for an id of ten characters).
      const end = at + length;
      for (; at < end; at += 4096) out += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(end, at + 4096)) as unknown as number[]);
    } else {
      for (let i = 0; i < length; i++, at += 2) out += String.fromCharCode(bytes[at]! | (bytes[at + 1]! << 8));
    }
    return out;
  }

  /** Whether the string written at `offset` is `text`: lengths first, then the characters from the last (ids that share a prefix differ at their end). */
  equals(offset: number, text: string): boolean {
    const bytes = this.bytes.entries();
    const header = readHeader(bytes, offset);
    const length = header >>> 1;
    if (length !== text.length) return false;
    const from = offset + headerBytes(header);
    if ((header & 1) === 0) {
      for (let i = length - 1; i >= 0; i--) if (bytes[from + i] !== text.charCodeAt(i)) return false;
      return true;
    }
    for (let i = length - 1; i >= 0; i--) if ((bytes[from + 2 * i]! | (bytes[from + 2 * i + 1]! << 8)) !== text.charCodeAt(i)) return false;
    return true;
  }

  /** The length of the string written at `offset`. */
  lengthAt(offset: number): number {
    return readHeader(this.bytes.entries(), offset) >>> 1;
  }

  /** hashOf() of the string written at `offset`, from its bytes. */
  hashAt(offset: number): number {
    const bytes = this.bytes.entries();
    const header = readHeader(bytes, offset);
    const length = header >>> 1;
    let at = offset + headerBytes(header);
    let h = FNV_OFFSET;
    if ((header & 1) === 0) {
      for (let i = 0; i < length; i++) h = Math.imul(h ^ bytes[at++]!, FNV_PRIME);
    } else {
      for (let i = 0; i < length; i++, at += 2) h = Math.imul(h ^ (bytes[at]! | (bytes[at + 1]! << 8)), FNV_PRIME);
    }
    return h >>> 0;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of the string's characters, as hashAt reads it back. */
export function hashOf(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function isWide(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return true;
  return false;
}

// The header (length * 2, plus 1 for two bytes a character): seven bits a byte, the high bit set on all but the last.

function headerBytes(header: number): number {
  return header < 1 << 7 ? 1 : header < 1 << 14 ? 2 : header < 1 << 21 ? 3 : 4;
}

function writeHeader(bytes: Uint8Array, at: number, header: number): number {
  for (let shift = 7 * (headerBytes(header) - 1); shift > 0; shift -= 7) bytes[at++] = 0x80 | ((header >>> shift) & 0x7f);
  bytes[at++] = header & 0x7f;
  return at;
}

function readHeader(bytes: Uint8Array, at: number): number {
  let header = 0;
  for (;;) {
    const b = bytes[at++]!;
    header = (header << 7) | (b & 0x7f);
    if (b < 0x80) return header;
  }
}
