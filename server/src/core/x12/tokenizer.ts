// Splits X12 text into segments: one indexOf per segment terminator, and the id read from the
// first characters. Only offsets and id codes are stored (in typed arrays); a segment's elements
// are found when someone asks for them (X12SegmentIndex), so the characters of the many
// segments no check reads are never visited one by one.

import type { Delimiters, Finding } from '../model';
import { isIsaAt, isIsaProblem, readIsaHeader, skipLeadingBlanks } from './isa';

/** The delimiters in force from `firstSegment` on (one run per ISA). */
export interface DelimiterRun {
  firstSegment: number;
  delimiters: Delimiters;
}

export interface SegmentTable {
  readonly text: string;
  readonly segmentCount: number;
  /** Offset of each segment's first character (its id). */
  readonly segmentStart: Uint32Array;
  /** Offset of each segment's terminator (text.length when the text ends first). */
  readonly segmentEnd: Uint32Array;
  /** segmentIdCode of each segment's id (the text before its first element separator); 0 when that is not 1..3 characters. */
  readonly segmentCode: Uint32Array;
  /** Where the last segment's trailing line breaks end (a segment's full span ends where the next begins). */
  readonly trailingEnd: number;
  readonly delimiterRuns: DelimiterRun[];
  readonly findings: Finding[];
}

const INITIAL_CAPACITY = 256;

function grow(array: Uint32Array<ArrayBuffer>, needed: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(Math.max(needed, Math.ceil(array.length * 1.5)));
  next.set(array);
  return next;
}

/** Drops unused capacity when it is over a quarter of the array, so a big document does not keep it. */
function fit(array: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  return array.length - length > 4096 && array.length > length * 1.33 ? array.slice(0, length) : array;
}

/**
 * CR, LF, space, tab and BOM between segments belong to no segment's elements; so do NUL and
 * the DOS end-of-file mark (Ctrl-Z) that old transfer tools leave at the end.
 */
function isGap(code: number): boolean {
  // Most characters after a terminator start the next segment id: one comparison for them.
  if (code > 32) return code === 0xfeff;
  return code === 10 || code === 13 || code === 32 || code === 9 || code === 0 || code === 26;
}

/** 128 ** length, for a segment id of 1..3 characters (see segmentIdCode). */
const ID_SCALE = [0, 128, 128 * 128, 128 * 128 * 128] as const;

function firstLineEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && at - from < 106) {
    const code = text.charCodeAt(at);
    if (code === 10 || code === 13) break;
    at++;
  }
  return at;
}

/** Offset of the first `ISA` + delimiter that begins a line after `from`, or -1. */
function findIsaOnLaterLine(text: string, from: number): number {
  const pattern = /[\r\n][ \t\uFEFF]*(?=ISA[^\sA-Za-z0-9])/g;
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index + match[0].length : -1;
}

export interface TokenizeOptions {
  /**
   * The delimiters in force where the text starts, when it is a piece of a document that
   * continues an interchange (it starts with a segment after the ISA, so no ISA is looked for).
   */
  continuing?: Delimiters;
}

export function tokenize(text: string, options: TokenizeOptions = {}): SegmentTable {
  const length = text.length;
  const findings: Finding[] = [];
  const delimiterRuns: DelimiterRun[] = [];

  // Sized from what 837s hold (about 22 characters a segment) so that a large file seldom
  // grows or trims, each of which copies the array.
  let segmentStart = new Uint32Array(Math.max(INITIAL_CAPACITY, (length / 20) | 0));
  let segmentEnd = new Uint32Array(segmentStart.length);
  let segmentCode = new Uint32Array(segmentStart.length);
  let segmentCount = 0;

  let elementCode = -1;
  let terminatorCode = -1;
  let terminatorChar = '';
  let trailingEnd = 0;

  let at = skipLeadingBlanks(text);
  const continuing = options.continuing;
  if (continuing) {
    elementCode = continuing.element.charCodeAt(0);
    terminatorCode = continuing.segment.charCodeAt(0);
    terminatorChar = continuing.segment.charAt(0);
    delimiterRuns.push({ firstSegment: 0, delimiters: continuing });
  } else if (!isIsaAt(text, at)) {
    // Sample files sometimes carry a note above the header: accept an ISA that starts a later line.
    const later = findIsaOnLaterLine(text, at);
    if (later < 0) {
      findings.push({
        rule: 'x12.isa-missing',
        severity: 'error',
        message:
          at >= length
            ? 'The document is empty: an X12 file starts with an ISA segment'
            : 'No ISA segment at the start: an X12 interchange must begin with ISA, which sets the delimiters',
        span: { start: at, end: firstLineEnd(text, at) },
      });
      at = length;
    } else {
      let end = later;
      while (end > at && isGap(text.charCodeAt(end - 1))) end--;
      findings.push({
        rule: 'x12.text-before-isa',
        severity: 'warning',
        message: 'Text before the ISA header is not part of the interchange; receivers expect the file to start with ISA',
        span: { start: at, end },
      });
      at = later;
    }
  }

  while (at < length) {
    if (isIsaAt(text, at)) {
      const header = readIsaHeader(text, at);
      if (isIsaProblem(header)) {
        findings.push({
          rule: 'x12.isa-malformed',
          severity: 'error',
          message: header.message,
          span: { start: at, end: firstLineEnd(text, at) },
        });
        // Without delimiters from an earlier interchange there is nothing to split on.
        if (elementCode < 0) break;
      } else {
        elementCode = header.delimiters.element.charCodeAt(0);
        terminatorCode = header.delimiters.segment.charCodeAt(0);
        terminatorChar = header.delimiters.segment.charAt(0);
        delimiterRuns.push({ firstSegment: segmentCount, delimiters: header.delimiters });
        if (!header.fixedWidth) {
          findings.push({
            rule: 'x12.isa-width',
            severity: 'warning',
            message: 'ISA fields are not padded to their fixed widths (the header should be 106 characters); many receivers reject it',
            span: { start: at, end: header.terminatorOffset },
          });
        }
      }
    }

    if (segmentCount === segmentStart.length) {
      segmentStart = grow(segmentStart, segmentCount + 1);
      segmentEnd = grow(segmentEnd, segmentCount + 1);
      segmentCode = grow(segmentCode, segmentCount + 1);
    }
    segmentStart[segmentCount] = at;

    let end = terminatorCode < 0 ? -1 : text.indexOf(terminatorChar, at);
    if (end < 0) end = length;
    // The id: up to the first element separator (or the terminator), packed as segmentIdCode does.
    let code = 0;
    let idEnd = at;
    const idLimit = end - at < 4 ? end : at + 4;
    while (idEnd < idLimit) {
      const c = text.charCodeAt(idEnd);
      if (c === elementCode) break;
      code = code * 128 + (c & 127);
      idEnd++;
    }
    const idLength = idEnd - at;
    const idComplete = idEnd === end || text.charCodeAt(idEnd) === elementCode;
    segmentCode[segmentCount] = idComplete && idLength >= 1 && idLength <= 3 ? idLength * ID_SCALE[idLength]! + code : 0;
    let i = end;
    segmentEnd[segmentCount++] = i;
    if (i < length) i++; // the terminator
    while (i < length && isGap(text.charCodeAt(i))) i++;
    trailingEnd = i;
    at = i;
  }

  return {
    text,
    segmentCount,
    segmentStart: fit(segmentStart, segmentCount),
    segmentEnd: fit(segmentEnd, segmentCount),
    segmentCode: fit(segmentCode, segmentCount),
    trailingEnd,
    delimiterRuns,
    findings,
  };
}
