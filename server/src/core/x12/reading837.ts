// What every part of the 837 reader shares: the segment table of the current piece, the
// findings it reports, and how it reads an element's text. Parser837 owns one and hands it to
// the envelope, hierarchy and service-line readers.

import type { Finding, Span } from '../model';
import type { X12SegmentIndex } from './segment-index';
import { ElementReader } from './elementReader';
import type { ReportFinding } from './procedure';
import type { Parsed837 } from './parse837';
import { codeAt, sliceOf, type Source } from './source';
import { ShortStrings } from './shortStrings';

export class SegmentReading {
  /** What the current piece's characters are read from (ix.source: its text, or its bytes). */
  source: Source;

  constructor(
    /** The segment table of the current piece (replaced by moveTo). */
    public ix: X12SegmentIndex,
    /** Where findings go (Parser837.result). */
    readonly result: Parsed837,
  ) {
    this.source = ix.source;
  }

  /** The current piece's text (decoded on first use when the piece is bytes: read `source` instead where it can be). */
  get text(): string {
    return this.ix.text;
  }

  /** Moves on to the table of the next piece (Parser837.continueWith). */
  moveTo(next: X12SegmentIndex): void {
    this.ix = next;
    this.source = next.source;
  }

  add(rule: string, severity: Finding['severity'], message: string, span: Span, extra?: Partial<Finding>): void {
    this.result.findings.push({ rule, severity, message, span, ...extra });
  }

  /** add, for the procedure reader. */
  readonly report: ReportFinding = (rule, severity, message, span, extra) => this.add(rule, severity, message, span, extra);

  /** End of the full span of the segment before `segment` (where a loop closed by `segment` ends). */
  endBefore(segment: number, start: number): number {
    // Before the first segment of a piece: where the piece starts (offset 0 of its text).
    return segment > 0 ? Math.max(start, this.ix.fullEnd(segment - 1)) : Math.max(start, 0);
  }

  spanOr(segment: number, element: number): Span {
    return this.ix.elementSpan(segment, element) ?? this.ix.segmentSpan(segment);
  }

  /**
   * Short values the model keeps as one string per value (amounts as written, modifiers, ids:
   * shortStrings.ts), for every piece of a document read in pieces.
   */
  readonly strings = new ShortStrings();

  /** Finds the elements the reader asks for (see ElementReader): the index would split the whole segment. */
  private readonly elements = new ElementReader();

  /** The elements of segment s, as ix.elementStartOf and elementEnd give them (see ElementReader); those up to `upTo` found at once. */
  elementsOf(s: number, upTo = 0): ElementReader {
    return this.elements.select(this.ix, s, upTo);
  }

  /** True when element k of the segment `el` reads is exactly `expected`, as ix.valueEquals. */
  equals(el: ElementReader, k: number, expected: string): boolean {
    const start = el.start(k);
    if (start < 0 || el.end(k) - start !== expected.length) return false;
    const source = this.source;
    for (let c = 0; c < expected.length; c++) {
      if (codeAt(source, start + c) !== expected.charCodeAt(c)) return false;
    }
    return true;
  }

  /**
   * Element `element` of the segment, without surrounding blanks. `shared`: a value a file writes
   * over and over (a provider's id), held once (`strings`); a lookup is no gain for the others.
   */
  trimmed(segment: number, element: number, shared = false): string {
    const el = this.elementsOf(segment);
    const start = el.start(element);
    if (start < 0) return '';
    const end = el.end(element);
    if (end === start) return '';
    const source = this.source;
    // Nearly every value has nothing to trim: sliced as is, without trim()'s second string.
    const first = codeAt(source, start);
    const last = codeAt(source, end - 1);
    if (first > 32 && first < 127 && last > 32 && last < 127) return shared ? this.strings.of(source, start, end) : sliceOf(source, start, end);
    return sliceOf(source, start, end).trim();
  }
}
