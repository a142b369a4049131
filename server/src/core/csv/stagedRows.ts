// The lines a claim CSV read in pieces keeps for its coding run (CodedClaims), as they are read,
// before the file's claims are known: a row each of what KeptLines.addFrom copies of a line once
// they are (CodingRun.addStaged). In columns that grow in place (growableColumn.ts): a table grown
// by copies into larger arrays left each smaller set behind in malloc's heap, where it stayed
// resident (for the 45,000 kept lines of a million-row file, about 5 MB at the peak), and a
// staged line needs no file, place in the run or claim id number (addFrom gives it those).
// Codes, providers and modifier signatures are held once each and named by number.

import type { DateNumber, ServiceLine, Span } from '../model';
import { Interned } from '../rules/interned';
import type { RowSource } from '../rules/rowSource';
import { signatureOf, type ModifierSignature } from '../rules/ptpBypass';
import { plainNumber } from '../text';
import { GrowableColumn } from './growableColumn';

/** An unsigned 32-bit column's value for "not written" (the units' offsets of a line without units). */
const NONE = 0xffffffff;

export class StagedRows implements RowSource {
  /** Rows staged so far. */
  size = 0;
  private readonly claimOf = new GrowableColumn(Uint32Array);
  private readonly lineIndexOf = new GrowableColumn(Uint32Array);
  private readonly fromOf = new GrowableColumn(Int32Array);
  private readonly toOf = new GrowableColumn(Int32Array);
  /** NaN when the line has no readable units. */
  private readonly unitsOf = new GrowableColumn(Float64Array);
  /** File offsets; the units' are NONE when they are not written. */
  private readonly codeStartOf = new GrowableColumn(Uint32Array);
  private readonly codeEndOf = new GrowableColumn(Uint32Array);
  private readonly unitsStartOf = new GrowableColumn(Uint32Array);
  private readonly unitsEndOf = new GrowableColumn(Uint32Array);
  /** Numbers of the row's code, line number (when not a plain number: -1 - its number in `texts`), providers and signature. */
  private readonly codeOf = new GrowableColumn(Uint32Array);
  private readonly lineNumberOf = new GrowableColumn(Float64Array);
  private readonly providerOf = new GrowableColumn(Uint32Array);
  private readonly billingOf = new GrowableColumn(Uint32Array);
  private readonly signatureOf = new GrowableColumn(Uint32Array);
  /** 1 when the row's revenue code is a professional-fee one (CsvServiceLine.professionalRevenue). */
  private readonly professionalOf = new GrowableColumn(Uint8Array);

  /** Every column, all with the same room. */
  private readonly columns = [this.claimOf, this.lineIndexOf, this.fromOf, this.toOf, this.unitsOf, this.codeStartOf, this.codeEndOf, this.unitsStartOf, this.unitsEndOf, this.codeOf, this.lineNumberOf, this.providerOf, this.billingOf, this.signatureOf, this.professionalOf];

  private readonly codes = new Interned();
  private readonly texts = new Interned();
  private readonly signatureNumbers = new Map<string, number>();
  private readonly signatures: ModifierSignature[] = [];

  /**
   * Stages a dated line (its dateOfService is not null) of claim number `claim`, its spans
   * relative to `base`, performed by `provider` and billed by `billing` ('' when none is named).
   */
  add(line: ServiceLine, claim: number, base: number, provider: string, billing: string): void {
    const row = this.size;
    if (row >= this.claimOf.capacity) for (const column of this.columns) column.ensure(row);
    this.claimOf.set(row, claim);
    this.lineIndexOf.set(row, line.index);
    const dates = line.dateOfService!;
    this.fromOf.set(row, dates.from);
    this.toOf.set(row, dates.to);
    this.unitsOf.set(row, line.units === null ? NaN : line.units);
    this.codeStartOf.set(row, line.codeSpan.start + base);
    this.codeEndOf.set(row, line.codeSpan.end + base);
    const unitsSpan = line.unitsSpan;
    this.unitsStartOf.set(row, unitsSpan === null ? NONE : unitsSpan.start + base);
    this.unitsEndOf.set(row, unitsSpan === null ? NONE : unitsSpan.end + base);
    this.codeOf.set(row, this.codes.numberOf(line.code));
    const lineNumber = plainNumber(line.lineNumber);
    this.lineNumberOf.set(row, lineNumber >= 0 ? lineNumber : -1 - this.texts.numberOf(line.lineNumber));
    this.providerOf.set(row, this.texts.numberOf(provider));
    this.billingOf.set(row, this.texts.numberOf(billing));
    const signature = signatureOf(line);
    const identity = signature.identity;
    let n = this.signatureNumbers.get(identity);
    if (n === undefined) {
      n = this.signatures.length;
      this.signatureNumbers.set(identity, n);
      this.signatures.push(signature);
    }
    this.signatureOf.set(row, n);
    this.professionalOf.set(row, line.professionalRevenue === true ? 1 : 0);
    this.size = row + 1;
  }

  /** Gives the rows staged with no provider ('') their claim's, `providerOf(claim)` ('' when it has none either). */
  fillProviders(providerOf: (claim: number) => string): void {
    const none = this.texts.numberOf('');
    for (let row = 0; row < this.size; row++) {
      if (this.providerOf.get(row) !== none) continue;
      const provider = providerOf(this.claimOf.get(row));
      if (provider !== '') this.providerOf.set(row, this.texts.numberOf(provider));
    }
  }

  claimIndex(row: number): number {
    return this.claimOf.get(row);
  }

  lineIndex(row: number): number {
    return this.lineIndexOf.get(row);
  }

  /** A claim CSV's lines are rows, never X12 service lines. */
  x12(): boolean {
    return false;
  }

  code(row: number): string {
    return this.codes.values[this.codeOf.get(row)]!;
  }

  from(row: number): DateNumber {
    return this.fromOf.get(row);
  }

  to(row: number): DateNumber {
    return this.toOf.get(row);
  }

  units(row: number): number | null {
    const units = this.unitsOf.get(row);
    return Number.isNaN(units) ? null : units;
  }

  codeSpan(row: number): Span {
    return { start: this.codeStartOf.get(row), end: this.codeEndOf.get(row) };
  }

  unitsSpan(row: number): Span | null {
    const start = this.unitsStartOf.get(row);
    return start === NONE ? null : { start, end: this.unitsEndOf.get(row) };
  }

  lineNumber(row: number): string {
    const value = this.lineNumberOf.get(row);
    return value >= 0 ? String(value) : this.texts.values[-1 - value]!;
  }

  plainLineNumber(row: number): number {
    const value = this.lineNumberOf.get(row);
    return value >= 0 ? value : -1;
  }

  provider(row: number): string {
    return this.texts.values[this.providerOf.get(row)]!;
  }

  billing(row: number): string {
    return this.texts.values[this.billingOf.get(row)]!;
  }

  signature(row: number): ModifierSignature {
    return this.signatures[this.signatureOf.get(row)]!;
  }
  /** The row's revenue code is a professional-fee one: on a critical access hospital's bill, a practitioner's line. */
  professionalRevenue(row: number): boolean {
    return this.professionalOf.get(row) === 1;
  }

}
