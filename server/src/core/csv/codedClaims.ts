// The claims of a claim CSV read in pieces (stream.ts), kept for the coding checks alone: per
// claim its number, id, patient, kind and line count, and only the lines some loaded edit can
// name (`keep`), each with what the checks read of it. Rows are grouped exactly as parseCsv
// groups them (ClaimChooser), but a claim is a number rather than a Claim object, its id and
// patient bytes in StringTables: a million-row export holds half a million claims, and their
// objects, lines and spans were most of the whole-file path's memory.
//
// The text a row is read from is one piece of the file: nothing kept holds a string cut from it
// (the tables copy their bytes; a kept line's strings are copied, see detached in text.ts), and the spans
// of a kept line are in file offsets (`base`, the piece's offset).

import type { Claim, ClaimKind, DateRange, ServiceLine, Span } from '../model';
import { CodedLine, NO_SPAN, SharedModifiers } from '../codedLines';
import { ClaimChooser, patientKeyOf } from './claims';
import { claimKindOfCell } from './columns';
import type { ColumnLayout } from './header';
import { cellOrNull, type CsvReader } from './reader';
import { detached } from '../text';
import { StringTable } from './stringTable';

const KINDS: readonly (ClaimKind | null)[] = [null, 'professional', 'institutional', 'dental'];

/** Where every line with a code goes as it is read (a hover index): its claim's number, and the line with spans relative to `base`. */
export interface LineSink {
  line(claim: number, line: ServiceLine, base: number): void;
}

/** The lines of a claim the coding checks can use: each claim only by its number. */
export class CodedClaims extends ClaimChooser<number> {
  /** Claim ids (or patient and date keys) by claim number. */
  private readonly keys = new StringTable();
  private readonly patients = new StringTable();
  /** Per claim: its line count, its kind (index in KINDS), its patient's number in `patients` (-1: none yet). */
  private lineCounts = new Uint32Array(1024);
  private kinds = new Uint8Array(1024);
  private patientOfClaim = new Int32Array(1024);
  /** The kept lines of each claim that has some. */
  private readonly coded = new Map<number, CodedLine[]>();
  /** keep() of the codes met (codes are a few hundred values over a million rows). */
  private readonly keptCodes = new Map<string, boolean>();
  /** One modifier object per value: a kept line's modifiers are read for their values alone. */
  private readonly modifiers = new SharedModifiers();
  /** Every row read as a service line (what the whole model would hold). */
  serviceLines = 0;
  /** File offset of the text rows are read from. */
  base = 0;

  constructor(
    text: string,
    layout: ColumnLayout,
    /** Whether a line of this code can be named by some loaded edit, under whichever table its claim turns out to be judged by. */
    private readonly keep: (code: string) => boolean,
    /** Given every line with a code as it is read (a hover index of the file), with the file offset of its text. */
    private readonly index: LineSink | null = null,
  ) {
    super(text, layout);
  }

  /** How many claims were read. */
  get claimCount(): number {
    return this.keys.size;
  }

  /**
   * The kind of each claim by its number (named by a row of it, or null), holding only the kinds:
   * not the claim ids and patients, which are not needed once the file is read.
   */
  kindsOf(): (claim: number) => ClaimKind | null {
    const kinds = this.kinds.slice(0, this.claimCount);
    return (claim) => KINDS[kinds[claim]!]!;
  }

  lineCount(state: number): number {
    return this.lineCounts[state]!;
  }

  /** A line the coding run can use: with a code and a date (it skips others) that some edit names; with an index, any line with a code. */
  wants(code: string, date: DateRange | null): boolean {
    if (this.index !== null && code !== '') return true;
    return this.keeps(code, date);
  }

  private keeps(code: string, date: DateRange | null): boolean {
    if (code === '' || date === null) return false;
    let kept = this.keptCodes.get(code);
    if (kept === undefined) {
      if (this.keptCodes.size >= 50000) this.keptCodes.clear();
      kept = this.keep(code);
      this.keptCodes.set(code, kept);
    }
    return kept;
  }

  addLine(state: number, line: ServiceLine | null, r: CsvReader): void {
    if (this.kinds[state] === 0 && this.layout.claimType >= 0) {
      const type = cellOrNull(r, this.layout.claimType);
      if (type !== null) this.kinds[state] = KINDS.indexOf(claimKindOfCell(type));
    }
    this.lineCounts[state]!++;
    this.serviceLines++;
    if (line === null) return;
    if (this.index !== null) {
      this.index.line(state, line, this.base);
      if (!this.keeps(line.code, line.dateOfService)) return;
    }
    const kept = this.codedLine(line);
    const lines = this.coded.get(state);
    if (lines) lines.push(kept);
    else this.coded.set(state, [kept]);
  }

  finish(): void {
    // The claims are made in claims(): a CSV claim has no total of its own to check.
  }

  /** The claims that have kept lines, in file order, as parseCsv makes them for the coding run (without the spans the run does not read). */
  claims(): Claim[] {
    const byClaimId = this.layout.claimId >= 0;
    const numbers = [...this.coded.keys()].sort((a, b) => a - b);
    return numbers.map((index) => {
      const id = byClaimId ? this.keys.get(index) : '';
      const patient = this.patientOfClaim[index]!;
      const patientId = patient < 0 ? null : this.patients.get(patient);
      return {
        index,
        id,
        idSpan: null,
        patientId,
        patientKey: patientKeyOf(patientId, byClaimId, id, index),
        billingProviderId: null,
        renderingProviderId: null,
        kind: KINDS[this.kinds[index]!]!,
        totalCharge: null,
        totalChargeText: null,
        totalChargeSpan: null,
        dateOfService: null,
        dateSpan: null,
        lines: this.coded.get(index)!,
        span: NO_SPAN,
        transactionIndex: null,
      };
    });
  }

  protected newClaim(_id: string, _idSpan: Span | null, patientId: string | null): number {
    const index = this.keys.size;
    if (index === this.lineCounts.length) {
      const counts = new Uint32Array(index * 2);
      counts.set(this.lineCounts);
      this.lineCounts = counts;
      const kinds = new Uint8Array(index * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const patients = new Int32Array(index * 2);
      patients.set(this.patientOfClaim);
      this.patientOfClaim = patients;
    }
    this.patientOfClaim[index] = -1;
    if (patientId !== null) this.setPatient(index, patientId);
    return index;
  }

  protected claimOf(key: string): number | undefined {
    const n = this.keys.find(key);
    return n < 0 ? undefined : n;
  }

  protected remember(key: string, state: number): void {
    // A claim is made for each new key, and numbered in the same order.
    if (this.keys.add(key) !== state) throw new Error('claim numbers out of step');
  }

  protected hasPatient(state: number): boolean {
    return this.patientOfClaim[state]! >= 0;
  }

  protected setPatient(state: number, patientId: string): void {
    let n = this.patients.find(patientId);
    if (n < 0) n = this.patients.add(patientId);
    this.patientOfClaim[state] = n;
  }

  /** What the coding checks read of a line (serviceGroups.ts and the checks): its spans in file offsets, its strings its own. */
  private codedLine(line: ServiceLine): CodedLine {
    const base = this.base;
    const kept = new CodedLine(line.index);
    kept.lineNumber = line.lineNumber;
    kept.code = detached(line.code);
    kept.codeStart = line.codeSpan.start + base;
    kept.codeEnd = line.codeSpan.end + base;
    if (line.modifiers.length > 0) kept.modifiers = line.modifiers.map((m) => this.modifiers.get(m.value));
    kept.units = line.units;
    const units = line.unitsSpan;
    if (units !== null) {
      kept.unitsStart = units.start + base;
      kept.unitsEnd = units.end + base;
    }
    kept.dateOfService = line.dateOfService;
    if (line.providerId !== null) kept.providerId = detached(line.providerId);
    return kept;
  }
}
