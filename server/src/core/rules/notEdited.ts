// The claims of a file that no NCCI table judges (rules/claimTables.ts tableForClaim: dental
// claims, and facility bills CMS does not edit, such as inpatient ones), said once per file as
// information: without it a file of such claims looks checked and clean, in the editor's status
// bar and the CLI's summary alike, when its lines were never paired, counted or looked at for
// add-on codes. Tallied claim by claim: from a document's claims (the editor, a file read whole)
// or by the 837 reader as it closes each claim (a file read in pieces). The same tally counts the
// claims each table judges, for the note on a table that is not loaded (tablesMissing.ts).
import type { Claim, ClaimKind, Finding, PtpTableKind, Span } from '../model';
import { listWithAnd } from '../wordLists';
import { NCCI_EDITED_BILL_TYPES, tableForClaim } from './claimTables';
import { CRITICAL_ACCESS_HOSPITAL } from '../data/billTypes';
import { X12Claim } from '../x12/serviceLine837';

export const NOT_EDITED_RULE = 'ncci.not-applicable';

/**
 * Whether no NCCI table judges a claim of `kind` and `facilityType` (Claim.facilityType;
 * tableForClaim gives null). A professional claim, the most common, costs a comparison: this is
 * asked of every claim read, and after every edit in the editor.
 */
export function judgedByNoTable(kind: ClaimKind | null, facilityType: string | null): boolean {
  return kind !== 'professional' && kind !== null && tableForClaim(kind, facilityType) === null;
}

export class NotEditedClaims {
  /** Facility claims by facility type code ('11' -> 2). */
  readonly facilityTypes = new Map<string, number>();
  dental = 0;
  /** Where the first such claim is (an 837's CLM01); null: none yet, or a format whose note goes at its start (CSV). */
  first: Span | null = null;
  /** The claims each table judges, and where the first of them is (as `first`). */
  readonly judged: Record<PtpTableKind, number> = { practitioner: 0, hospital: 0 };
  readonly firstJudged: Record<PtpTableKind, Span | null> = { practitioner: null, hospital: null };

  /**
   * Tallies a claim of `kind` and `facilityType` at `span`: one no table judges (note), or one its
   * table judges, and the practitioner table too when it is a critical access hospital's bill with
   * practitioners' lines (`professional`: claimTables.ts). The span is kept only where wantsSpan
   * says, so a caller makes it only then.
   */
  add(kind: ClaimKind | null, facilityType: string | null, professional: boolean, span: Span | null): void {
    if (judgedByNoTable(kind, facilityType)) {
      this.note(kind, facilityType, span);
      return;
    }
    this.judgedBy(tableForClaim(kind, facilityType)!, span);
    if (professional && facilityType === CRITICAL_ACCESS_HOSPITAL) this.judgedBy('practitioner', span);
  }

  /** Whether add() of such a claim keeps its span: the first claim no table judges, or the first a table that judges it has. */
  wantsSpan(kind: ClaimKind | null, facilityType: string | null, professional: boolean): boolean {
    if (judgedByNoTable(kind, facilityType)) return this.count === 0;
    return this.judged[tableForClaim(kind, facilityType)!] === 0 || (professional && facilityType === CRITICAL_ACCESS_HOSPITAL && this.judged.practitioner === 0);
  }

  private judgedBy(table: PtpTableKind, span: Span | null): void {
    if (this.judged[table]++ === 0) this.firstJudged[table] = span;
  }

  get count(): number {
    let count = this.dental;
    for (const n of this.facilityTypes.values()) count += n;
    return count;
  }

  /**
   * Notes a claim no NCCI table judges (judgedByNoTable), of `kind` and `facilityType`, at `span`. A
   * claim of no lines is counted too: the file's count of claims (the CLI's summary, the status bar's
   * "all") is of every claim.
   */
  note(kind: ClaimKind | null, facilityType: string | null, span: Span | null): void {
    if (this.count === 0) this.first = span;
    // No table: a dental claim, or a facility bill of a type CMS does not edit (one of no type is the hospital table's).
    if (kind === 'dental' || facilityType === null) this.dental++;
    else this.facilityTypes.set(facilityType, (this.facilityTypes.get(facilityType) ?? 0) + 1);
  }

  /** Moves the spans it holds by `by` (a piece's offsets to the document's). */
  shift(by: number): void {
    const moved = (span: Span | null) => (span === null ? null : { start: span.start + by, end: span.end + by });
    this.first = moved(this.first);
    this.firstJudged.practitioner = moved(this.firstJudged.practitioner);
    this.firstJudged.hospital = moved(this.firstJudged.hospital);
  }

  /** Adds another tally of the same file, read after this one (its spans already in document offsets). */
  addAll(other: NotEditedClaims): void {
    for (const table of ['practitioner', 'hospital'] as const) {
      if (other.judged[table] === 0) continue;
      if (this.judged[table] === 0) this.firstJudged[table] = other.firstJudged[table];
      this.judged[table] += other.judged[table];
    }
    if (other.count === 0) return;
    if (this.count === 0) this.first = other.first;
    this.dental += other.dental;
    for (const [type, n] of other.facilityTypes) this.facilityTypes.set(type, (this.facilityTypes.get(type) ?? 0) + n);
  }

  /** The file's note, at the first such claim or else `at` (a CSV's header row), or null when every claim with lines is judged by a table. */
  finding(at: Span = { start: 0, end: 0 }): Finding | null {
    const count = this.count;
    if (count === 0) return null;
    const parts: string[] = [];
    const facilityBills = count - this.dental;
    if (facilityBills > 0) {
      const several = this.facilityTypes.size > 1;
      const types = [...this.facilityTypes].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `${type}x${several ? ` (${n})` : ''}`);
      parts.push(`${facilityBills === 1 ? 'a facility bill' : `${facilityBills} facility bills`} of ${several ? 'types' : 'type'} ${listWithAnd(types)}`);
    }
    if (this.dental > 0) parts.push(this.dental === 1 ? 'a dental claim' : `${this.dental} dental claims`);
    const which = count === 1 && this.first !== null ? `this claim, ${parts[0]!}` : `${count === 1 ? 'one claim' : `${count} claims`} of this file (${listWithAnd(parts)})`;
    return {
      rule: NOT_EDITED_RULE,
      severity: 'information',
      message:
        `No NCCI table applies to ${which}: ${count === 1 ? 'its' : 'their'} service lines were not paired with PTP edits, counted against an MUE or checked for add-on codes. ` +
        `CMS applies the NCCI edits to practitioner claims and to the outpatient facility bills ${NCCI_EDITED_BILL_TYPES}, not to inpatient or other facility bills, nor to dental claims` +
        `${count > 1 && this.first !== null ? '. This is the first of them.' : '.'}`,
      span: this.first ?? at,
    };
  }
}

/**
 * How many claims the file's note (a finding of NOT_EDITED_RULE, as NotEditedClaims.finding words
 * it) says no NCCI table judges.
 */
export function notEditedCount(note: Finding): number {
  const match = /^No NCCI table applies to (?:this claim|one claim|(\d+) claims)/.exec(note.message);
  return match === null ? 0 : match[1] === undefined ? 1 : Number(match[1]);
}

/** The tally of a document's claims (X12: each at its CLM01; CSV: none, the notes go on its header row, as when read in pieces). */
export function notEditedOf(claims: readonly Claim[], x12: boolean): NotEditedClaims {
  const tally = new NotEditedClaims();
  // After every edit in the editor, over every claim: a judged claim costs a comparison or two, no span.
  for (let i = 0; i < claims.length; i++) {
    const claim = claims[i]!;
    const facilityType = claim.facilityType ?? null;
    const professional = facilityType === CRITICAL_ACCESS_HOSPITAL && hasProfessionalLine(claim);
    tally.add(claim.kind, facilityType, professional, x12 && tally.wantsSpan(claim.kind, facilityType, professional) ? claimSpan(claim) : null);
  }
  return tally;
}

/** Whether a claim has a practitioner's line of a CAH's Method II bill (with a code), read from its rows when it has them. */
function hasProfessionalLine(claim: Claim): boolean {
  if (claim instanceof X12Claim && claim.columns !== null) {
    const columns = claim.columns;
    for (let row = claim.firstRow, end = row + claim.lineCount; row < end; row++) if (columns.professional(row) && columns.code(row) !== '') return true;
    return false;
  }
  return claim.lines.some((line) => line.professional === true && line.code !== '');
}

/** Where a note on an 837 claim goes: its CLM01, else the CLM id. */
function claimSpan(claim: Claim): Span {
  return claim.idSpan ?? { start: claim.span.start, end: claim.span.start + 3 };
}
