// Short values a big file writes over and over (amounts as written, modifiers, provider NPIs) as
// one string per value, found through a small table by the characters' hash, instead of a string
// sliced for every line and claim. The model of a 100 MB file keeps every line and claim to its
// end, so each such string survived the young generation and was copied by every scavenge that
// saw it; a value a file writes once still costs its one string, and the table only a lookup.
//
// Only values of up to 12 characters are held: V8 copies a slice that short into a string of its
// own, so the table never keeps a piece of a file's text alive (a longer slice points into it).

import { codeAt, sliceOf, type Source } from './source';

/** Slots of the table: a power of two. A file's amounts and modifiers are a few thousand values. */
const SLOTS = 4096;
/** The longest value held: a longer slice would share its text (see above). */
const MAX_LENGTH = 12;

export class ShortStrings {
  private readonly held: string[] = new Array<string>(SLOTS).fill('');

  /** The characters [start, end) of `source` as a string: the one held for them when there is one. */
  of(source: Source, start: number, end: number): string {
    const length = end - start;
    if (length <= 0 || length > MAX_LENGTH) return sliceOf(source, start, end);
    let hash = length;
    for (let at = start; at < end; at++) hash = (Math.imul(hash, 31) + codeAt(source, at)) | 0;
    const slot = (hash ^ (hash >>> 13)) & (SLOTS - 1);
    const held = this.held[slot]!;
    if (held.length === length && sameAs(held, source, start)) return held;
    const value = sliceOf(source, start, end);
    this.held[slot] = value;
    return value;
  }
}

/** Whether `value` is the characters of `source` from `start` on (as many as it has). */
function sameAs(value: string, source: Source, start: number): boolean {
  for (let c = 0; c < value.length; c++) {
    if (value.charCodeAt(c) !== codeAt(source, start + c)) return false;
  }
  return true;
}
