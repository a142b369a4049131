// Claims of a claim CSV as the whole model holds them (parseCsv): rows grouped into claims
// (claimChooser.ts), each claim's total in cents, and the patient the NCCI checks match its lines by.

import type { Claim, ClaimKind, ServiceLine, Span } from '../model';
import { toCents } from '../x12/values';
import type { ColumnLayout } from './columnLayout';
import type { CsvReader } from './reader';
import { CsvClaim } from './csvLine';
import { ClaimChooser } from './claimChooser';
import { FILE_LOCAL_PATIENT } from '../rules/serviceGroups';

export interface ClaimState {
  claim: CsvClaim;
  /** Sum of the line charges in whole cents, each line rounded as the X12 reader rounds it. */
  cents: number;
  hasCharge: boolean;
}

/** The whole model: every claim with every line (parseCsv). */
export class ClaimGrouper extends ClaimChooser<ClaimState> {
  private readonly states: ClaimState[] = [];
  private readonly claimsById = new Map<string, ClaimState>();
  /** The rows are read from the whole text. */
  readonly base = 0;

  constructor(
    text: string,
    layout: ColumnLayout,
    /** The document's claims, in order of first appearance. */
    private readonly claims: Claim[],
  ) {
    super(text, layout);
  }

  /** The index the next line of the claim gets. */
  lineCount(state: ClaimState): number {
    return state.claim.lines.length;
  }

  needsKind(state: ClaimState): boolean {
    return state.claim.kind === null;
  }

  setKind(state: ClaimState, kind: ClaimKind, facilityType: string | null): void {
    state.claim.kind = kind;
    state.claim.facilityType = facilityType;
  }

  /** Every line is made. */
  wants(): boolean {
    return true;
  }

  needsProvider(state: ClaimState): boolean {
    return state.claim.renderingProviderId === null;
  }

  /** The claim's provider is the one its lines without their own take (serviceGroups.ts). */
  nameProvider(state: ClaimState, provider: string): void {
    state.claim.renderingProviderId = provider;
  }

  /** Adds the line read from row `r` to the claim claimFor gave for it. */
  addLine(state: ClaimState, line: ServiceLine | null, r: CsvReader): void {
    if (line === null) throw new Error('every line of the whole model is made');
    const claim = state.claim;
    claim.lines.push(line);
    claim.spanEnd = r.recordEnd;
    if (line.charge !== null) {
      state.cents += toCents(line.charge);
      state.hasCharge = true;
    }
  }

  /** Sets each claim's total and patient key once every row is in. */
  finish(): void {
    const byClaimId = this.layout.claimId >= 0;
    for (const s of this.states) {
      if (s.hasCharge) s.claim.totalCharge = s.cents / 100;
      const claim = s.claim;
      // A claim made for another frequency is its first claim's patient (each claim is its own without a patient column).
      const base = this.states[this.baseClaim(claim.index)]!.claim;
      claim.patientKey = patientKeyOf(claim.patientId, byClaimId, base.id, base.index);
      claim.idCell = base.idCell;
      if (claim.kind === null && base.kind !== null) this.setKind(s, base.kind, base.facilityType ?? null);
      // Exact size: an array grown by push() keeps room for 17 lines.
      claim.lines = claim.lines.slice();
    }
  }

  protected claimOf(key: string): ClaimState | undefined {
    return this.claimsById.get(key);
  }

  protected remember(key: string, state: ClaimState): void {
    this.claimsById.set(key, state);
  }

  protected hasPatient(state: ClaimState): boolean {
    return state.claim.patientId !== null;
  }

  protected setPatient(state: ClaimState, patientId: string): void {
    state.claim.patientId = patientId;
  }

  protected isPatient(state: ClaimState, patientId: string): boolean {
    return state.claim.patientId === patientId;
  }

  protected numberOf(state: ClaimState): number {
    return state.claim.index;
  }

  protected claimAt(claim: number): ClaimState {
    return this.states[claim]!;
  }

  protected frequencyOf(state: ClaimState): string | null {
    return state.claim.frequency ?? null;
  }

  protected setFrequency(state: ClaimState, frequency: string): void {
    state.claim.frequency = frequency;
  }

  protected idOf(state: ClaimState): string {
    return state.claim.id;
  }

  protected patientOf(state: ClaimState): string | null {
    return state.claim.patientId;
  }

  protected newClaim(id: string, idSpan: Span | null, patientId: string | null, r: CsvReader, idCell: string): ClaimState {
    const claim = new CsvClaim(this.states.length, id, idSpan, patientId, { start: r.recordStart, end: r.recordEnd });
    claim.idCell = idCell;
    const state: ClaimState = { claim, cents: 0, hasCharge: false };
    this.states.push(state);
    this.claims.push(claim);
    return state;
  }
}

/**
 * The patient as the NCCI checks match a claim's lines: the patient column, else the claim (each
 * claim its own patient), else the whole file (one patient; parseCsv says so on the header).
 * A claim's key is its id and number in its file, which name it only there: marked file-local
 * (FILE_LOCAL_PATIENT), so that a run of several files never takes claim A1 of one file for the
 * patient of claim A1 of another (rules/serviceGroups.ts runPatientKey).
 */
export function patientKeyOf(patientId: string | null, byClaimId: boolean, id: string, index: number): string {
  // Joined, not concatenated: one flat string per claim rather than a tree of joins (a document keeps every claim's).
  // Without a patient or claim id column the file is one patient: its own, not every such file's of a run.
  return patientId !== null ? ['p', patientId].join('\u0000') : byClaimId ? [FILE_LOCAL_PATIENT, id, index].join('\u0000') : FILE_LOCAL_PATIENT;
}
