// Splits X12 text into segments: one indexOf per segment terminator, and the id read from the
// first characters. Only offsets and id codes are stored (in typed arrays); a segment's elements
// are found when someone asks for them (X12SegmentIndex), so the characters of the many
// segments no check reads are never visited one by one. Here: where the interchange starts and
// each ISA's delimiters, with the findings about them; the loops over a string and over bytes
// are segmentSplit.ts's, the table they fill segmentTable.ts's.

import type { Delimiters, Finding } from '../model';
import { isaOnLaterLine, isIsaAtIn, isIsaProblem, readIsaHeader, skipLeadingBlanksIn } from './isa';
import { isGap, splitBytes, splitText } from './segmentSplit';
import { ByteTable, fit, INITIAL_CAPACITY, TokenizerScratch, type Cursor, type DelimiterRun, type SegmentTable } from './segmentTable';
import { codeAt, latin1, sliceOf, type Source } from './source';

export { endsTerminated, TokenizerScratch, type DelimiterRun, type SegmentTable } from './segmentTable';

function firstLineEnd(text: Source, from: number): number {
  let at = from;
  while (at < text.length && at - from < 106) {
    const code = codeAt(text, at);
    if (code === 10 || code === 13) break;
    at++;
  }
  return at;
}

export interface TokenizeOptions {
  /**
   * The delimiters in force where the text starts, when it is a piece of a document that
   * continues an interchange (it starts with a segment after the ISA, so no ISA is looked for).
   */
  continuing?: Delimiters;
  /**
   * Arrays to tokenize into, kept from one call to the next (a document read in pieces, one
   * piece at a time): the table's arrays are then views of them, which the next call with the
   * same scratch overwrites, so a table made this way is read only until the next one is made.
   * Without it, each table has arrays of its own.
   */
  scratch?: TokenizerScratch;
  /**
   * Where the text leaves out the rest of its last segment, not all gaps (the middle of a long
   * segment the CLI's reader does not hold, x12/stream.ts Hole): that segment, when the text ends
   * without its terminator, ends there at the earliest, not before the gaps at the end of the text.
   */
  leftOut?: number;
}

/**
 * Splits `source` (text, or the bytes of ASCII text: the same table for the same characters) into
 * segments.
 */
export function tokenize(source: Source, options: TokenizeOptions = {}): SegmentTable {
  const length = source.length;
  const findings: Finding[] = [];
  const delimiterRuns: DelimiterRun[] = [];
  // The text of bytes, for the ISA headers (read from a string): decoded once, when one is read.
  let decoded: string | null = typeof source === 'string' ? source : null;
  const text = (): string => (decoded ??= latin1(source as Uint8Array));

  // Sized from what 837s hold (about 22 characters a segment) so that a large file seldom
  // grows or trims, each of which copies the array.
  const scratch = options.scratch;
  const wanted = Math.max(INITIAL_CAPACITY, (length / 20) | 0);
  if (scratch && scratch.segmentStart.length < wanted) {
    scratch.segmentStart = new Uint32Array(wanted);
    scratch.segmentEnd = new Uint32Array(wanted);
    scratch.segmentCode = new Uint32Array(wanted);
  }
  const cursor: Cursor = {
    segmentStart: scratch ? scratch.segmentStart : new Uint32Array(wanted),
    segmentEnd: scratch ? scratch.segmentEnd : new Uint32Array(wanted),
    segmentCode: scratch ? scratch.segmentCode : new Uint32Array(wanted),
    segmentCount: 0,
    elementCode: -1,
    terminatorCode: -1,
    trailingEnd: 0,
    at: 0,
  };

  let at = skipLeadingBlanksIn(source);
  const continuing = options.continuing;
  if (continuing) {
    cursor.elementCode = continuing.element.charCodeAt(0);
    cursor.terminatorCode = continuing.segment.charCodeAt(0);
    delimiterRuns.push({ firstSegment: 0, delimiters: continuing });
  } else if (!isIsaAtIn(source, at)) {
    // Sample files sometimes carry a note above the header: accept an ISA that starts a later line.
    const later = isaOnLaterLine(text(), at, length);
    if (later < 0) {
      // Nothing is read without ISA (it sets the delimiters): a transaction set pasted from ST or
      // GS gets this finding alone, so it says that the claims were not read, and what to add.
      findings.push({
        rule: 'x12.isa-missing',
        severity: 'error',
        message: at >= length ? 'The document is empty: an X12 file starts with an ISA segment' : isaMissingMessage(sliceOf(source, at, Math.min(length, at + 3))),
        span: { start: at, end: firstLineEnd(source, at) },
      });
      at = length;
    } else {
      let end = later;
      while (end > at && isGap(codeAt(source, end - 1))) end--;
      findings.push({
        rule: 'x12.text-before-isa',
        severity: 'warning',
        message: 'Text before the ISA header is not part of the interchange; receivers expect the file to start with ISA',
        span: { start: at, end },
      });
      at = later;
    }
  }
  cursor.at = at;

  /**
   * The ISA at the cursor: its delimiters from then on (a run), or the finding about its
   * header. False when the segments cannot be split (a malformed header with no delimiters before it).
   */
  const readIsa = (): boolean => {
    const at = cursor.at;
    const header = readIsaHeader(text(), at);
    if (isIsaProblem(header)) {
      findings.push({
        rule: 'x12.isa-malformed',
        severity: 'error',
        message: header.message,
        span: { start: at, end: firstLineEnd(source, at) },
      });
      // Without delimiters from an earlier interchange there is nothing to split on.
      return cursor.elementCode >= 0;
    }
    cursor.elementCode = header.delimiters.element.charCodeAt(0);
    cursor.terminatorCode = header.delimiters.segment.charCodeAt(0);
    delimiterRuns.push({ firstSegment: cursor.segmentCount, delimiters: header.delimiters });
    if (!header.fixedWidth) {
      findings.push({
        rule: 'x12.isa-width',
        severity: 'warning',
        message: 'ISA fields are not padded to their fixed widths (the header should be 106 characters); many receivers reject it',
        span: { start: at, end: header.terminatorOffset },
      });
    }
    return true;
  };

  if (typeof source === 'string') splitText(source, cursor, readIsa, scratch, options.leftOut);
  else splitBytes(source, cursor, readIsa, scratch, options.leftOut);

  const segmentCount = cursor.segmentCount;
  const segmentStart = scratch ? cursor.segmentStart.subarray(0, segmentCount) : fit(cursor.segmentStart, segmentCount);
  const segmentEnd = scratch ? cursor.segmentEnd.subarray(0, segmentCount) : fit(cursor.segmentEnd, segmentCount);
  const segmentCode = scratch ? cursor.segmentCode.subarray(0, segmentCount) : fit(cursor.segmentCode, segmentCount);
  if (typeof source !== 'string') {
    return new ByteTable(source, segmentCount, segmentStart, segmentEnd, segmentCode, cursor.trailingEnd, delimiterRuns, findings);
  }
  return { text: source, source, segmentCount, segmentStart, segmentEnd, segmentCode, trailingEnd: cursor.trailingEnd, delimiterRuns, findings };
}

/**
 * What x12.isa-missing says, by how the text starts (`head`, its first characters): what to add
 * above a group (GS) or a transaction set (ST) pasted without its envelope.
 */
function isaMissingMessage(head: string): string {
  const add = head.startsWith('GS') ? 'add the ISA header above the GS' : head.startsWith('ST') ? 'add the ISA and GS headers above the ST' : 'an X12 file starts with it';
  return `No ISA segment at the start: without the ISA header the delimiters are unknown, so no claim in this file was read or checked; ${add}`;
}
