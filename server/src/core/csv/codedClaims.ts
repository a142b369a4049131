// The claims of a claim CSV read in pieces (stream.ts), kept for the coding checks alone: per
// claim its number, id, patient, kind, frequency, claim id number (what a replacement or void
// supersedes others by: rules/supersession.ts) and line count, and only the lines some loaded edit can
// name (`keep`), each a row of numbers (StagedRows) holding what the checks read of it. Rows are
// grouped exactly as parseCsv groups them (ClaimChooser), but a claim is a number rather than a
// Claim object, its id in a StringTable and its patient's bytes beside it (byteStrings.ts), each
// claim's own (a patient's claims are few), the rest in columns of numbers (growableColumn.ts): a
// million-row export holds half a million claims, and their objects, lines and spans were most of
// the whole-file path's memory. All of it is in memory the engine gives back to the system once
// the claims are let go, before the run groups the kept lines and makes its findings.
// With an add-on code table loaded every dated line is kept (a Type 2 add-on takes any other
// procedure as its primary), so a kept line is a row from the start, not an object.
//
// The text a row is read from is one piece of the file: nothing kept holds a string cut from it
// (the tables copy their bytes, and so does StagedRows), and the spans of a kept line are in file
// offsets (`base`, the piece's offset).

import type { NotEditedClaims } from '../rules/notEdited';
import type { ClaimKind, DateRange, ServiceLine, Span } from '../model';
import type { StagedLines } from '../rules/serviceGroups';
import { claimIdNumber, claimIdNumberOfHash, NO_CLAIM_ID, supersedesOthers } from '../rules/supersession';
import { ClaimChooser } from './claimChooser';
import { patientKeyOf } from './claims';
import type { CsvServiceLine } from './csvLine';
import type { ColumnLayout } from './columnLayout';
import type { CsvReader } from './reader';
import { ByteStrings } from './byteStrings';
import { ClaimKinds } from './claimKinds';
import { GrowableColumn, mappedArray } from './growableColumn';
import { StagedRows } from './stagedRows';
import { Interned } from '../rules/interned';
import { StringTable } from './stringTable';

/** Kept lines fewer than the claims divided by this: the claims' patient keys are made before the run groups the lines (staged). */
const FEW_KEPT = 4;

/** Whether staged() makes the claims' patient keys up front (and holds nothing of the claims' tables): few lines kept for many claims. */
export function keysMadeUpFront(keptLines: number, claims: number): boolean {
  return keptLines * FEW_KEPT < claims;
}

/** Where every line with a code goes as it is read (a hover index): its claim's number, and the line with spans relative to `base`. */
export interface LineSink {
  line(claim: number, line: ServiceLine, base: number): void;
}

/** The lines of a claim the coding checks can use: each claim only by its number. */
export class CodedClaims extends ClaimChooser<number> {
  /** Claim ids (or patient and date keys) by claim number. */
  private readonly keys = new StringTable();
  /** The claims' patients, each written once for its claim. */
  private readonly patients = new ByteStrings();
  /** Per claim: its line count, where its patient is written in `patients` plus 1 (0: none yet). */
  private readonly lineCounts = new GrowableColumn(Uint32Array);
  private readonly patientAt = new GrowableColumn(Uint32Array);
  /** Per claim: its provider's number in `providers` plus 1 (0: none named yet; rows.ts RowClaims.nameProvider). */
  private readonly providerAt = new GrowableColumn(Uint32Array);
  private readonly providers = new Interned();
  /** Per claim: its kind, facility type and frequency (claimKinds.ts). */
  private readonly kinds = new ClaimKinds();
  /**
   * A claim's id number (claimIdNumber of its claim id cell, what a replacement or void supersedes
   * others by) is its key's, hashed from the key's bytes once the file is read (staged), but for
   * the claims whose key is not their id cell (another patient's claim of an id, a claim made for
   * another frequency): theirs, by claim number. Only with a claim id column (there are no id
   * numbers without one).
   */
  private readonly idNumbersApart = new Map<number, number>();
  /** The id cell of the claim being made (newClaim), until its key is remembered. */
  private idCellMade = '';
  /** The kept lines, in the order read, each with its claim's number (a claim's kind and patient may come later). */
  private readonly kept = new StagedRows();
  /** keep() of the codes met (codes are a few hundred values over a million rows). */
  private readonly keptCodes = new Map<string, boolean>();
  /** Every row read as a service line (what the whole model would hold). */
  serviceLines = 0;
  /** Claims with a row of a professional-fee revenue code (csv/rows.ts), kept or not: a critical access hospital's bill has its practitioner lines. */
  private readonly professionalClaims = new Set<number>();
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
    const kinds = this.kinds;
    return (claim) => kinds.kind(claim);
  }

  /** The claims read that no NCCI table judges, and those each table judges (their kinds as finish leaves them). */
  notEdited(): NotEditedClaims {
    const professional = this.professionalClaims;
    return this.kinds.notEdited(this.claimCount, (claim) => professional.has(claim));
  }

  lineCount(state: number): number {
    return this.lineCounts.get(state);
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

  needsKind(state: number): boolean {
    return this.kinds.needsKind(state);
  }

  setKind(state: number, kind: ClaimKind, facilityType: string | null): void {
    this.kinds.setKind(state, kind, facilityType);
  }

  addLine(state: number, line: CsvServiceLine | null, _r?: CsvReader, professionalRevenue = false): void {
    if (professionalRevenue) this.professionalClaims.add(state);
    this.lineCounts.increment(state);
    this.serviceLines++;
    if (line === null) return;
    if (this.index !== null) {
      this.index.line(state, line, this.base);
      if (!this.keeps(line.code, line.dateOfService)) return;
    }
    // The run gives the row its file and its place among the run's lines (addStaged); the
    // providers are the line's own (a CSV claim names none): its rendering NPI else its billing
    // NPI, and its billing NPI, as ServiceGrouper.addTo takes them in the whole file.
    this.kept.add(line, state, this.base, line.providerId ?? this.providerOf(state), line.billingProviderId ?? '');
  }

  needsProvider(state: number): boolean {
    return this.providerAt.get(state) === 0;
  }

  nameProvider(state: number, provider: string): void {
    this.providerAt.set(state, this.providers.numberOf(provider) + 1);
  }

  /** The provider a row of the claim names first, or '' while none has. */
  private providerOf(state: number): string {
    const at = this.providerAt.get(state);
    return at === 0 ? '' : this.providers.values[at - 1]!;
  }

  finish(): void {
    // A row kept before any row of its claim named a provider takes the one named later.
    this.kept.fillProviders((claim) => this.providerOf(claim));
    // The kept lines are grouped by their claims in staged(), and a CSV claim has no total of its
    // own to check. A claim made for another frequency whose rows name no kind has its first
    // claim's, as parseCsv gives it (claims.ts).
    for (const [claim, base] of this.splitFrom) this.kinds.kindFrom(claim, base);
  }

  /**
   * The kept lines, for the coding run (CodingRun.addStaged), with their claims' kinds, patients,
   * frequencies and claim ids as parseCsv gives them. With few claims kept (the PTP and MUE tables
   * name a few codes), it holds nothing of this object: the patient keys the run asks for (of the
   * claims with kept lines, and of those that replace or void others) are made here, so that the
   * claims' ids and patients, most of the memory of a big file, can go before the run groups the
   * lines. With many (an add-on code table keeps every dated line) the keys are made as the run
   * asks: a key for every claim at once took more time and memory than the tables it let go.
   */
  staged(): StagedLines {
    const count = this.claimCount;
    const kinds = this.kinds;
    const kept = this.kept;
    // The claims are read: what finds a claim by its key and counts its lines is given back now,
    // before the patient keys are made beside the rest (a full collection frees it only later).
    this.keys.releaseIndex();
    this.lineCounts.release();
    this.providerAt.release();
    const claimIds = this.layout.claimId >= 0 ? this.idNumbers(count) : null;
    // Not a closure over this object made here: the functions made in one call share what they hold.
    let patientKey: (claim: number) => string;
    if (keysMadeUpFront(kept.size, count)) {
      patientKey = keyIn(this.keysOfKeptClaims());
      // Nothing asks for a claim's id or patient again.
      this.keys.release();
      this.patients.release();
      this.patientAt.release();
    } else {
      patientKey = this.keysAsAsked();
    }
    const staged: StagedLines = {
      lines: kept,
      claimCount: count,
      kind: (claim) => kinds.kind(claim),
      facilityType: (claim) => kinds.facilityType(claim),
      patientKey,
    };
    if (kinds.anyFrequency) staged.frequency = (claim) => kinds.frequency(claim);
    if (claimIds !== null) staged.claimIds = claimIds;
    return staged;
  }

  /**
   * Each claim's id number, by claim number: each row the run keeps names its claim's
   * (KeptLines.addFrom), and a later file's claim may supersede one of these. A claim made for
   * another frequency takes its first claim's, which is made before it and is no such claim itself.
   */
  private idNumbers(count: number): Uint32Array {
    const ids = mappedArray(Uint32Array, count);
    for (let claim = 0; claim < count; claim++) ids[claim] = this.ownIdNumber(claim);
    for (const [claim, base] of this.splitFrom) ids[claim] = ids[base]!;
    return ids;
  }

  /** The id number of one claim's own id cell (a claim made for another frequency: see idNumbers). */
  private ownIdNumber(claim: number): number {
    const keys = this.keys;
    return this.idNumbersApart.get(claim) ?? (keys.lengthOf(claim) === 0 ? NO_CLAIM_ID : claimIdNumberOfHash(keys.hashOf(claim)));
  }

  /**
   * The patient keys of the claims with kept lines and of those that replace or void others (what
   * CodingRun.addStaged asks for), and of the claims that share a claim id with one of those (what
   * a hover asks of a file checked from disk: whether a claim is superseded, outOfForceOf).
   */
  private keysOfKeptClaims(): Map<number, string> {
    const keys = new Map<number, string>();
    const kept = this.kept;
    for (let row = 0; row < kept.size; row++) {
      const claim = kept.claimIndex(row);
      if (!keys.has(claim)) keys.set(claim, this.patientKey(claim));
    }
    if (this.kinds.anyFrequency) {
      const ids = new Set<number>();
      for (let claim = 0; claim < this.claimCount; claim++) {
        if (!supersedesOthers(this.kinds.frequency(claim))) continue;
        ids.add(this.ownIdNumber(this.baseClaim(claim)));
        if (!keys.has(claim)) keys.set(claim, this.patientKey(claim));
      }
      ids.delete(NO_CLAIM_ID);
      if (ids.size > 0 && this.layout.claimId >= 0) {
        for (let claim = 0; claim < this.claimCount; claim++) {
          if (ids.has(this.ownIdNumber(this.baseClaim(claim))) && !keys.has(claim)) keys.set(claim, this.patientKey(claim));
        }
      }
    }
    return keys;
  }

  private keysAsAsked(): (claim: number) => string {
    return (claim) => this.patientKey(claim);
  }

  /** Claim.patientKey of a claim, as parseCsv gives it: a claim made for another frequency is its first claim's patient (claims.ts). */
  private patientKey(claim: number): string {
    const byClaimId = this.layout.claimId >= 0;
    const base = this.baseClaim(claim);
    return patientKeyOf(this.patientOf(claim), byClaimId, byClaimId ? this.keys.get(base) : '', base);
  }

  protected numberOf(state: number): number {
    return state;
  }

  protected claimAt(claim: number): number {
    return claim;
  }

  protected frequencyOf(state: number): string | null {
    return this.kinds.frequency(state);
  }

  protected setFrequency(state: number, frequency: string): void {
    this.kinds.setFrequency(state, frequency);
  }

  /** Not kept: a claim's id names it only in the whole model's outline and fixes. */
  protected idOf(): string {
    return '';
  }

  protected patientOf(state: number): string | null {
    const at = this.patientAt.get(state);
    return at === 0 ? null : this.patients.get(at - 1);
  }

  protected newClaim(_id: string, _idSpan: Span | null, patientId: string | null, _r: CsvReader, idCell: string): number {
    const index = this.keys.size;
    // The columns grow together: room in one is room in all.
    if (index >= this.lineCounts.capacity) for (const column of [this.lineCounts, this.patientAt, this.providerAt]) column.ensure(index);
    this.kinds.ensure(index);
    this.idCellMade = idCell;
    if (patientId !== null) this.setPatient(index, patientId);
    return index;
  }

  protected claimOf(key: string): number | undefined {
    const n = this.keys.find(key);
    return n < 0 ? undefined : n;
  }

  /** Called for each claim newClaim made, right after it (ClaimChooser), with the key it is found by. */
  protected remember(key: string, state: number): void {
    // A claim is made for each new key, and numbered in the same order.
    if (this.keys.add(key) !== state) throw new Error('claim numbers out of step');
    if (key !== this.idCellMade && this.layout.claimId >= 0) this.idNumbersApart.set(state, claimIdNumber(this.idCellMade));
  }

  protected hasPatient(state: number): boolean {
    return this.patientAt.get(state) !== 0;
  }

  protected isPatient(state: number, patientId: string): boolean {
    const at = this.patientAt.get(state);
    return at !== 0 && this.patients.equals(at - 1, patientId);
  }

  /** Set once a claim (ClaimChooser sets a patient only on a claim that has none). */
  protected setPatient(state: number, patientId: string): void {
    this.patientAt.set(state, this.patients.add(patientId) + 1);
  }
}

/** The patient key of a claim among `keys` (keysOfKeptClaims), which the run asks for alone. */
function keyIn(keys: Map<number, string>): (claim: number) => string {
  return (claim) => {
    const key = keys.get(claim);
    if (key === undefined) throw new Error('the patient of a claim without kept lines');
    return key;
  };
}
