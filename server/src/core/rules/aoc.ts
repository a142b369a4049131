// NCCI add-on code (AOC) edits: codes paid only with a primary procedure by the same practitioner
// for the same patient on the same date. The table of edits and the questions asked of it; a file
// of them is read by aocLoad.ts (its columns by their header names: aocColumns.ts).

import type { DateNumber } from '../model';
import { isProcedureCode, isValidDateNumber } from './codes';
import { valueForMessage } from './loadProblems';

/**
 * 1: the table lists every acceptable primary code; 2: no primary list (CMS writes CCCCC: the
 * payer decides); 3: some primaries listed, the payer may accept others.
 */
export type AocEditType = 1 | 2 | 3;

/** One AOC row: an add-on code and one of its primary codes (or none, for CCCCC). */
export interface AocRow {
  addOn: string;
  /** null for Type 2 `CCCCC`, or an empty cell. */
  primary: string | null;
  type: AocEditType;
  /**
   * From when the row is in force: the add-on code's effective date, or the AOC edit's when the
   * table gives that one (the later of the two when it gives both).
   */
  addOnEffective: DateNumber;
  /** Until when (inclusive): the earlier of the add-on code's and the edit's deletion dates; null when neither is deleted. */
  addOnDeletion: DateNumber | null;
  /** null when no primary is listed, or its effective date is not given. */
  primaryEffective: DateNumber | null;
  primaryDeletion: DateNumber | null;
  notes: string;
  /** The file it came from. */
  source: string;
}

/** The primary code CMS writes for "no list: contractor-defined primary codes". */
export const NO_PRIMARY_CODE = 'CCCCC';

/** The add-on effective date when a table gives none: in force from the start of the tables' range. */
export const AOC_NO_EFFECTIVE_DATE: DateNumber = 19000101;

function coversAddOn(row: AocRow, date: DateNumber): boolean {
  return row.addOnEffective <= date && (row.addOnDeletion === null || date <= row.addOnDeletion);
}

function coversPrimary(row: AocRow, date: DateNumber): boolean {
  if (row.primary === null) return true;
  return (row.primaryEffective === null || row.primaryEffective <= date) && (row.primaryDeletion === null || date <= row.primaryDeletion);
}

function key(code: string): string {
  return code.trim().toUpperCase();
}

/** Add-on code rows, by add-on code and by primary code, in the order they were added. */
export class AocTable {
  private readonly byAddOn = new Map<string, AocRow[]>();
  private readonly byPrimary = new Map<string, AocRow[]>();
  private readonly sourceNames: string[] = [];
  private readonly sourceSet = new Set<string>();
  private count = 0;

  /** Rows (one per add-on and primary pair and date window). */
  get size(): number {
    return this.count;
  }

  /** Add-on codes with rows. */
  get addOnCount(): number {
    return this.byAddOn.size;
  }

  /** Sources that contributed rows, in the order they were first added. */
  get sources(): readonly string[] {
    return this.sourceNames;
  }

  /** Adds a row. Throws when a code is not a procedure code or a date is not a real CCYYMMDD date. */
  add(row: AocRow): void {
    const addOn = key(row.addOn);
    const primary = row.primary === null ? null : key(row.primary);
    if (!isProcedureCode(addOn)) throw new Error(`invalid AOC row: add-on code ${valueForMessage(addOn)} is not a procedure code`);
    if (primary !== null && !isProcedureCode(primary)) throw new Error(`invalid AOC row for ${addOn}: primary code ${valueForMessage(primary)} is not a procedure code`);
    if (row.type !== 1 && row.type !== 2 && row.type !== 3) throw new Error(`invalid AOC row for ${addOn}: the edit type is not 1, 2 or 3`);
    for (const date of [row.addOnEffective, row.addOnDeletion, row.primaryEffective, row.primaryDeletion]) {
      if (date !== null && !isValidDateNumber(date)) throw new Error(`invalid AOC row for ${addOn}: ${date} is not a CCYYMMDD date`);
    }
    const stored = addOn === row.addOn && primary === row.primary ? row : { ...row, addOn, primary };
    push(this.byAddOn, addOn, stored);
    if (primary !== null) push(this.byPrimary, primary, stored);
    this.count++;
    if (!this.sourceSet.has(row.source)) {
      this.sourceSet.add(row.source);
      this.sourceNames.push(row.source);
    }
  }

  /** Whether the code is an add-on code: it has a row whose add-on window covers the date (any row, without a date). */
  isAddOn(code: string, date?: DateNumber): boolean {
    const rows = this.byAddOn.get(key(code));
    if (rows === undefined) return false;
    return date === undefined || rows.some((row) => coversAddOn(row, date));
  }

  /**
   * The code's rows as an add-on code: without a date all of them; with a date those whose add-on
   * window, and (when a primary is listed) the primary's window, cover it. In the order loaded.
   */
  rowsForAddOn(code: string, date?: DateNumber): AocRow[] {
    const rows = this.byAddOn.get(key(code)) ?? [];
    return date === undefined ? [...rows] : rows.filter((row) => coversAddOn(row, date) && coversPrimary(row, date));
  }

  /** The rows that list the code as a primary code (the add-on codes it enables), with the same date rule. */
  addOnsForPrimary(code: string, date?: DateNumber): AocRow[] {
    const rows = this.byPrimary.get(key(code)) ?? [];
    return date === undefined ? [...rows] : rows.filter((row) => coversAddOn(row, date) && coversPrimary(row, date));
  }
}

function push(map: Map<string, AocRow[]>, code: string, row: AocRow): void {
  const list = map.get(code);
  if (list) list.push(row);
  else map.set(code, [row]);
}
