// What a row of service-line columns gives a coding run: the kept lines of a run (keptLines.ts),
// the lines of a claim CSV staged as they were read (csv/stagedRows.ts) and an 837 document's
// line columns (x12/lineRows.ts) all answer it, so a run copies rows from any of them.

import type { DateNumber, Span } from '../model';
import type { ModifierSignature } from './ptpBypass';

/**
 * What addFrom copies a row from: another table, or the lines of a claim CSV staged as they were
 * read, before its claims were known (csv/stagedRows.ts).
 */
export interface RowSource {
  readonly size: number;
  claimIndex(row: number): number;
  lineIndex(row: number): number;
  x12(row: number): boolean;
  code(row: number): string;
  from(row: number): DateNumber;
  to(row: number): DateNumber;
  units(row: number): number | null;
  codeSpan(row: number): Span;
  unitsSpan(row: number): Span | null;
  /** The line number as written, and as a number when it is a plain one (-1 when it is not). */
  lineNumber(row: number): string;
  plainLineNumber(row: number): number;
  provider(row: number): string;
  billing(row: number): string;
  signature(row: number): ModifierSignature;
  /** A CSV row's revenue code is a professional-fee one (a CAH's practitioner line on an 85x claim); absent: never. */
  professionalRevenue?(row: number): boolean;
  /**
   * The row has no date of its own: its dates are its claim's (an 837I line without DTP*472 takes
   * the statement period), so on which of them it was is not known; absent: never.
   */
  dateInherited?(row: number): boolean;
}
