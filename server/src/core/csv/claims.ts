// Claims of a claim CSV: rows grouped into claims, each claim's total in cents, and the patient
// the NCCI checks match its lines by. (Grouping rules: see the model notes in index.ts.)

import type { Claim, DateRange, ServiceLine, Span } from '../model';
import { toCents } from '../x12/values';
import { claimKindOfCell } from './columns';
import type { ColumnLayout } from './header';
import { cellOrNull, type CsvReader } from './reader';

export interface ClaimState {
  claim: Claim;
  /** Sum of the line charges in whole cents, each line rounded as the X12 reader rounds it. */
  cents: number;
  hasCharge: boolean;
}

/** CCYYMMDD as YYYY-MM-DD, the date in a claim id made from patient and date. */
function isoDate(d: number): string {
  const s = String(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

export class ClaimGrouper {
  private readonly claimsById = new Map<string, ClaimState>();
  private readonly states: ClaimState[] = [];
  private current: ClaimState | null = null;
  private lastPatient = '';
  private lastDateKey = '';
  private lastDateLabel = '';
  /** Where the previous row's claim id was written (to skip the map for runs of one claim). */
  private lastIdStart = -1;
  private lastIdLength = -1;

  constructor(
    private readonly text: string,
    private readonly layout: ColumnLayout,
    /** The document's claims, in order of first appearance. */
    private readonly claims: Claim[],
  ) {}

  /**
   * The claim of row `r`: by claim id, else by patient and date of service (an unreadable date
   * by its text). Its next line's index is `claim.lines.length`.
   */
  claimFor(r: CsvReader, date: DateRange | null, dateText: string): ClaimState {
    const state = this.layout.claimId >= 0 ? this.claimById(r) : this.claimByPatientAndDate(r, date, dateText);
    this.current = state;
    return state;
  }

  /** Adds the line read from row `r` to the claim claimFor gave for it. */
  addLine(state: ClaimState, line: ServiceLine, r: CsvReader): void {
    const claim = state.claim;
    if (claim.kind === null && this.layout.claimType >= 0) {
      const type = cellOrNull(r, this.layout.claimType);
      if (type !== null) claim.kind = claimKindOfCell(type);
    }
    claim.lines.push(line);
    claim.span.end = r.recordEnd;
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
      // The patient as the NCCI checks match them: the patient column, else the claim (each claim
      // its own patient), else '' (the whole file is one patient; parseCsv says so on the header).
      const claim = s.claim;
      claim.patientKey = claim.patientId !== null ? `p\u0000${claim.patientId}` : byClaimId ? `c\u0000${claim.id}\u0000${claim.index}` : '';
    }
  }

  /** The claim named by the row's claim id; an empty id continues the claim of the row before. */
  private claimById(r: CsvReader): ClaimState {
    const n = r.cellCount;
    const idCol = this.layout.claimId;
    const patientCol = this.layout.patientId;
    const vs = idCol < n ? r.valStart[idCol]! : 0;
    const length = idCol < n ? r.valEnd[idCol]! - vs : 0;
    let state: ClaimState | undefined;
    if (length === 0) {
      state = this.current ?? undefined;
      this.lastIdLength = -1;
    } else if (this.current !== null && length === this.lastIdLength && this.sameText(vs, this.lastIdStart, length)) {
      state = this.current;
    } else {
      state = this.claimsById.get(r.value(idCol));
      this.lastIdStart = vs;
      this.lastIdLength = length;
    }
    if (state === undefined) {
      const id = length === 0 ? '' : r.value(idCol);
      state = this.newClaim(id, length === 0 ? null : r.valueSpan(idCol), null, r);
      this.claimsById.set(id, state);
    }
    if (state.claim.patientId === null && patientCol >= 0 && patientCol < n && r.valEnd[patientCol]! > r.valStart[patientCol]!) {
      state.claim.patientId = r.value(patientCol);
    }
    return state;
  }

  /** Without a claim-id column: one claim per patient and date of service (empty cells take the previous row's). */
  private claimByPatientAndDate(r: CsvReader, date: DateRange | null, dateText: string): ClaimState {
    const patientCol = this.layout.patientId;
    let p = patientCol >= 0 && patientCol < r.cellCount ? r.value(patientCol) : '';
    if (p === '') p = this.lastPatient;
    // An unreadable date groups the rows that wrote the same text, and names the claim with it
    // (a claim id must not repeat: the outline and fixes tell claims apart by it).
    let dateKey = date !== null ? `${date.from}-${date.to}` : dateText === '' ? '' : `?${dateText}`;
    let dateLabel = date === null ? dateText : date.from === date.to ? isoDate(date.from) : `${isoDate(date.from)} - ${isoDate(date.to)}`;
    if (dateKey === '') {
      dateKey = this.lastDateKey;
      dateLabel = this.lastDateLabel;
    }
    this.lastPatient = p;
    this.lastDateKey = dateKey;
    this.lastDateLabel = dateLabel;
    const key = `${p}\u0000${dateKey}`;
    let state = this.claimsById.get(key);
    if (state === undefined) {
      const id = p !== '' && dateLabel !== '' ? `${p} ${dateLabel}` : p + dateLabel;
      state = this.newClaim(id, null, p === '' ? null : p, r);
      this.claimsById.set(key, state);
    }
    return state;
  }

  private newClaim(id: string, idSpan: Span | null, patientId: string | null, r: CsvReader): ClaimState {
    const claim: Claim = {
      index: this.states.length,
      id,
      idSpan,
      patientId,
      patientKey: '',
      billingProviderId: null,
      renderingProviderId: null,
      kind: null,
      totalCharge: null,
      totalChargeText: null,
      totalChargeSpan: null,
      dateOfService: null,
      dateSpan: null,
      lines: [],
      span: { start: r.recordStart, end: r.recordEnd },
      transactionIndex: null,
    };
    const state: ClaimState = { claim, cents: 0, hasCharge: false };
    this.states.push(state);
    this.claims.push(claim);
    return state;
  }

  private sameText(a: number, b: number, length: number): boolean {
    const text = this.text;
    for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
    return true;
  }
}
