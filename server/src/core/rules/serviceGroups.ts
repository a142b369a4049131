// Service lines grouped the way payers apply NCCI edits: the same patient, under one table
// (practitioner or outpatient hospital: claimTables.ts), across every claim of a document, or of
// all the files of one CLI run (but a patient known only within its file, a CSV claim without a
// patient column: runPatientKey). Each grouped line knows who performed it, so a check can tell the
// same provider from another provider of the same billing group: on an 837P (and a CSV) the
// line's rendering provider, else the claim's, else the billing provider; on an 837I the billing
// provider (the hospital) alone, whichever physicians the claim names. A CSV row names its own
// billing provider (a billing NPI column beside the rendering one: csv/csvLine.ts). The lines of
// a void claim are not grouped, and those of a claim a replacement or void supersedes are left
// out when the groups are read (supersession.ts). The PTP check uses this; so do the MUE and
// add-on code checks.

import type { Claim, ClaimKind, PtpTableKind, ServiceLine } from '../model';
import { tableForClaim } from './claimTables';
import { KeptLines } from './keptLines';
import type { RowSource } from './rowSource';
import { lineCountOf, X12Claim } from '../x12/serviceLine837';
import { ClaimRows } from '../x12/lineRows';
import { claimIdOf, isVoid, supersedesOthers } from './supersession';
import { addStagedTo } from './stagedGroups';

/**
 * What a Claim.patientKey starts with when it names a patient only within its file: a CSV claim
 * without a patient column is its own patient, by its claim id and its number in its file
 * (csv/claims.ts patientKeyOf), and the same id and number in another file is another claim.
 */
export const FILE_LOCAL_PATIENT = '\u0001';

/**
 * The patient key a claim of file `file` is grouped and superseded by in a run: its own, but a
 * file-local one (FILE_LOCAL_PATIENT) with its file's number, so that neither pairing nor a
 * replacement or void reaches across files. The first file's are its own: a document's run
 * (documentCoding.ts DocumentCoding) finds the groups of a patient by Claim.patientKey.
 */
export function runPatientKey(patientKey: string, file: number): string {
  return file === 0 || !patientKey.startsWith(FILE_LOCAL_PATIENT) ? patientKey : [patientKey, '', file].join('\u0000');
}

/** The group a claim's lines go to: its table and patient (claims of the same key are one patient's, judged by one table); `patientKey` as runPatientKey gives it. */
export function groupKey(table: PtpTableKind, claim: Pick<Claim, 'patientKey'>): string {
  return [table, claim.patientKey].join('\u0000');
}

/** Lines of one patient judged by one table, in run order. */
export interface PatientGroup {
  /** groupKey() of its claims. */
  key: string;
  table: PtpTableKind;
  /** Claim.patientKey of its claims, as runPatientKey gives it. */
  patient: string;
  /** The index of the claim of its first line (in force or not): what orders the groups of one document. */
  firstClaim: number;
  /** The table its rows are in. */
  lines: KeptLines;
  /** Its lines: rows of `lines`, in run order. */
  rows: number[];
}

export interface AddOptions {
  file?: number;
  /** X12 or CSV. */
  x12: boolean;
  base?: number;
  /** Keep only the lines a check can use (e.g. a code that is in some edit of the table). */
  keep?: (line: ServiceLine, table: PtpTableKind) => boolean;
  /** `keep` by a line's code alone (what keep reads of a line): an 837 document's rows are kept by it, without a line object (x12/lineRows.ts). */
  keepCode?: (code: string, table: PtpTableKind) => boolean;
}

/** A grouper and the lines it keeps (ServiceGrouper.addTo), by the line and by its code alone (addStaged). */
export interface GroupTarget {
  grouper: ServiceGrouper;
  keep: AddOptions['keep'];
  keepCode?: ((code: string, table: PtpTableKind) => boolean) | undefined;
}

/**
 * Lines kept as rows while a file was read, before its claims were complete (a claim CSV read in
 * pieces: a later row may name a claim's kind or patient): each row's claimIndex is its claim's
 * number; the claims' kinds and patients are known once the file is read.
 */
export interface StagedLines {
  /** Rows in the order read, with spans in file offsets. */
  lines: RowSource;
  /** Claims are numbered 0 to claimCount - 1. */
  claimCount: number;
  kind(claim: number): ClaimKind | null;
  /** Claim.facilityType of the claim (an institutional claim's type of bill), null when none. */
  facilityType(claim: number): string | null;
  /** Claim.patientKey of the claim. */
  patientKey(claim: number): string;
  /** Claim.frequency of the claim (null: none); absent: no claim of the file names one. */
  frequency?(claim: number): string | null;
  /**
   * The claim id number (Supersession.idNumber of its claim id cell) of each claim, by claim
   * number, NO_CLAIM_ID for none; absent: the file has no claim id column (its claims supersede
   * nothing, and nothing supersedes them).
   */
  claimIds?: Uint32Array;
}

/**
 * Collects lines claim by claim (a document, the pieces of one, or several files) into patient
 * groups, as rows of a KeptLines table (which the groupers of one run share).
 */
export class ServiceGrouper {
  private readonly byKey = new Map<string, PatientGroup>();
  /** Lines given so far, in run order (addTo, and addStaged in stagedGroups.ts, move it on). */
  order = 0;

  constructor(readonly lines: KeptLines = new KeptLines()) {}

  add(claims: readonly Claim[], options: AddOptions): void {
    ServiceGrouper.addTo([{ grouper: this, keep: options.keep, keepCode: options.keepCode }], claims, options);
  }

  /**
   * Adds the claims to several groupers at once (the families of a coding run, each keeping its
   * own lines): a line two of them keep is one row of their table in both. The groupers must
   * share one table and have been given the same claims before (their run orders are the same).
   */
  static addTo(targets: readonly GroupTarget[], claims: readonly Claim[], options: Omit<AddOptions, 'keep' | 'keepCode'>): void {
    if (targets.length === 0) return;
    const file = options.file ?? 0;
    const base = options.base ?? 0;
    let order = targets[0]!.grouper.order;
    const lines = targets[0]!.grouper.lines;
    const supersession = lines.supersession;
    // Whether each target that keeps some lines says which by their code alone (keepCode), as a row is read by.
    const byCode = targets.every((target) => target.keep === undefined || target.keepCode !== undefined);
    const claimRows = new ClaimRows();
    /** Each target's group for the claim being read (looked up for its first line kept), and for its practitioner lines on a CAH's Method II bill. */
    const groups: (PatientGroup | undefined)[] = new Array<PatientGroup | undefined>(targets.length);
    const professionalGroups: (PatientGroup | undefined)[] = new Array<PatientGroup | undefined>(targets.length);
    /** Target t's group of the claim's lines judged by `table`, or of its practitioner lines (`professional`). */
    const groupOf = (t: number, professional: boolean, table: PtpTableKind, patientKey: string, claimIndex: number): PatientGroup => {
      const cache = professional ? professionalGroups : groups;
      const lineTable = professional ? 'practitioner' : table;
      return (cache[t] ??= targets[t]!.grouper.groupFor(groupKey(lineTable, { patientKey }), lineTable, patientKey, claimIndex));
    };
    for (const claim of claims) {
      // A claim that replaces or voids others is noted, whatever its table (a CSV claim's frequency: csv/claimFrequency.ts).
      const frequency = claim.frequency;
      const patientKey = runPatientKey(claim.patientKey, file);
      if (supersedesOthers(frequency)) supersession.note(patientKey, supersession.idNumber(claimIdOf(claim)), file, claim.index);
      const table = tableForClaim(claim.kind, claim.facilityType ?? null);
      // A void claim's lines take no part in the checks.
      if (table === null || isVoid(frequency)) {
        order += lineCountOf(claim);
        continue;
      }
      groups.fill(undefined);
      professionalGroups.fill(undefined);
      const billing = claim.billingProviderId ?? '';
      const billingPerson = claim.billingProviderPerson === true;
      // 837I: the provider is the hospital that bills (whichever physicians the claim names), but
      // for a practitioner's line of a CAH's Method II bill, the practitioner (claimTables.ts).
      const byBilling = options.x12 && claim.kind === 'institutional';
      const claimProvider = byBilling ? billing : (claim.renderingProviderId ?? billing);
      const rendering = claim.renderingProviderId ?? billing;
      /** The claim's id by number, for its first row. */
      let claimId = -1;
      // An 837 document's lines are rows of its columns: copied from there, without a line object (x12/lineRows.ts).
      const x12Claim = claim instanceof X12Claim && byCode ? claim : null;
      const columns = x12Claim === null ? null : x12Claim.columns;
      if (x12Claim !== null && columns !== null) {
        const rows = claimRows.of(columns, claim.index, base, claimProvider, billing, byBilling, rendering);
        for (let row = x12Claim.firstRow, end = row + x12Claim.lineCount; row < end; row++) {
          const lineOrder = order++;
          const code = columns.code(row);
          if (code === '' || !columns.hasDate(row)) continue;
          const professional = byBilling && columns.professional(row);
          const lineTable = professional ? 'practitioner' : table;
          let kept = -1;
          for (let t = 0; t < targets.length; t++) {
            const { keepCode } = targets[t]!;
            if (keepCode !== undefined && !keepCode(code, lineTable)) continue;
            const group = groupOf(t, professional, table, patientKey, claim.index);
            if (kept < 0) {
              if (claimId < 0) claimId = supersession.idNumber(claimIdOf(claim));
              kept = lines.addFrom(rows, row, { file, order: lineOrder, claimId, hospital: lineTable === 'hospital', methodII: professional, billingPerson });
            }
            group.rows.push(kept);
          }
        }
        continue;
      }
      for (const line of claim.lines) {
        const lineOrder = order++;
        if (line.code === '' || line.dateOfService === null) continue;
        let row = -1;
        // An 837I's CAH line (its bit), or a CSV row of a CAH's bill (set when the file's claims were read).
        const professional = line.professional === true;
        const lineTable = professional ? 'practitioner' : table;
        for (let t = 0; t < targets.length; t++) {
          const { keep } = targets[t]!;
          if (keep !== undefined && !keep(line, lineTable)) continue;
          const group = groupOf(t, professional, table, patientKey, claim.index);
          if (row < 0) {
            if (claimId < 0) claimId = supersession.idNumber(claimIdOf(claim));
            const provider = professional ? (line.providerId ?? rendering) : byBilling ? billing : (line.providerId ?? claimProvider);
            const lineBilling = line.billingProviderId ?? billing;
            row = lines.add(line, { file, claimIndex: claim.index, order: lineOrder, base, x12: options.x12, provider, billing: lineBilling, claimId, hospital: lineTable === 'hospital', methodII: professional, billingPerson });
          }
          group.rows.push(row);
        }
      }
    }
    for (const { grouper } of targets) grouper.order = order;
  }

  /** addTo for staged lines (a claim CSV read in pieces): stagedGroups.ts. */
  static addStaged(targets: readonly GroupTarget[], staged: StagedLines, options: { file?: number }): void {
    addStagedTo(targets, staged, options);
  }

  /** The group of `key` (a patient's under a table), made (after those of the patients met before) with claim `claim` when it has no line yet. */
  groupFor(key: string, table: PtpTableKind, patient: string, claim: number): PatientGroup {
    let group = this.byKey.get(key);
    if (group === undefined) this.byKey.set(key, (group = { key, table, patient, firstClaim: claim, lines: this.lines, rows: [] }));
    return group;
  }

  /** Forgets the lines of one file (read again another way), and the replacement and void claims noted of it. */
  dropFile(file: number): void {
    const lines = this.lines;
    lines.supersession.dropFile(file);
    for (const group of this.byKey.values()) {
      if (group.rows.some((row) => lines.file(row) === file)) group.rows = group.rows.filter((row) => lines.file(row) !== file);
    }
  }

  /** The document offsets of the codes (and, with `units`, the units) of one file's lines: where a coding finding can be. */
  codeOffsetsOf(file: number, units = false): number[] {
    const out: number[] = [];
    const lines = this.lines;
    for (const group of this.byKey.values()) {
      for (const row of group.rows) {
        if (lines.file(row) !== file) continue;
        const code = lines.codeSpan(row);
        out.push(code.start, code.end);
        const unitsSpan = units ? lines.unitsSpan(row) : null;
        if (unitsSpan !== null) out.push(unitsSpan.start, unitsSpan.end);
      }
    }
    return out;
  }

  /**
   * The groups, in the order their patients first appeared, each with the lines in force: those
   * of a claim a replacement or void claim of the run supersedes are left out (supersession.ts);
   * a group left without a line is left out.
   */
  *groups(): IterableIterator<PatientGroup> {
    const lines = this.lines;
    const supersession = lines.supersession;
    for (const group of this.byKey.values()) {
      if (!supersession.hasAny(group.patient)) {
        yield group;
        continue;
      }
      const rows = group.rows.filter((row) => lines.isInForce(row, group.patient));
      if (rows.length === group.rows.length) yield group;
      else if (rows.length > 0) yield { ...group, rows };
    }
  }
}
