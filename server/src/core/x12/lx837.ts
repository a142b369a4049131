// LX, the start of an 837 service line (loop 2400): where LX01 is, and whether it is the number
// the line should have (x12.lx-sequence); and LX01 as a line is named by it.
import type { SegmentReading } from './reading837';
import { unsignedAt } from './segment-index';
import { codeAt, sliceOf, type Source } from './source';
import { endBeforeBlanks, shownNumber } from './values';
import { lineNumberString } from './lineColumns';

/** Where readLx found LX01 (offsets; start -1: LX has no LX01). Reused: this runs for every line. */
export class LxReading {
  start = -1;
  end = -1;
}

/** Reads LX at segment `s`, whose number should be `expected`: LX01's offsets into `out`, and x12.lx-sequence when it is not that number. */
export function readLx(r: SegmentReading, s: number, expected: number, out: LxReading): void {
  // Nearly every LX is LX*n with the number expected: told from its bytes, its elements not split.
  const table = r.ix.table;
  const start = table.segmentStart[s]! + 3;
  const end = table.segmentEnd[s]!;
  if (end > start && end - start <= 6 && unsignedAt(r.source, start, end) === expected) {
    out.start = start;
    out.end = end;
    return;
  }
  const el = r.elementsOf(s, 1);
  const numberStart = el.start(1);
  // Without the blanks a padded line leaves after it (values.ts endBeforeBlanks), as dates and amounts are read.
  const numberEnd = numberStart < 0 ? -1 : endBeforeBlanks(r.source, numberStart, el.end(1));
  out.start = numberStart;
  out.end = numberEnd;
  if (unsignedAt(r.source, numberStart, numberEnd) !== expected) {
    r.add(
      'x12.lx-sequence',
      'warning',
      `LX01 should be ${expected} (service lines are numbered 1, 2, 3... within a claim), found ${shownNumber(r.ix.value(s, 1) ?? '')}`,
      r.spanOr(s, 1),
    );
  }
}

const MAX_LINE_NUMBER_DIGITS = 6;

/**
 * LX01 as written when it is a number (one shared string for each up to 99: every line has one),
 * else '': messages, fix titles and the CLI name a line by this or, without it, by its position,
 * and an LX01 that is not a number may hold anything (a name typed in the wrong place), which
 * they must not quote.
 */
export function lineNumberText(text: Source, start: number, end: number): string {
  const length = end - start;
  if (length === 1 || (length === 2 && codeAt(text, start) !== 48)) {
    const n = unsignedAt(text, start, end);
    if (n >= 0) return lineNumberString(n);
  }
  return length <= MAX_LINE_NUMBER_DIGITS && unsignedAt(text, start, end) >= 0 ? sliceOf(text, start, end) : '';
}
