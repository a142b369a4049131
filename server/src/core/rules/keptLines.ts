// The service lines a coding run keeps, as columns: one row per line, in typed arrays, holding
// what the coding checks read of it (its code, dates, units, what its modifiers do to a PTP
// pair, who performed it, where its code and units are written, how a message names it). A run
// keeps every line it can pair to its end (across claims and files), so a line costs a row of
// numbers, about 80 bytes, not the objects it was read into; strings (codes, providers) are held
// once each and named by number. Findings make their objects from a row. A row of an X12 claim
// names its claim id (CLM01; a CSV claim its claim id cell) by number too, for the replacement and void claims (supersession.ts).
// Offsets are 32-bit: no document read is over 1 GB (the CLI's and the server's input limit).

import type { DateNumber, ServiceLine, Span } from '../model';
import { signatureForTable, signatureOf, type ModifierSignature } from './ptpBypass';
import { plainNumber } from '../text';
import { grown } from '../typedArrays';
import { Interned } from './interned';
import type { RowSource } from './rowSource';
import { NO_CLAIM_ID, Supersession } from './supersession';

const INITIAL_ROWS = 1024;

/** An unsigned 32-bit column's value for "not written" (the units' offsets of a line without units). */
const NONE = 0xffffffff;

/** What a row is made from, besides its ServiceLine. */
export interface RowPlace {
  file: number;
  claimIndex: number;
  /** Position in the run: lines in document order, documents in the order they were added. */
  order: number;
  /** Added to the line's spans to get document offsets (a document read in pieces). */
  base: number;
  /** Whether the document is X12 (lines are named "service line N") or CSV ("row N"). */
  x12: boolean;
  /** Who performed it: the line's rendering provider, else the claim's, else the billing provider ('' when none is named). */
  provider: string;
  /** The billing provider ('' when none is named). */
  billing: string;
  /** Its X12 claim's id (CLM01) by number (Supersession.idNumber of `supersession`); none (NO_CLAIM_ID): always in force. */
  claimId?: number;
  /** The line is judged by the outpatient hospital table (where 27 counts: signatureForTable). */
  hospital?: boolean;
  /** A practitioner's line on a critical access hospital's bill (Method II: a professional-fee revenue code), judged by the practitioner table. */
  methodII?: boolean;
  /** The claim's billing provider is a person (Claim.billingProviderPerson): with no rendering provider named, the one who performed the line. */
  billingPerson?: boolean;
}

export class KeptLines implements RowSource {
  /** Rows made so far. */
  size = 0;
  private capacity = INITIAL_ROWS;

  // Numbers per row.
  private fileOf = new Uint32Array(INITIAL_ROWS);
  private claimOf = new Uint32Array(INITIAL_ROWS);
  private orderOf = new Float64Array(INITIAL_ROWS);
  private lineIndexOf = new Uint32Array(INITIAL_ROWS);
  private x12Of = new Uint8Array(INITIAL_ROWS);
  private fromOf = new Int32Array(INITIAL_ROWS);
  private toOf = new Int32Array(INITIAL_ROWS);
  /** NaN when the line has no readable units. */
  private unitsOf = new Float64Array(INITIAL_ROWS);
  /** Document offsets (base added); the units' are NONE when they are not written. */
  private codeStartOf = new Uint32Array(INITIAL_ROWS);
  private codeEndOf = new Uint32Array(INITIAL_ROWS);
  private unitsStartOf = new Uint32Array(INITIAL_ROWS);
  private unitsEndOf = new Uint32Array(INITIAL_ROWS);
  // Numbers of interned values per row.
  private codeOf = new Uint32Array(INITIAL_ROWS);
  /** The line number as written when it is a plain number (a CSV row's always is), else -1 - its number in `texts`. */
  private lineNumberOf = new Float64Array(INITIAL_ROWS);
  private providerOf = new Uint32Array(INITIAL_ROWS);
  private billingOf = new Uint32Array(INITIAL_ROWS);
  private signatureOf = new Uint32Array(INITIAL_ROWS);
  private claimIdOf = new Uint32Array(INITIAL_ROWS);
  /** 1: the row's dates are its claim's, over more than a day (dateUncertain). */
  private uncertainOf = new Uint8Array(INITIAL_ROWS);
  /** 1: a practitioner's line on a critical access hospital's bill (RowPlace.methodII). */
  private methodIIOf = new Uint8Array(INITIAL_ROWS);
  /** 1: the line's provider is a person (person()). */
  private personOf = new Uint8Array(INITIAL_ROWS);

  /** The run's replacement and void claims and its claim ids: which rows are in force (isInForce). */
  readonly supersession = new Supersession();

  private readonly codes = new Interned();
  private readonly texts = new Interned();
  /** Modifier signatures by their identity (ModifierSignature.identity), numbered in the order first seen. */
  private readonly signatureNumbers = new Map<string, number>();
  private readonly signatures: ModifierSignature[] = [];

  /** Adds a row for a dated line (its dateOfService is not null) and returns its number. */
  add(line: ServiceLine, place: RowPlace): number {
    const row = this.size;
    if (row === this.capacity) this.grow();
    const base = place.base;
    this.fileOf[row] = place.file;
    this.claimOf[row] = place.claimIndex;
    this.orderOf[row] = place.order;
    this.lineIndexOf[row] = line.index;
    this.x12Of[row] = place.x12 ? 1 : 0;
    const dates = line.dateOfService!;
    this.fromOf[row] = dates.from;
    this.toOf[row] = dates.to;
    this.unitsOf[row] = line.units === null ? NaN : line.units;
    this.codeStartOf[row] = line.codeSpan.start + base;
    this.codeEndOf[row] = line.codeSpan.end + base;
    const unitsSpan = line.unitsSpan;
    this.unitsStartOf[row] = unitsSpan === null ? NONE : unitsSpan.start + base;
    this.unitsEndOf[row] = unitsSpan === null ? NONE : unitsSpan.end + base;
    this.codeOf[row] = this.codes.numberOf(line.code);
    this.lineNumberOf[row] = this.lineNumberValue(line.lineNumber);
    this.providerOf[row] = this.texts.numberOf(place.provider);
    this.billingOf[row] = this.texts.numberOf(place.billing);
    this.signatureOf[row] = this.numberOfSignature(signatureForTable(signatureOf(line), place.hospital === true));
    this.claimIdOf[row] = place.claimId ?? NO_CLAIM_ID;
    // An 837 line's claim dates (a CSV row that carries the date of the row above takes it as its own).
    this.uncertainOf[row] = place.x12 && line.dateInherited === true && dates.to > dates.from ? 1 : 0;
    this.methodIIOf[row] = place.methodII === true ? 1 : 0;
    this.personOf[row] = this.personAt(row, place);
    this.size = row + 1;
    return row;
  }

  /**
   * Adds a copy of row `row` of another table (a CSV's lines, kept as they were read until its
   * claims were known: StagedLines), with its place in this run and its claim's id number
   * (StagedLines.claimIds; none: always in force), and returns its number here.
   */
  addFrom(other: RowSource, row: number, place: { file: number; order: number; claimId?: number; hospital?: boolean; methodII?: boolean; billingPerson?: boolean }): number {
    const to = this.size;
    if (to === this.capacity) this.grow();
    this.fileOf[to] = place.file;
    this.claimOf[to] = other.claimIndex(row);
    this.orderOf[to] = place.order;
    this.lineIndexOf[to] = other.lineIndex(row);
    this.x12Of[to] = other.x12(row) ? 1 : 0;
    this.fromOf[to] = other.from(row);
    this.toOf[to] = other.to(row);
    const units = other.units(row);
    this.unitsOf[to] = units === null ? NaN : units;
    const code = other.codeSpan(row);
    this.codeStartOf[to] = code.start;
    this.codeEndOf[to] = code.end;
    const unitsSpan = other.unitsSpan(row);
    this.unitsStartOf[to] = unitsSpan === null ? NONE : unitsSpan.start;
    this.unitsEndOf[to] = unitsSpan === null ? NONE : unitsSpan.end;
    this.codeOf[to] = this.codes.numberOf(other.code(row));
    const lineNumber = other.plainLineNumber(row);
    this.lineNumberOf[to] = lineNumber >= 0 ? lineNumber : -1 - this.texts.numberOf(other.lineNumber(row));
    this.providerOf[to] = this.texts.numberOf(other.provider(row));
    this.billingOf[to] = this.texts.numberOf(other.billing(row));
    this.signatureOf[to] = this.numberOfSignature(signatureForTable(other.signature(row), place.hospital === true));
    this.claimIdOf[to] = place.claimId ?? NO_CLAIM_ID;
    this.uncertainOf[to] = other.dateInherited?.(row) === true && this.toOf[to]! > this.fromOf[to]! ? 1 : 0;
    this.methodIIOf[to] = place.methodII === true ? 1 : 0;
    this.personOf[to] = this.personAt(to, place);
    this.size = to + 1;
    return to;
  }

  file(row: number): number {
    return this.fileOf[row]!;
  }

  claimIndex(row: number): number {
    return this.claimOf[row]!;
  }

  order(row: number): number {
    return this.orderOf[row]!;
  }

  /** Position of the line in its claim (0-based). */
  lineIndex(row: number): number {
    return this.lineIndexOf[row]!;
  }

  /** LX01 for X12 (as written), the 1-based row number for CSV. */
  lineNumber(row: number): string {
    const value = this.lineNumberOf[row]!;
    return value >= 0 ? String(value) : this.texts.values[-1 - value]!;
  }

  plainLineNumber(row: number): number {
    const value = this.lineNumberOf[row]!;
    return value >= 0 ? value : -1;
  }

  x12(row: number): boolean {
    return this.x12Of[row] === 1;
  }

  /** The procedure code as written (trimmed). */
  code(row: number): string {
    return this.codes.values[this.codeOf[row]!]!;
  }

  from(row: number): DateNumber {
    return this.fromOf[row]!;
  }

  to(row: number): DateNumber {
    return this.toOf[row]!;
  }

  /** The units as read, or null when the line has none (or they could not be read). */
  units(row: number): number | null {
    const units = this.unitsOf[row]!;
    return Number.isNaN(units) ? null : units;
  }

  /** Where the code is written, in document offsets. */
  codeSpan(row: number): Span {
    return { start: this.codeStartOf[row]!, end: this.codeEndOf[row]! };
  }

  /** Where the units are written, in document offsets, or null when they are not. */
  unitsSpan(row: number): Span | null {
    const start = this.unitsStartOf[row]!;
    return start === NONE ? null : { start, end: this.unitsEndOf[row]! };
  }

  /** The number of the row's provider among the providers and billing providers of this table (equal numbers, equal providers). */
  providerNumber(row: number): number {
    return this.providerOf[row]!;
  }

  billingNumber(row: number): number {
    return this.billingOf[row]!;
  }

  provider(row: number): string {
    return this.texts.values[this.providerOf[row]!]!;
  }

  billing(row: number): string {
    return this.texts.values[this.billingOf[row]!]!;
  }

  /**
   * Whether the row takes part in the coding checks: no replacement or void claim of the run
   * supersedes its claim (supersession.ts). `patientKey`: its claim's.
   */
  isInForce(row: number, patientKey: string): boolean {
    return this.supersession.isInForce(patientKey, this.claimIdOf[row]!, this.fileOf[row]!, this.claimOf[row]!);
  }

  /**
   * The row has no date of its own and its claim's covers more than a day (an 837I line without
   * DTP*472 under a statement of several days): which day it was on is not known, so a pair it is
   * in may be of two days.
   */
  dateUncertain(row: number): boolean {
    return this.uncertainOf[row] === 1;
  }

  /**
   * The line's provider is a person who performed it: a rendering provider named apart from the
   * billing provider (which may be a group of several), or, on a practitioner's claim that names
   * none, a billing provider that is a person (2010AA NM102 1), whom the guides then take as the
   * one who rendered the services.
   */
  person(row: number): boolean {
    return this.personOf[row] === 1;
  }

  /** A practitioner's line on a critical access hospital's bill, judged by the practitioner table (RowPlace.methodII). */
  methodII(row: number): boolean {
    return this.methodIIOf[row] === 1;
  }

  /** What the line's modifiers do to a PTP pair. */
  signature(row: number): ModifierSignature {
    return this.signatures[this.signatureOf[row]!]!;
  }

  /** A CSV's row numbers are as many as its rows: kept as numbers, not strings in `texts`. */
  private lineNumberValue(written: string): number {
    const n = plainNumber(written);
    return n >= 0 ? n : -1 - this.texts.numberOf(written);
  }

  private numberOfSignature(signature: ModifierSignature): number {
    const identity = signature.identity;
    let n = this.signatureNumbers.get(identity);
    if (n === undefined) {
      n = this.signatures.length;
      this.signatureNumbers.set(identity, n);
      this.signatures.push(signature);
    }
    return n;
  }

  /** Room for `rows` rows in all (rows about to be added, e.g. a staged table's): made at once rather than by halves. */
  reserve(rows: number): void {
    if (rows > this.capacity) this.grow(rows);
  }

  /** Half as much room again (or `capacity`): the arrays are copied, and old and new are held together meanwhile. */
  private grow(capacity = Math.ceil(this.capacity * 1.5)): void {
    this.capacity = capacity;
    this.fileOf = grown(this.fileOf, new Uint32Array(capacity));
    this.claimOf = grown(this.claimOf, new Uint32Array(capacity));
    this.orderOf = grown(this.orderOf, new Float64Array(capacity));
    this.lineIndexOf = grown(this.lineIndexOf, new Uint32Array(capacity));
    this.x12Of = grown(this.x12Of, new Uint8Array(capacity));
    this.fromOf = grown(this.fromOf, new Int32Array(capacity));
    this.toOf = grown(this.toOf, new Int32Array(capacity));
    this.unitsOf = grown(this.unitsOf, new Float64Array(capacity));
    this.codeStartOf = grown(this.codeStartOf, new Uint32Array(capacity));
    this.codeEndOf = grown(this.codeEndOf, new Uint32Array(capacity));
    this.unitsStartOf = grown(this.unitsStartOf, new Uint32Array(capacity));
    this.unitsEndOf = grown(this.unitsEndOf, new Uint32Array(capacity));
    this.codeOf = grown(this.codeOf, new Uint32Array(capacity));
    this.lineNumberOf = grown(this.lineNumberOf, new Float64Array(capacity));
    this.providerOf = grown(this.providerOf, new Uint32Array(capacity));
    this.billingOf = grown(this.billingOf, new Uint32Array(capacity));
    this.signatureOf = grown(this.signatureOf, new Uint32Array(capacity));
    this.claimIdOf = grown(this.claimIdOf, new Uint32Array(capacity));
    this.uncertainOf = grown(this.uncertainOf, new Uint8Array(capacity));
    this.methodIIOf = grown(this.methodIIOf, new Uint8Array(capacity));
    this.personOf = grown(this.personOf, new Uint8Array(capacity));
  }

  /** person() of a row whose provider and billing provider are set, placed as `place` says. */
  private personAt(row: number, place: { hospital?: boolean; billingPerson?: boolean }): number {
    const provider = this.providerOf[row]!;
    if (this.texts.values[provider] === '') return 0;
    return provider !== this.billingOf[row]! || (place.billingPerson === true && place.hospital !== true) ? 1 : 0;
  }
}
