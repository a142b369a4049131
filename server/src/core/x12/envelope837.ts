// The envelopes of an 837 (ISA/IEA interchange, GS/GE functional group, ST/SE transaction set):
// which are open, their models, and the checks of their trailers' counts and control numbers.

import type { FunctionalGroup, Interchange, Span, TransactionSet } from '../model';
import { kindOfImplementation } from './implementations';
import { shiftSpan } from '../spans';
import { isControlNumber, shownCode, shownControlNumber, shownNumber } from './values';
import type { SegmentReading } from './reading837';
import type { EnclosingEnvelope } from './enclosing837';
import { isIsaProblem, readIsaHeader } from './isa';

/** An envelope header by its control number: "ST '0001'", or "ST (with no control number)". */
function envelopeName(id: string, controlNumber: string): string {
  if (controlNumber === '') return `${id} (with no control number)`;
  return isControlNumber(controlNumber) ? `${id} '${controlNumber}'` : `${id} (with a control number that is not a number)`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function isDigits(text: string): boolean {
  return /^\d+$/.test(text);
}

/** An envelope that is open: its header segment (index and span) and its control number's span. */
export interface OpenEnvelope {
  segment: number;
  headerSpan: Span;
  controlSpan: Span | null;
}
export interface OpenInterchange extends OpenEnvelope {
  model: Interchange;
  groupCount: number;
}
export interface OpenGroup extends OpenEnvelope {
  model: FunctionalGroup;
  transactionCount: number;
  implementation: string | null;
}
/** ST01 of a health care claim. */
const CLAIM_TRANSACTION = '837';

export interface OpenTransaction extends OpenEnvelope {
  model: TransactionSet;
  /** Empty segments read before its ST (emptySegments.ts): those after it are its own. */
  emptyBefore: number;
}

/**
 * The envelopes open as the 837 reader walks the segments, and their headers and trailers. The
 * reader closes its open claim before it hands one of them here.
 */
export class Envelopes837 {
  interchange: OpenInterchange | null = null;
  group: OpenGroup | null = null;
  transaction: OpenTransaction | null = null;
  /** Set while a run of segments sits outside any ST..SE, so the run is reported once. */
  private outsideReported = false;
  /** Envelopes seen so far (model indexes; result arrays may be emptied between pieces). */
  private interchangesSeen = 0;
  private groupsSeen = 0;
  private transactionsSeen = 0;

  constructor(
    private readonly r: SegmentReading,
    /** The count of empty segments read (SE01 is right with or without those of its set). */
    private readonly empty: { readonly total: number },
  ) {}

  /** Stand-ins for the envelopes around a piece parsed on its own: nothing is reported about them. */
  standIn(enclosing: EnclosingEnvelope): void {
    const none: Span = { start: 0, end: 0 };
    this.interchangesSeen = enclosing.interchangeIndex + 1;
    this.groupsSeen = enclosing.groupIndex + 1;
    this.transactionsSeen = enclosing.transactionIndex;
    this.interchange = {
      model: { index: enclosing.interchangeIndex, controlNumber: '', span: none, delimiters: this.r.ix.delimitersOf(0) },
      segment: -1,
      headerSpan: none,
      controlSpan: null,
      groupCount: 1,
    };
    this.group = {
      model: { index: enclosing.groupIndex, controlNumber: '', span: none, interchangeIndex: enclosing.interchangeIndex },
      segment: -1,
      headerSpan: none,
      controlSpan: null,
      transactionCount: 0,
      implementation: enclosing.groupImplementation,
    };
    const open = enclosing.transaction;
    if (open) {
      this.transactionsSeen = open.model.index + 1;
      this.group.transactionCount = 1;
      this.transaction = { model: open.model, segment: open.segment, headerSpan: none, controlSpan: open.controlSpan, emptyBefore: this.empty.total };
    }
  }

  /** Moves what is open back by the segments and characters of the piece that ends (Parser837.continueWith). */
  moveBack(segments: number, shift: number): void {
    for (const open of [this.interchange, this.group, this.transaction]) {
      if (open === null) continue;
      open.segment -= segments;
      open.headerSpan = shiftSpan(open.headerSpan, -shift);
      open.controlSpan = open.controlSpan && shiftSpan(open.controlSpan, -shift);
      open.model.span = shiftSpan(open.model.span, -shift);
    }
  }

  /** Reports the envelopes still open at segment s (which has no trailer for them: `where` says what it is). */
  closeUnended(s: number, where: string): void {
    if (this.transaction) this.closeTransactionUnended(s, where);
    if (this.group) this.closeGroupUnended(s, where);
    if (this.interchange) this.closeInterchangeUnended(s, where);
  }

  reportOutside(segment: number): void {
    if (this.outsideReported) return;
    this.outsideReported = true;
    const ix = this.r.ix;
    const id = ix.segmentId(segment);
    // An id is named only when it can be one (letters and digits); otherwise it is described.
    const subject = id === '' ? 'A segment without an id' : shownCode(id).startsWith("'") ? `Segment ${id}` : 'A segment whose id is not a segment id';
    this.r.add('x12.outside-transaction', 'error', `${subject} is outside a transaction set: segments must sit between ST and SE`, ix.segmentSpan(segment));
  }

  interchangeHeader(s: number): void {
    const r = this.r;
    const ix = r.ix;
    this.closeUnended(s, 'before the next ISA');
    const model: Interchange = {
      index: this.interchangesSeen++,
      controlNumber: r.trimmed(s, 13),
      span: ix.segmentFullSpan(s),
      delimiters: ix.delimitersOf(s),
    };
    r.result.interchanges.push(model);
    this.interchange = { model, segment: s, headerSpan: ix.segmentSpan(s), groupCount: 0, controlSpan: ix.elementSpan(s, 13) };
    this.blanksAfterIsa16(s);
  }

  /**
   * Blanks between ISA16 and the line break that ends the ISA (isa.ts IsaHeader.blanks): the
   * file is read with its line breaks as terminators, but a receiver takes the character after
   * ISA16 as the terminator, so it would not read the file at all: an error, on the blanks.
   */
  private blanksAfterIsa16(s: number): void {
    const r = this.r;
    const header = readIsaHeader(r.text, r.ix.table.segmentStart[s]!);
    if (isIsaProblem(header) || header.blanks === null) return;
    r.add(
      'x12.isa-malformed',
      'error',
      'A blank follows ISA16 where the segment terminator belongs: receivers take the character after ISA16 as the terminator, so they would not read this file. Remove the blanks after ISA16, so that the line break ends the ISA',
      header.blanks,
    );
  }

  interchangeTrailer(s: number): void {
    const ix = this.r.ix;
    if (this.transaction) this.closeTransactionUnended(s, 'before IEA');
    if (this.group) this.closeGroupUnended(s, 'before IEA');
    const open = this.interchange;
    if (!open) {
      this.r.add('x12.envelope-unmatched', 'error', 'IEA without an ISA before it', ix.segmentSpan(s));
      return;
    }
    this.checkCount(s, 'x12.iea01-count', 'IEA01', open.groupCount, 'functional group', 'the interchange');
    this.checkControl(s, 'x12.iea02-control', 'IEA02', open.model.controlNumber, 'ISA13', open.controlSpan);
    open.model.span = { start: open.model.span.start, end: ix.fullEnd(s) };
    this.interchange = null;
  }

  groupHeader(s: number): void {
    const r = this.r;
    const ix = r.ix;
    if (this.transaction) this.closeTransactionUnended(s, 'before the next GS');
    if (this.group) this.closeGroupUnended(s, 'before the next GS');
    if (this.interchange) this.interchange.groupCount++;
    else r.add('x12.envelope-unmatched', 'error', 'GS outside an interchange (no ISA before it)', ix.segmentSpan(s));
    const model: FunctionalGroup = {
      index: this.groupsSeen++,
      controlNumber: r.trimmed(s, 6),
      span: ix.segmentFullSpan(s),
      interchangeIndex: this.interchangesSeen - 1,
    };
    r.result.groups.push(model);
    const implementation = r.trimmed(s, 8) || null;
    this.group = { model, segment: s, headerSpan: ix.segmentSpan(s), transactionCount: 0, controlSpan: ix.elementSpan(s, 6), implementation };
  }

  groupTrailer(s: number): void {
    const ix = this.r.ix;
    if (this.transaction) this.closeTransactionUnended(s, 'before GE');
    const open = this.group;
    if (!open) {
      this.r.add('x12.envelope-unmatched', 'error', 'GE without a GS before it', ix.segmentSpan(s));
      return;
    }
    this.checkCount(s, 'x12.ge01-count', 'GE01', open.transactionCount, 'transaction set', 'the functional group');
    this.checkControl(s, 'x12.ge02-control', 'GE02', open.model.controlNumber, 'GS06', open.controlSpan);
    open.model.span = { start: open.model.span.start, end: ix.fullEnd(s) };
    this.group = null;
  }

  transactionHeader(s: number): void {
    const r = this.r;
    const ix = r.ix;
    if (this.transaction) this.closeTransactionUnended(s, 'before the next ST');
    if (this.group) this.group.transactionCount++;
    else r.add('x12.envelope-unmatched', 'error', 'ST outside a functional group (no GS before it)', ix.segmentSpan(s));
    const implementation = r.trimmed(s, 3) || this.group?.implementation || null;
    const model: TransactionSet = {
      index: this.transactionsSeen++,
      controlNumber: r.trimmed(s, 2),
      implementation,
      kind: kindOfImplementation(implementation),
      span: ix.segmentFullSpan(s),
      se01Text: null,
      se01Span: null,
      segmentCount: 1,
      groupIndex: this.groupsSeen - 1,
    };
    // Another transaction (835, 999, 277...) in the interchange: its segments are read as no claims,
    // which is said (the CLI makes it an error for a file of no claims it was given: inputFindings.ts).
    const id = r.trimmed(s, 1);
    if (id !== '' && id !== CLAIM_TRANSACTION) {
      model.otherTransaction = id;
      r.add(
        'x12.not-a-claim-transaction',
        'information',
        `ST01 is ${shownCode(id)}, not 837: transaction set ${shownControlNumber(model.controlNumber)} holds no claims, and Claimlint checks only 837 claims (its segments were not checked)`,
        r.spanOr(s, 1),
      );
    }
    r.result.transactions.push(model);
    this.transaction = { model, segment: s, headerSpan: ix.segmentSpan(s), controlSpan: ix.elementSpan(s, 2), emptyBefore: this.empty.total };
    this.outsideReported = false;
  }

  transactionTrailer(s: number): void {
    const ix = this.r.ix;
    const open = this.transaction;
    if (!open) {
      this.r.add('x12.envelope-unmatched', 'error', 'SE without an ST before it', ix.segmentSpan(s));
      return;
    }
    const counted = s - open.segment + 1;
    open.model.segmentCount = counted;
    open.model.se01Text = ix.value(s, 1);
    open.model.se01Span = ix.elementSpan(s, 1);
    this.checkCount(s, 'x12.se01-count', 'SE01', counted, 'segment', 'the transaction set', this.empty.total - open.emptyBefore);
    this.checkControl(s, 'x12.se02-control', 'SE02', open.model.controlNumber, 'ST02', open.controlSpan);
    open.model.span = { start: open.model.span.start, end: ix.fullEnd(s) };
    this.transaction = null;
  }

  /**
   * Compares a trailer's count element (element 1) with what was counted. `empty`: empty segments
   * among them (x12.segment-empty), which a receiver may count or skip: the count is right either way.
   */
  private checkCount(s: number, rule: string, name: string, counted: number, unit: string, container: string, empty = 0): void {
    const written = this.r.trimmed(s, 1);
    if (isDigits(written) && (Number(written) === counted || (empty > 0 && Number(written) === counted - empty))) return;
    const without = empty > 0 ? `${counted - empty} without its ${plural(empty, 'empty segment')}` : '';
    const message = isDigits(written)
      ? `${name} says ${plural(Number(written), unit)}, but ${container} has ${counted}${without && ` (${without})`}`
      : `${name} should be the number of ${unit}s in ${container} (${counted}${without && `, or ${without}`}), found ${shownNumber(written)}`;
    this.r.add(rule, 'error', message, this.r.spanOr(s, 1));
  }

  /** Compares a trailer's control number (element 2) with its header's. */
  private checkControl(s: number, rule: string, name: string, expected: string, headerName: string, headerSpan: Span | null): void {
    const written = this.r.trimmed(s, 2);
    if (written === expected) return;
    const shown = shownControlNumber;
    this.r.add(
      rule,
      'error',
      `${name} is ${shown(written)}, but ${headerName} is ${shown(expected)}: the control numbers must match`,
      this.r.spanOr(s, 2),
      headerSpan ? { related: [{ span: headerSpan, message: `${headerName} ${shown(expected)}` }] } : undefined,
    );
  }

  private closeTransactionUnended(s: number, where: string): void {
    const open = this.transaction!;
    open.model.segmentCount = s - open.segment;
    open.model.span = { start: open.model.span.start, end: this.r.endBefore(s, open.model.span.start) };
    this.r.add('x12.envelope-unclosed', 'error', `${envelopeName('ST', open.model.controlNumber)} has no SE ${where}`, open.headerSpan);
    this.transaction = null;
  }

  private closeGroupUnended(s: number, where: string): void {
    const open = this.group!;
    open.model.span = { start: open.model.span.start, end: this.r.endBefore(s, open.model.span.start) };
    this.r.add('x12.envelope-unclosed', 'error', `${envelopeName('GS', open.model.controlNumber)} has no GE ${where}`, open.headerSpan);
    this.group = null;
  }

  private closeInterchangeUnended(s: number, where: string): void {
    const open = this.interchange!;
    open.model.span = { start: open.model.span.start, end: this.r.endBefore(s, open.model.span.start) };
    this.r.add('x12.envelope-unclosed', 'error', `${envelopeName('ISA', open.model.controlNumber)} has no IEA ${where}`, open.headerSpan);
    this.interchange = null;
  }
}
