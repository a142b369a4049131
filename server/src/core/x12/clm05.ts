// CLM05 of an 837 claim (health care service location information), as the coding checks read
// it: CLM05-1, on an 837I the facility type code (the first two digits of the type of bill, which
// chooses the NCCI table: rules/claimTables.ts; on an 837P it is the place of service, which no
// check reads), and CLM05-3, the claim frequency code (7 replacement, 8 void: rules/supersession.ts).

import { facilityTypeOf } from '../rules/claimTables';
import { detached } from '../text';
import { codeAt, sliceOf, type Source } from './source';

export interface Clm05 {
  /** CLM05-1 read as a facility type code (facilityTypeOf), or null. */
  facilityType: string | null;
  /** CLM05-3 as written, trimmed; null when absent or empty. */
  frequency: string | null;
}

const NONE: Clm05 = Object.freeze({ facilityType: null, frequency: null });

/** CLM05 written at text[start, end) (start < 0: the claim has none), its components split at `component`. */
export function readClm05(text: Source, start: number, end: number, component: string): Clm05 {
  if (start < 0 || end <= start) return NONE;
  const separator = component.charCodeAt(0);
  const firstEnd = componentEnd(text, separator, start, end);
  const first = firstEnd < 0 || firstEnd >= end ? end : firstEnd;
  let frequency: string | null = null;
  if (first < end) {
    const secondEnd = componentEnd(text, separator, first + 1, end);
    if (secondEnd >= 0 && secondEnd < end) {
      const thirdEnd = componentEnd(text, separator, secondEnd + 1, end);
      const value = sliceOf(text, secondEnd + 1, thirdEnd < 0 || thirdEnd >= end ? end : thirdEnd).trim();
      // Its own copy: a claim outlives the piece of text it was read from.
      if (value !== '') frequency = detached(value);
    }
  }
  // A facility type code is two characters: anything much longer is not one (and is not sliced).
  const facilityType = first - start <= 8 ? facilityTypeOf(sliceOf(text, start, first)) : null;
  return facilityType === null && frequency === null ? NONE : { facilityType, frequency };
}

/** Index of the first `separator` in text[from, end), or -1 (no further is read: a component separator past CLM05 is no part of it). */
function componentEnd(text: Source, separator: number, from: number, end: number): number {
  for (let at = from; at < end; at++) if (codeAt(text, at) === separator) return at;
  return -1;
}

/**
 * readClm05 for one reader's claims, which nearly all write the same CLM05 ("11:B:1"): what the
 * last one gave is given again, the same frozen object, when a claim writes the same text, so
 * that a claim costs no strings and no object for it.
 */
export class Clm05Reader {
  private lastWritten = '';
  private lastComponent = '';
  private last: Clm05 = NONE;

  read(text: Source, start: number, end: number, component: string): Clm05 {
    if (start < 0 || end <= start) return NONE;
    const length = end - start;
    if (length === this.lastWritten.length && component === this.lastComponent && this.sameAsLast(text, start)) return this.last;
    const read = readClm05(text, start, end, component);
    // Only a short one is kept (its own copy: the text is one piece of a file), as CLM05 is.
    if (length <= MAX_KEPT) {
      this.lastWritten = detached(sliceOf(text, start, end));
      this.lastComponent = component;
      this.last = read === NONE ? NONE : Object.freeze(read);
    }
    return read;
  }

  /** Whether text from `start` begins with the last CLM05 kept: compared by char codes (a few), cheaper than a call to startsWith. */
  private sameAsLast(text: Source, start: number): boolean {
    const last = this.lastWritten;
    for (let i = 0; i < last.length; i++) {
      if (codeAt(text, start + i) !== last.charCodeAt(i)) return false;
    }
    return true;
  }
}

/** The longest CLM05 a Clm05Reader keeps to compare the next with. */
const MAX_KEPT = 32;
