// The rows of one 837 claim's lines in its document's columns (lineColumns.ts) as the coding run
// copies them into its kept lines (KeptLines.addFrom, through RowSource), so that grouping a
// document's lines by patient and table makes no line object: a run reads every line of every
// claim, and an object each (with its spans and dates) for 200,000 lines was garbage made for
// nothing but the copy. What the columns do not hold of a line (its claim, who performed it when
// it names nobody, the offset a piece of a file starts at) is the claim's, set for each claim.
import type { DateNumber, Span } from '../model';
import type { RowSource } from '../rules/rowSource';
import { signatureOfValues, type ModifierSignature } from '../rules/ptpBypass';
import { Field, type LineColumns } from './lineColumns';
import { NO_OFFSET } from '../offsetLine';

export class ClaimRows implements RowSource {
  private columns: LineColumns | null = null;
  private claim = 0;
  private base = 0;
  /** Who performed a line that names nobody, and whether every line is the billing provider's (an 837I's). */
  private claimProvider = '';
  private byBilling = false;
  private billingProvider = '';
  /** Who performed a practitioner's line of a CAH's Method II bill that names nobody: the claim's rendering provider, else the billing one. */
  private professionalProvider = '';

  /**
   * Rows of `columns` in the run: of claim `claimIndex`, their spans moved by `base`, performed by
   * `claimProvider` (or the billing provider) unless they name someone; a CAH's professional line
   * (LineColumns.professional) by whom it names, else `rendering`.
   */
  of(columns: LineColumns, claimIndex: number, base: number, claimProvider: string, billing: string, byBilling: boolean, rendering: string): this {
    this.columns = columns;
    this.claim = claimIndex;
    this.base = base;
    this.claimProvider = claimProvider;
    this.billingProvider = billing;
    this.byBilling = byBilling;
    this.professionalProvider = rendering;
    return this;
  }

  get size(): number {
    return this.columns!.size;
  }

  claimIndex(): number {
    return this.claim;
  }

  lineIndex(row: number): number {
    return this.columns!.index(row);
  }

  x12(): boolean {
    return true;
  }

  code(row: number): string {
    return this.columns!.code(row);
  }

  from(row: number): DateNumber {
    return this.columns!.dateFrom(row);
  }

  dateInherited(row: number): boolean {
    return this.columns!.dateInherited(row);
  }

  to(row: number): DateNumber {
    return this.columns!.dateTo(row);
  }

  units(row: number): number | null {
    return this.columns!.units(row);
  }

  /** In document offsets; it ends where the code, exactly what it covers, ends. */
  codeSpan(row: number): Span {
    const columns = this.columns!;
    const start = columns.codeStart(row) + this.base;
    return { start, end: start + columns.code(row).length };
  }

  unitsSpan(row: number): Span | null {
    const columns = this.columns!;
    const start = columns.offset(row, Field.unitsStart);
    return start === NO_OFFSET ? null : { start: start + this.base, end: columns.offset(row, Field.unitsEnd) + this.base };
  }

  lineNumber(row: number): string {
    return this.columns!.lineNumber(row);
  }

  plainLineNumber(row: number): number {
    return this.columns!.plainLineNumber(row);
  }

  /** As ServiceGrouper.addTo names a line's provider: the billing provider on an 837I, else the line's, else the claim's. */
  provider(row: number): string {
    const columns = this.columns!;
    if (!this.byBilling) return columns.providerId(row) ?? this.claimProvider;
    // An 837I's line is the hospital's, but a practitioner's line of a CAH's Method II bill is the practitioner's.
    return columns.professional(row) ? (columns.providerId(row) ?? this.professionalProvider) : this.billingProvider;
  }

  /** An 837 line names no billing provider of its own. */
  billing(): string {
    return this.billingProvider;
  }

  signature(row: number): ModifierSignature {
    const columns = this.columns!;
    const count = columns.modifierCountOf(row);
    const values: string[] = [];
    for (let k = 0; k < count; k++) values.push(columns.modifierValue(row, k));
    return signatureOfValues(columns.code(row), values);
  }
}
