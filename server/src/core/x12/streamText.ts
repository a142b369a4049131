// The text X12Stream holds between cuts and the searches it makes in it, for text fed as strings
// (the server, which decodes what it reads) and as the bytes of ASCII text (the CLI, which hands
// over its blocks as they are: source.ts). A block fed as bytes is the caller's until the call
// returns, so what is held of it is copied; a piece cut from held bytes stays as it is until the
// piece after it has been read (the reader reads the piece before it when it moves on to the next).

import { readIsaHeader, type IsaHeader, type IsaProblem, ISA_LOOKAHEAD } from './isa';
import { latin1, type Source } from './source';

/** Index of `search` (ASCII) in `source` at or after `from`, or -1: String indexOf, and Buffer's search for bytes. */
export function indexOfText(source: Source, search: string, from: number): number {
  if (typeof source === 'string') return source.indexOf(search, from);
  if (from >= source.length) return -1;
  return Buffer.prototype.indexOf.call(source, search, Math.max(from, 0), 'latin1');
}

/** Index of the last `search` (ASCII) in `source` starting at or before `from` (String lastIndexOf's clamping), or -1. */
export function lastIndexOfText(source: Source, search: string, from = Infinity): number {
  if (typeof source === 'string') return source.lastIndexOf(search, from);
  const at = Math.min(Math.max(from, 0), source.length - search.length);
  if (at < 0) return -1;
  return Buffer.prototype.lastIndexOf.call(source, search, at, 'latin1');
}

/** source[start, end) as text of its own (bytes copied: the source may be a block that is read again). */
export function copyText<T extends Source>(source: T, start: number, end = source.length): T {
  if (typeof source === 'string') return source.slice(start, end) as T;
  return Uint8Array.prototype.slice.call(source, start, end) as T;
}

/**
 * Joins the carry of a search and the block after it into the text searched next: strings
 * concatenated, bytes copied into one buffer used again each time (the window is read only while
 * the block is searched; a new buffer a block would be a block of memory outside the heap each
 * time, freed only at the next collection).
 */
export class WindowJoiner {
  private bytes = new Uint8Array(0);

  join<T extends Source>(a: T, b: T): T {
    if (typeof a === 'string') return (a + (b as string)) as T;
    if (a.length === 0) return b;
    const length = a.length + b.length;
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.max(length, this.bytes.length * 2));
    const joined = this.bytes.subarray(0, length);
    joined.set(a as Uint8Array);
    joined.set(b as Uint8Array, a.length);
    return joined as T;
  }
}

/** The empty text of the kind of `like`. */
export function emptyLike<T extends Source>(like: T): T {
  return (typeof like === 'string' ? '' : EMPTY_BYTES) as T;
}

const EMPTY_BYTES = new Uint8Array(0);

/**
 * readIsaHeader of the ISA at `at`; for bytes, of the characters it may read (ISA_LOOKAHEAD of
 * them: the header reads no further, so it is the same), with the offsets of `source`.
 */
export function isaHeaderIn(source: Source, at: number): IsaHeader | IsaProblem {
  if (typeof source === 'string') return readIsaHeader(source, at);
  const header = readIsaHeader(latin1(source, at, Math.min(source.length, at + ISA_LOOKAHEAD)), 0);
  if ('message' in header) return header;
  return { ...header, terminatorOffset: header.terminatorOffset + at, blanks: header.blanks === null ? null : { start: header.blanks.start + at, end: header.blanks.end + at } };
}

/** The text fed to X12Stream and not yet read: from the last cut on. */
export interface HeldText<T extends Source> {
  readonly length: number;
  /** Appends a block (bytes are copied). */
  add(block: T): void;
  /**
   * The first `at` characters as a piece, the rest kept: `lastBlock` is the block added last, whose
   * rest is kept as a slice of it when the cut falls in it (the text before it is joined only
   * into the piece).
   */
  cut(at: number): T;
  /** What is held, as one text (held on). */
  all(): T;
  /** Keeps only the first `keep` characters. */
  truncate(keep: number): void;
  /** Appends `count` line breaks. */
  addLineBreaks(count: number): void;
}

/** Held strings, block by block: joined only at a cut. */
export class HeldStrings implements HeldText<string> {
  private parts: string[] = [];
  length = 0;

  add(block: string): void {
    this.parts.push(block);
    this.length += block.length;
  }

  cut(at: number): string {
    const parts = this.parts;
    const last = parts[parts.length - 1] ?? '';
    const lastStart = this.length - last.length;
    let piece: string;
    let rest: string;
    if (at >= lastStart && parts.length > 0) {
      // The usual cut, inside the last block: only the piece is joined (the rest stays a slice of
      // the block), so each character is copied once, into the piece that holds it.
      parts.pop();
      const head = last.slice(0, at - lastStart);
      if (head !== '') parts.push(head);
      piece = parts.length === 1 ? parts[0]! : parts.join('');
      rest = last.slice(at - lastStart);
    } else {
      const text = parts.length === 1 ? parts[0]! : parts.join('');
      piece = text.slice(0, at);
      rest = text.slice(at);
    }
    this.parts = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return piece;
  }

  all(): string {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = text.length > 0 ? [text] : [];
    return text;
  }

  truncate(keep: number): void {
    const text = this.all();
    // Its own copy, so the long text it was sliced from is not held.
    this.parts = keep > 0 ? [(' ' + text.slice(0, keep)).slice(1)] : [];
    this.length = keep;
  }

  addLineBreaks(count: number): void {
    if (count > 0) this.add('\n'.repeat(count));
  }
}

/**
 * Held bytes, in one buffer: a block's bytes are copied in after those held. A cut hands out the
 * first bytes as they are and copies the rest into another buffer, which holds what comes next;
 * of three buffers in turn, so that neither the piece nor the one before it (which the reader
 * reads when it moves on to the piece) is written over before the next cut.
 */
export class HeldBytes implements HeldText<Uint8Array> {
  private held: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  /** The buffer of the piece cut last, and the one of the piece before it (written next). */
  private last: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private spare: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  length = 0;

  add(block: Uint8Array): void {
    this.ensure(this.length + block.length);
    this.held.set(block, this.length);
    this.length += block.length;
  }

  cut(at: number): Uint8Array {
    const piece = this.held.subarray(0, at);
    const rest = this.length - at;
    let next = this.spare;
    if (next.length < rest) next = Buffer.allocUnsafe(roomFor(rest));
    next.set(this.held.subarray(at, this.length), 0);
    this.spare = this.last;
    this.last = this.held;
    this.held = next;
    this.length = rest;
    return piece;
  }

  all(): Uint8Array {
    return this.held.subarray(0, this.length);
  }

  truncate(keep: number): void {
    this.length = keep;
  }

  addLineBreaks(count: number): void {
    this.ensure(this.length + count);
    this.held.fill(10, this.length, this.length + count);
    this.length += count;
  }

  private ensure(size: number): void {
    if (size <= this.held.length) return;
    const grown = Buffer.allocUnsafe(roomFor(size));
    grown.set(this.held.subarray(0, this.length), 0);
    this.held = grown;
  }
}

const INITIAL_BYTES = 1 << 17;

function roomFor(size: number): number {
  return Math.max(size + (size >> 1), INITIAL_BYTES);
}
