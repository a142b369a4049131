// The diagnosis code pointers of an 837 claim's service lines (SV107 on an 837P, SV311 on an
// 837D): each names, by its position counted from 1, one of the diagnosis codes the claim lists
// in its HI segments (qualifiers ABK and ABF in 5010, BK and BF in 4010). A pointer past the
// last code points at nothing, and the clearinghouse's front-end edits reject the claim (277CA)
// before a payer looks at it. The guide maps bound a pointer's type and length, not what it
// points at; this checks that, as the 2300 and 2400 loops are read (its offsets move with a
// claim that goes on into the next piece, as ClaimCharges' do).

import type { Finding, Span } from '../model';
import { NO_OFFSET } from './claimTotal';
import { codeAt, type Source } from './source';
import { listWithAnd } from '../wordLists';
import { grown } from '../typedArrays';
import { HiValues } from './hiValues';

/** HI01-1 qualifiers of diagnosis codes (principal and other; ICD-10 in 5010, ICD-9 in 4010). */
const DIAGNOSIS_QUALIFIERS: readonly string[] = ['ABK', 'ABF', 'BK', 'BF'];

/** A pointer's components, at most (SV107-1..4, SV311-1..4). */
const POINTERS_PER_LINE = 4;

/** Digits a pointer noted has at most (the guides allow 2). */
const MAX_DIGITS = 6;

/** Findings a claim gets, at most, a line each (the 837P guide allows 50 lines). */
const FINDINGS_PER_CLAIM = 50;

/** A qualifier of 2 or 3 characters as a number (its character codes, 8 bits each), else -1. */
function qualifierCode(source: Source, start: number, end: number): number {
  const length = end - start;
  if (length < 2 || length > 3) return -1;
  let code = 0;
  for (let at = start; at < end; at++) code = code * 256 + (codeAt(source, at) & 255);
  return code;
}

/** DIAGNOSIS_QUALIFIERS as qualifierCode numbers. */
const DIAGNOSIS_CODES: readonly number[] = DIAGNOSIS_QUALIFIERS.map((q) => [...q].reduce((code, c) => code * 256 + c.charCodeAt(0), 0));

function isDiagnosisQualifier(source: Source, start: number, end: number): boolean {
  return DIAGNOSIS_CODES.includes(qualifierCode(source, start, end));
}

/**
 * How many diagnosis codes an HI's values (HiValues) list: each value with a diagnosis qualifier
 * and a code after it; -1 when a value has no component separator (its qualifier and code cannot
 * be told apart). What the reader counts and the hover lists.
 */
function diagnosisCount(source: Source, values: HiValues): number {
  if (values.separatorMissing) return -1;
  let listed = 0;
  for (let i = 0; i < values.count; i++) if (isDiagnosisQualifier(source, values.qualifierStart[i]!, values.qualifierEnd[i]!)) listed++;
  return listed;
}

/** The diagnosis codes and pointers of the open claim. */
export class ClaimDiagnoses {
  /** Diagnosis codes in the claim's HI segments so far. */
  private codes = 0;
  /**
   * An element of the claim's HI segments has no component separator: its qualifier and code
   * cannot be told apart (a file whose separator is not ISA16's, which the reader reports), so
   * what the pointers name is not known and they are not checked.
   */
  private unreadable = false;
  /**
   * The claim has an HI. One with no diagnosis code at all (only other qualifiers, or qualifiers
   * that are no code) is the guide checks' finding (a required HI missing, a code not in the
   * list): pointer findings would only repeat it, so there are none.
   */
  private hiSeen = false;
  /** The first HI that lists them (offsets; NO_OFFSET: none). */
  private hiStart = NO_OFFSET;
  private hiEnd = NO_OFFSET;
  /**
   * Pointers that name no code listed (the HI comes before the lines, so the count is known as
   * they are read; in a claim that lists none, every pointer): their offsets, values, line
   * (0-based in the claim, in order), component (1-4) and element.
   */
  private count = 0;
  private starts = new Int32Array(8);
  private ends = new Int32Array(8);
  private values = new Int32Array(8);
  private lines = new Int32Array(8);
  private components = new Uint8Array(8);
  private elements = new Uint8Array(8);
  /** The segment id the pointers are in (SV1, SV3). */
  private segmentId = 'SV1';

  /** A new claim. */
  reset(): void {
    this.codes = 0;
    this.count = 0;
    this.unreadable = false;
    this.hiSeen = false;
    this.hiStart = this.hiEnd = NO_OFFSET;
  }

  /**
   * An HI of the claim, text[start, end) (the segment without its terminator), its values read:
   * each of its elements with a diagnosis qualifier is a code a pointer may name.
   */
  noteHi(source: Source, start: number, end: number, values: HiValues): void {
    this.hiSeen = true;
    const listed = diagnosisCount(source, values);
    if (listed < 0) this.unreadable = true;
    if (listed <= 0) return;
    this.codes += listed;
    if (this.hiStart === NO_OFFSET) {
      this.hiStart = start;
      this.hiEnd = end;
    }
  }

  /**
   * The pointer element of line `line` (0-based in the claim), text[start, end), element number
   * `position` of segment `segmentId`: its components that are whole numbers are noted.
   */
  notePointers(source: Source, start: number, end: number, component: number, line: number, segmentId: string, position: number): void {
    this.segmentId = segmentId;
    const codes = this.codes;
    let at = start;
    for (let part = 1; part <= POINTERS_PER_LINE && at <= end; part++) {
      const from = at;
      let value = 0;
      let digits = true;
      while (at < end && codeAt(source, at) !== component) {
        const c = codeAt(source, at);
        if (c < 48 || c > 57) digits = false;
        else value = value * 10 + (c - 48);
        at++;
      }
      // Not a number, or longer than any pointer: the guide's type and length checks say so (an
      // empty component points at nothing).
      if (digits && at > from && at - from <= MAX_DIGITS && (value < 1 || value > codes)) this.add(from, at, value, line, part, position);
      at++;
    }
  }

  private add(start: number, end: number, value: number, line: number, component: number, position: number): void {
    const i = this.count++;
    if (i >= this.starts.length) this.grow();
    this.starts[i] = start;
    this.ends[i] = end;
    this.values[i] = value;
    this.lines[i] = line;
    this.components[i] = component;
    this.elements[i] = position;
  }

  /** The claim goes on into a piece that starts `shift` characters later: its offsets move back by that much. */
  moveBack(shift: number): void {
    for (let i = 0; i < this.count; i++) {
      this.starts[i]! -= shift;
      this.ends[i]! -= shift;
    }
    if (this.hiStart !== NO_OFFSET) {
      this.hiStart -= shift;
      this.hiEnd -= shift;
    }
  }

  /** Has the claim that ends findings for check() to make? (Most have none: their span is not made.) */
  pending(): boolean {
    return this.count > 0 && !this.unreadable && (this.codes > 0 || !this.hiSeen);
  }

  /**
   * Findings for the claim that ends, into `out`: each pointer that names no code of its HI
   * (a claim that lists none gets one finding, at `claimSpan`, its CLM01).
   */
  check(claimSpan: Span, out: Finding[]): void {
    if (!this.pending()) return;
    const count = this.count;
    const codes = this.codes;
    if (codes === 0) {
      // Every pointer is kept, the first of them at 0: a line's are together.
      let lines = 1;
      for (let i = 1; i < count; i++) if (this.lines[i] !== this.lines[i - 1]) lines++;
      const name = this.elementName(0);
      out.push({
        rule: 'x12.diagnosis-pointer',
        severity: 'error',
        message: `${lines === 1 ? '1 service line points' : `${lines} service lines point`} to diagnosis codes (${name}${count > 1 ? ' and others' : ''}), but the claim lists no diagnosis code in its own loop (no HI before its lines and other payers' loops): a pointer to no code is rejected before the claim is adjudicated`,
        span: claimSpan,
        related: [{ span: { start: this.starts[0]!, end: this.ends[0]! }, message: `line ${this.lines[0]! + 1}: ${name} is ${this.values[0]}` }],
      });
      return;
    }
    const related = this.hiStart === NO_OFFSET ? [] : [{ span: { start: this.hiStart, end: this.hiEnd }, message: `the claim's diagnosis codes (${codes})` }];
    // A finding a line, on its pointers (each names no code).
    for (let i = 0, reported = 0; i < count && reported < FINDINGS_PER_CLAIM; reported++) {
      const line = this.lines[i]!;
      const bad: number[] = [];
      for (; i < count && this.lines[i] === line; i++) bad.push(i);
      const first = bad[0]!;
      const last = bad[bad.length - 1]!;
      const names = listWithAnd(bad.map((b) => this.elementName(b)));
      const values = listWithAnd(bad.map((b) => String(this.values[b])));
      const message = bad.every((b) => this.values[b] === 0)
        ? `${names} ${bad.length === 1 ? 'is' : 'are'} 0: a diagnosis pointer counts the claim's diagnosis codes from 1 (the first code of its HI)`
        : `${names} ${bad.length === 1 ? `points to diagnosis ${values}` : `point to diagnoses ${values}`}, but the claim lists ${codes === 1 ? '1 diagnosis code' : `${codes} diagnosis codes`} (HI${bad.some((b) => this.values[b] === 0) ? ', counted from 1' : ''}): a pointer to no code is rejected before the claim is adjudicated`;
      out.push({ rule: 'x12.diagnosis-pointer', severity: 'error', message, span: { start: this.starts[first]!, end: this.ends[last]! }, related });
    }
  }

  /** Pointer i's element reference, as the guide checks write it (SV107-02). */
  private elementName(i: number): string {
    return this.nameOf(this.elements[i]!, this.components[i]!);
  }

  private nameOf(element: number, component: number): string {
    return `${this.segmentId}${String(element).padStart(2, '0')}-${String(component).padStart(2, '0')}`;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
    this.values = grown(this.values, new Int32Array(size));
    this.lines = grown(this.lines, new Int32Array(size));
    this.components = grown(this.components, new Uint8Array(size));
    this.elements = grown(this.elements, new Uint8Array(size));
  }
}

/** A diagnosis code an HI lists: its qualifier (ABK, ABF...) and code. */
export interface ListedDiagnosis {
  qualifier: string;
  code: string;
}

/**
 * The diagnosis codes HI segment text[start, end) lists, in order (what the pointers name, counted
 * as ClaimDiagnoses counts them); null when a value of it has no component separator (the codes
 * cannot be counted).
 */
export function diagnosesListed(text: string, start: number, end: number, element: string, component: string): ListedDiagnosis[] | null {
  const values = new HiValues().read(text, start, end, element.charCodeAt(0), component.charCodeAt(0));
  if (values.separatorMissing) return null;
  const listed: ListedDiagnosis[] = [];
  for (let i = 0; i < values.count; i++) {
    const qualifierStart = values.qualifierStart[i]!;
    const qualifierEnd = values.qualifierEnd[i]!;
    if (isDiagnosisQualifier(text, qualifierStart, qualifierEnd)) listed.push({ qualifier: text.slice(qualifierStart, qualifierEnd), code: text.slice(values.codeStart[i]!, values.codeEnd[i]!) });
  }
  return listed;
}
