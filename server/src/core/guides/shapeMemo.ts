// The guide pass's step for a segment like one it has taken before from the same place in the
// guide. A file repeats most segments word for word (the same provider, address, LX*1, SBR on
// claim after claim), and most of the others are the same segments with new ids, names, claim
// numbers, amounts and dates (REF*6R*C000000002L1 after REF*6R*C000000001L1, each claim's NM1*IL,
// CLM and HLs). Where the step from guide segment N took a plan (transitions.ts) and found the
// elements clean (fastCheck.ts), a segment after N with the same characters, or with a digit for
// a digit, a capital for a capital and a small letter for a small letter only in elements whose
// checks read nothing more (shapeMasks.ts: free text, ids, amounts, D8 dates, which are then
// checked; never a code, pattern or the walker's qualifier), takes the same plan and is as clean:
// the plan reads the id and the qualifier, which must be the same characters, and the clean
// check of such an element reads its length, its separators, spaces, signs and dots (all kept)
// and whether each character is a digit. Only the counts of the loop iteration (required
// segments seen, max use) can differ, and the walker checks those (GuideWalker.stepByPlan).
//
// No scan: an entry is found by the guide segment before it, the id and the length (a few entries
// per bucket: segments of one length may differ in shape), and compared with the earlier segment
// four bytes at a time: the entry keeps, per byte, the range a character may take there (the
// earlier one alone, or where its element is free, every character of its kind: which byte is
// which element the entry knows from the earlier segment's scan, and an equal shape has its
// separators in the same places), so the memo is exact. The ranges, not offsets into the text,
// make an entry outlive the text: the CLI reads a big file in pieces of about 64 KB, each a new text, and a
// memo of offsets emptied at every piece, sending each piece's first segment of every shape
// through the scan, the walk and the clean check again. Only segments read as bytes (an ASCII
// window) are taken, and only with separators that are none of the kinds (a letter or digit
// separator would be a kind).
import { isCalendarDate } from '../dates';
import { exactOf, qualifierPositions } from './shapeMasks';
import type { ByteWindow } from './byteWindow';
import type { GuideSchema } from './schema';
import { inRanges } from './rangeWords';
import type { SegmentScan } from './segmentScan';
import type { StepPlan } from './transitions';

/** Buckets (a power of two) of WAYS entries: a file has a few hundred shapes. */
const BUCKETS = 1024;
const WAYS = 4;
/** The longest segment taken. */
export const SHAPE_LENGTH = 255;
/** Bytes kept per entry (a power of two above SHAPE_LENGTH): entry e's ranges are at e * KEPT. */
const KEPT = 256;
/** Each ASCII character's kind: '0' for a digit, 'A' for a capital, 'a' for a small letter, else itself. */
const KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) KIND[c] = c >= 48 && c <= 57 ? 48 : c >= 65 && c <= 90 ? 65 : c >= 97 && c <= 122 ? 97 : c;

/** A separator the kinds would not keep apart from the characters of its kind. */
function isKindOf(separator: number): boolean {
  return separator >= 0 && separator < 128 && KIND[separator] !== separator;
}

export class ShapeMemo {
  /** The element separator the entries were read with. */
  private element = -1;
  /** A separator is a letter or digit: no entries. */
  private off: boolean;
  private readonly alnumSeparators: boolean;

  /**
   * Per entry (bucket * WAYS + way): the uid of the guide segment the step was from (-1: empty),
   * the id code, the segment's length (the ranges of its characters are in `above`, `below`),
   * where its D8 dates are, and the plan.
   */
  private readonly froms = new Int32Array(BUCKETS * WAYS).fill(-1);
  private readonly codes = new Int32Array(BUCKETS * WAYS);
  /**
   * Per entry, KEPT bytes each: character j of a segment of the entry's shape is in [lo, hi] (all
   * ASCII), kept as above[j] = 0x7f - hi and below[j] = 0x80 - lo, so that for an ASCII x the top
   * bit of x + above[j] says x > hi and that of x + below[j] says x >= lo, with no carry into the
   * next byte: four characters are tested at once (sameShape). Made at the first add (the memo of
   * a validator that takes nothing costs nothing).
   */
  private above = new Uint8Array(0);
  private below = new Uint8Array(0);
  /** The same bytes, four at a time (an entry's ranges start at a multiple of KEPT: aligned words, no DataView). */
  private above32 = new Int32Array(0);
  private below32 = new Int32Array(0);
  private readonly lengths = new Int32Array(BUCKETS * WAYS);
  private readonly dates = new Array<Int32Array | null>(BUCKETS * WAYS).fill(null);
  private readonly plans = new Array<StepPlan | null>(BUCKETS * WAYS).fill(null);
  /** Per bucket: the way the next entry replaces. */
  private readonly next = new Uint8Array(BUCKETS);

  /** The segment find() last looked for: its text, offsets, id code, guide segment before it and bucket (-1: none; for add()). */
  private text: string | null = null;
  private start = -1;
  private end = -1;
  private code = -1;
  private from = -1;
  private bucket = -1;

  /** `component`, `repetition`: the separators' codes the segments are read with (-1: none). */
  constructor(
    private readonly component: number,
    repetition: number,
  ) {
    this.alnumSeparators = isKindOf(component) || isKindOf(repetition);
    this.off = this.alnumSeparators;
  }

  /**
   * The plan an earlier step from guide segment `from` took for a segment of the shape of
   * text[start, end) (id code `code`, element separator `element`), found clean; null when there
   * is none. `window` is the pass's byte window (moved here to hold the segment). Call before add().
   */
  find(window: ByteWindow, text: string, start: number, end: number, element: number, code: number, from: number): StepPlan | null {
    this.bucket = -1;
    if (element !== this.element) this.reset(element);
    const length = end - start;
    // (The window nearly always holds the segment already: cover(), which moves it, is called only when not.)
    if (this.off || length > SHAPE_LENGTH || (!window.holds(text, start, end) && !window.cover(text, start, end))) return null;
    const bucket = (Math.imul(from ^ (code << 10) ^ (length << 24), 0x9e3779b1) >>> 22) & (BUCKETS - 1);
    this.text = text;
    this.start = start;
    this.end = end;
    this.code = code;
    this.from = from;
    this.bucket = bucket;
    const froms = this.froms;
    for (let e = bucket * WAYS, last = e + WAYS; e < last; e++) {
      if (froms[e] !== from || this.codes[e] !== code || this.lengths[e] !== length) continue;
      if (!this.sameShape(window, start, e, length)) continue;
      const dates = this.dates[e]!;
      if (dates !== null && !datesAt(window.bytes, start - window.start, dates)) continue;
      return this.plans[e]!;
    }
    return null;
  }

  /**
   * The segment find() last looked for, scanned (`scan`), was placed by `plan` (from the guide
   * segment find() was given, of `guide`) and found clean (call after find() said null, for the
   * same segment).
   */
  add(scan: SegmentScan, guide: GuideSchema, plan: StepPlan): void {
    const bucket = this.bucket;
    const count = scan.count;
    const starts = scan.starts;
    const ends = scan.ends;
    const start = starts[0]!;
    if (bucket < 0 || start !== this.start || ends[count] !== this.end || scan.text !== this.text) return;
    this.bucket = -1;
    const exact = exactOf(scan, plan.next, qualifierPositions(guide, this.code), this.component);
    const way = this.next[bucket]!;
    this.next[bucket] = (way + 1) % WAYS;
    const e = bucket * WAYS + way;
    this.froms[e] = this.from;
    this.codes[e] = this.code;
    if (this.above.length === 0) {
      this.above = new Uint8Array(BUCKETS * WAYS * KEPT);
      this.below = new Uint8Array(BUCKETS * WAYS * KEPT);
      this.above32 = new Int32Array(this.above.buffer);
      this.below32 = new Int32Array(this.below.buffer);
    }
    // The segment was in an ASCII window (find): every character is below 128.
    const text = scan.text;
    const length = this.end - start;
    let at = e * KEPT;
    for (let k = 0; k < length; k++, at++) {
      const c = text.charCodeAt(start + k);
      const kind = exact.exact[k] === 1 ? -1 : KIND[c]!;
      const lo = kind === 48 || kind === 65 || kind === 97 ? kind : c;
      const hi = kind === 48 ? 57 : kind === 65 ? 90 : kind === 97 ? 122 : c;
      this.above[at] = 0x7f - hi;
      this.below[at] = 0x80 - lo;
    }
    // The bytes past the end in the last word, which sameShape reads cleared to 0: the range
    // [0, 0x7f] (no carry, no top bit), whatever an earlier entry in this place left.
    for (; (at & 3) !== 0; at++) {
      this.above[at] = 0;
      this.below[at] = 0x80;
    }
    this.lengths[e] = length;
    this.dates[e] = exact.dates;
    this.plans[e] = plan;
  }

  /**
   * Does the segment at `start` (in the window: ASCII) have the shape of entry e's (`length`
   * characters): is each character in the entry's range for it (the same character where it must
   * be, one of the same kind where its element is free)? Four bytes at a time (see `above`).
   */
  private sameShape(window: ByteWindow, start: number, e: number, length: number): boolean {
    // The last word is read whole (the window has SLACK bytes past its end) with the bytes past
    // the segment's end cleared: add() gave them the range of every ASCII character.
    return inRanges(window.view, start - window.start, this.above32, this.below32, (e * KEPT) >> 2, length);
  }

  private reset(element: number): void {
    this.element = element;
    this.off = this.alnumSeparators || isKindOf(element);
    this.froms.fill(-1);
  }
}

/**
 * Are the eight digits at each of `dates` (offsets from bytes[at]) a date, as valueTypes.ts
 * isValidDateAt reads a D8 (a year from 1800, a month, a day of that month)? They are digits: the
 * earlier segment's were, and a digit stands only for a digit.
 */
function datesAt(bytes: Uint8Array, at: number, dates: Int32Array): boolean {
  for (let d = 0; d < dates.length; d++) {
    const b = at + dates[d]!;
    const year = (bytes[b]! - 48) * 1000 + (bytes[b + 1]! - 48) * 100 + (bytes[b + 2]! - 48) * 10 + bytes[b + 3]! - 48;
    const month = (bytes[b + 4]! - 48) * 10 + bytes[b + 5]! - 48;
    const day = (bytes[b + 6]! - 48) * 10 + bytes[b + 7]! - 48;
    if (year < 1800 || !isCalendarDate(year, month, day)) return false;
  }
  return true;
}
