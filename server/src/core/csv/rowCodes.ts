// A claim CSV row's procedure code and modifiers: the code from the code column (or the other code
// set's beside it), inside an Excel text formula or written with its modifiers ("99213-25"); the
// modifiers from one column, numbered columns or the code cell, and where a fix adds one. Codes,
// modifiers and NPIs are interned: a few hundred values repeat over a million rows.

import type { Modifier, ModifierInsertPoint, Span } from '../model';
import { CPT_SHAPE, HCPCS_SHAPE } from '../procedureCodes';
import { detached } from '../text';
import type { ColumnLayout } from './columnLayout';
import { CELL_ESCAPED, CELL_JUNK, hasValue, type CsvReader } from './reader';
import { excelTextSpan } from './excelText';
import { alphanumericRuns, isAlphanumeric, isWellFormedProcedureCode } from './values';
import { CSV_RULES, type RowReport } from './csvRules';
import { isEmptyCellWord } from '../data/emptyCells';

/** A five-digit code saved as a number with decimals (43214.0). */
const NUMBER_WRITTEN_CODE = /^\d{5}\.0+$/;
/**
 * Three or four digits from 100 to 1999: an anesthesia code (00100-01999) whose leading zeros a
 * spreadsheet dropped, perhaps (a four-digit 9921 is more likely a typo than 09921).
 */
/** A claim line's modifier positions (SV101-3 to SV101-6 of an 837). */
const MAX_MODIFIERS = 4;

function lostLeadingZeros(code: string): boolean {
  return /^\d{3,4}$/.test(code) && Number(code) >= 100 && Number(code) <= 1999;
}


export class CodeCells {
  // What read() found in the current row, in fields rather than a returned object: this runs for
  // every row of files of a million rows.
  code = '';
  codeSpan: Span = { start: 0, end: 0 };
  /** The column the code was read from (the procedure-code column, or the other code set's). */
  codeColumn = 0;
  /** What separates modifiers written into the code cell ("99213-25"), or null when there are none. */
  codeCellSeparator: string | null = null;

  private readonly cellScratch: { column: number; cellSpan: Span; quoted: boolean }[] = [];
  private readonly strings = new Map<string, string>();
  /** Modifiers counted by the last checkModifiers() call, and where the fifth starts. */
  private modifiersSeen = 0;
  private fifthModifierStart = 0;
  /** Separator between the first two modifiers read by the last readModifiers() call, or ''. */
  private firstSeparator = '';
  /** The row modifierCells read last has numbered modifier cells and every one of them holds something. */
  cellsFull = false;

  constructor(
    /** The text rows are read from (moved on by RowParser.moveTo). */
    public text: string,
    private readonly layout: ColumnLayout,
    /** What a fix writes between modifiers in a cell that has none yet. */
    private readonly defaultSeparator: string,
    private readonly columnName: (k: number) => string,
    private readonly finding: RowReport,
  ) {}

  /**
   * The column a row's code is read from: the procedure-code column, or the other code set's
   * column (a CPT column beside a HCPCS one) when the code column's cell is empty or missing.
   */
  private codeColumnOf(r: CsvReader): number {
    const main = this.layout.procedureCode;
    const other = this.layout.otherProcedureCode;
    if (other < 0 || hasValue(r, main)) return main;
    return hasValue(r, other) || main >= r.cellCount ? other : main;
  }

  /**
   * The procedure code into code/codeSpan (inside an Excel text formula, ="43214", when the cell
   * is one), and modifiers written into the code cell ("99213-25", a code followed by
   * two-character modifiers) into `modifiers`; an empty or malformed code is reported.
   */
  read(r: CsvReader, modifiers: Modifier[]): void {
    const text = this.text;
    const codeCol = this.codeColumnOf(r);
    this.codeColumn = codeCol;
    // The text inside an Excel text formula (="43214"), or null when the cell is not one.
    const formula = excelTextSpan(r, codeCol);
    let code = this.intern(formula !== null ? text.slice(formula.start, formula.end) : r.value(codeCol));
    let codeSpan = formula ?? r.valueSpan(codeCol);
    this.codeCellSeparator = null;
    // The code's text as written (no quotes doubled inside it): its modifiers can be found on it.
    const plain = formula !== null || (r.flags[codeCol]! & (CELL_ESCAPED | CELL_JUNK)) === 0;
    if (code.length > 5 && plain) {
      const runs = alphanumericRuns(text, codeSpan.start, codeSpan.end);
      if (runs.length > 1 && runs[0]!.start === codeSpan.start && runs[runs.length - 1]!.end === codeSpan.end) {
        const first = text.slice(runs[0]!.start, runs[0]!.end);
        let ok = isWellFormedProcedureCode(first);
        for (let i = 1; ok && i < runs.length; i++) ok = runs[i]!.end - runs[i]!.start === 2;
        if (ok) {
          code = this.intern(first);
          codeSpan = { start: runs[0]!.start, end: runs[0]!.end };
          for (let i = 1; i < runs.length; i++) {
            const run = runs[i]!;
            modifiers.push({ value: this.intern(text.slice(run.start, run.end)), span: { start: run.start, end: run.end } });
          }
          this.codeCellSeparator = text.slice(runs[0]!.end, runs[1]!.start);
        }
      }
    }
    // A code a spreadsheet saved as a number with decimals (43214.0, 43214.00): read as the code, and said.
    if (plain && NUMBER_WRITTEN_CODE.test(code)) {
      const written = code;
      code = this.intern(code.slice(0, 5));
      codeSpan = { start: codeSpan.start, end: codeSpan.start + 5 };
      this.finding(
        CSV_RULES.procedureCodeInvalid,
        'warning',
        `Line ${r.recordLine}: the value in ${this.columnName(codeCol)} is the code ${code} written as a number (${written}), as a spreadsheet saves a code column of numbers; it is read as ${code}. Save the column as text.`,
        { start: codeSpan.start, end: codeSpan.start + written.length },
      );
    }
    this.code = code;
    this.codeSpan = codeSpan;
    if (code === '') {
      // A revenue code alone is an institutional line that needs no procedure code (supplies, room and board).
      if (this.layout.revenueCode >= 0 && hasValue(r, this.layout.revenueCode)) return;
      const other = this.layout.otherProcedureCode;
      const columns = other >= 0 ? `${this.columnName(this.layout.procedureCode)} and ${this.columnName(other)} are` : `${this.columnName(codeCol)} is`;
      this.finding(CSV_RULES.procedureCodeInvalid, 'warning', `Line ${r.recordLine}: ${columns} empty; expected a procedure code.`, codeSpan);
    } else if (!isWellFormedProcedureCode(code)) {
      this.finding(
        CSV_RULES.procedureCodeInvalid,
        'warning',
        `Line ${r.recordLine}: the value in ${this.columnName(codeCol)} is not a well-formed procedure code; ` +
          `expected ${CPT_SHAPE}, ${HCPCS_SHAPE} or a CDT code (D and 4 digits).` +
          // 00100 saved by a spreadsheet as the number 100.
          (lostLeadingZeros(code) ? ' A spreadsheet drops the leading zeros of a code it takes for a number (00100 saved as 100): save the column as text.' : ''),
        codeSpan,
      );
    }
  }

  /**
   * Modifiers from the modifiers column or the numbered ones into `modifiers`, and where a fix
   * adds one: that column, the numbered columns the row has, or the code cell when the code was
   * written with its modifiers; null when none of them applies.
   */
  modifierCells(r: CsvReader, modifiers: Modifier[]): ModifierInsertPoint | null {
    const layout = this.layout;
    const n = r.cellCount;
    this.cellsFull = false;
    if (layout.modifiers >= 0) {
      const k = layout.modifiers;
      if (k >= n) return null;
      if (holdsModifiers(r, k)) this.readModifiers(r.valStart[k]!, r.valEnd[k]!, modifiers);
      else this.firstSeparator = '';
      return { kind: 'csv-cell', column: k, ...insertCell(r, k), separator: this.firstSeparator !== '' ? this.firstSeparator : this.defaultSeparator };
    }
    if (layout.modifierColumns.length > 0) {
      const cells = this.cellScratch;
      cells.length = 0;
      let free = false;
      for (const k of layout.modifierColumns) {
        if (k >= n) continue;
        if (holdsModifiers(r, k)) this.readModifiers(r.valStart[k]!, r.valEnd[k]!, modifiers);
        else free = true;
        cells.push({ column: k, ...insertCell(r, k) });
      }
      this.cellsFull = !free && cells.length > 0;
      return cells.length > 0 ? { kind: 'csv-columns', cells: cells.slice() } : null;
    }
    if (this.codeCellSeparator === null) return null;
    const codeCol = this.codeColumn;
    return { kind: 'csv-cell', column: codeCol, ...insertCell(r, codeCol), separator: this.codeCellSeparator };
  }

  /**
   * Reports modifier cells that hold something other than modifiers: a run of letters and digits
   * that is not two long (a modifier is two: 25, 59, XS, LT), or more than four modifiers on the
   * row, the code cell's included (a claim line has four positions). Run on every row, made into a line or not, so that a
   * file read whole and one read in pieces report the same; it allocates nothing for a good row.
   */
  checkModifiers(r: CsvReader, inCodeCell: readonly Modifier[]): void {
    const layout = this.layout;
    const n = r.cellCount;
    // Those written into the code cell ("29877-26-LT") take positions too.
    this.modifiersSeen = inCodeCell.length;
    if (inCodeCell.length > MAX_MODIFIERS) this.fifthModifierStart = inCodeCell[MAX_MODIFIERS]!.span.start;
    if (layout.modifiers >= 0) {
      if (layout.modifiers < n && holdsModifiers(r, layout.modifiers)) this.checkModifierCell(r, layout.modifiers);
    } else {
      for (const k of layout.modifierColumns) if (k < n && holdsModifiers(r, k)) this.checkModifierCell(r, k);
    }
    if (this.modifiersSeen > MAX_MODIFIERS) {
      this.finding(
        CSV_RULES.modifierInvalid,
        'warning',
        `Line ${r.recordLine}: the row has ${this.modifiersSeen} modifiers; a claim line takes at most ${MAX_MODIFIERS} (an 837 has four modifier positions), so those from the fifth on cannot be sent.`,
        { start: this.fifthModifierStart, end: this.fifthModifierStart + 2 },
      );
    }
  }

  /** Checks cell k's runs of letters and digits (see checkModifiers), counting its modifiers into modifiersSeen. */
  private checkModifierCell(r: CsvReader, k: number): void {
    const text = this.text;
    const end = r.valEnd[k]!;
    let i = r.valStart[k]!;
    let reported = false;
    while (i < end) {
      while (i < end && !isAlphanumeric(text.charCodeAt(i))) i++;
      if (i >= end) break;
      const s = i;
      while (i < end && isAlphanumeric(text.charCodeAt(i))) i++;
      if (i - s === 2) {
        if (++this.modifiersSeen === MAX_MODIFIERS + 1) this.fifthModifierStart = s;
      } else if (!reported) {
        reported = true;
        this.finding(
          CSV_RULES.modifierInvalid,
          'warning',
          `Line ${r.recordLine}: ${this.columnName(k)} holds ${i - s === 1 ? 'a single letter or digit' : `${i - s} letters or digits together`} where a modifier has two (25, 59, XS, LT).`,
          { start: s, end: i },
        );
      }
    }
  }

  /** One string per distinct code, modifier or NPI (a few hundred values repeated over many rows). */
  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size >= 50000) this.strings.clear();
    // Its own copy: a file read in pieces must not keep a piece alive through a long value.
    const own = detached(s);
    this.strings.set(own, own);
    return own;
  }

  /** Appends each run of letters and digits in text[start, end) as a modifier. */
  private readModifiers(start: number, end: number, out: Modifier[]): void {
    const text = this.text;
    let i = start;
    let count = 0;
    let prevEnd = -1;
    this.firstSeparator = '';
    while (i < end) {
      while (i < end && !isAlphanumeric(text.charCodeAt(i))) i++;
      if (i >= end) break;
      const s = i;
      while (i < end && isAlphanumeric(text.charCodeAt(i))) i++;
      if (count === 1) this.firstSeparator = text.slice(prevEnd, s);
      out.push({ value: this.intern(text.slice(s, i)), span: { start: s, end: i } });
      prevEnd = i;
      count++;
    }
  }
}

/** Whether modifier cell k has a value that is not an export's word for none (NULL, N/A: data/emptyCells.ts). */
function holdsModifiers(r: CsvReader, k: number): boolean {
  return hasValue(r, k) && !isEmptyCellWord(r.text, r.valStart[k]!, r.valEnd[k]!);
}

/**
 * The cell a fix writes a modifier into: the whole cell, or the text inside its Excel text
 * formula (="59"), so that a modifier added goes inside the formula's quotes.
 */
function insertCell(r: CsvReader, k: number): { cellSpan: Span; quoted: boolean } {
  const inner = excelTextSpan(r, k);
  return inner !== null ? { cellSpan: inner, quoted: false } : { cellSpan: r.cellSpan(k), quoted: r.isQuoted(k) };
}
