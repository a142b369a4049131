// Service lines grouped the way payers apply NCCI edits: the same patient, under one table
// (practitioner or outpatient hospital), across every claim of a document, or of all the files
// of one CLI run. Each grouped line knows who performed it, so a check can tell the same
// provider from another provider of the same billing group. The PTP check uses this; so do the
// MUE and add-on code checks.

import type { Claim, ClaimKind, PtpTableKind, ServiceLine } from '../model';

/** The table a claim's lines are judged by: 837P and CSV (and unknown) practitioner, 837I hospital, 837D none. */
export function tableForClaim(kind: ClaimKind | null): PtpTableKind | null {
  if (kind === 'institutional') return 'hospital';
  if (kind === 'dental') return null;
  return 'practitioner';
}

/** The group a claim's lines go to: its table and patient (claims of the same key are one patient's, judged by one table). */
export function groupKey(table: PtpTableKind, claim: Pick<Claim, 'patientKey'>): string {
  return `${table}\u0000${claim.patientKey}`;
}

/** One service line, placed in its run. */
export interface GroupedLine {
  /** Which document of the run it is in (0 when there is one). */
  file: number;
  /** Its claim's index in that document, and the line itself. */
  claimIndex: number;
  line: ServiceLine;
  /** Whether the document is X12 (lines are named "service line N") or CSV ("row N"). */
  x12: boolean;
  /** Added to the line's spans to get document offsets (a document read in pieces). */
  base: number;
  /** Position in the run: lines in document order, documents in the order they were added. */
  order: number;
  /** Who performed it: the line's rendering provider, else the claim's, else the billing provider ('' when none is named). */
  provider: string;
  /** The billing provider ('' when none is named). */
  billing: string;
}

/** Lines of one patient judged by one table, in run order. */
export interface PatientGroup {
  /** groupKey() of its claims. */
  key: string;
  table: PtpTableKind;
  lines: GroupedLine[];
}

export interface AddOptions {
  file?: number;
  /** X12 or CSV. */
  x12: boolean;
  base?: number;
  /** Keep only the lines a check can use (e.g. a code that is in some edit of the table). */
  keep?: (line: ServiceLine, table: PtpTableKind) => boolean;
}

/** A grouper and the lines it keeps (ServiceGrouper.addTo). */
export interface GroupTarget {
  grouper: ServiceGrouper;
  keep: AddOptions['keep'];
}

/** Collects lines claim by claim (a document, the pieces of one, or several files) into patient groups. */
export class ServiceGrouper {
  private readonly byKey = new Map<string, PatientGroup>();
  private order = 0;

  add(claims: readonly Claim[], options: AddOptions): void {
    ServiceGrouper.addTo([{ grouper: this, keep: options.keep }], claims, options);
  }

  /**
   * Adds the claims to several groupers at once (the families of a coding run, each keeping its
   * own lines): a line two of them keep is one GroupedLine in both (a run keeps every line it
   * can pair to the end, so each object per line counts). The groupers must have been given the
   * same claims before (their run orders are the same).
   */
  static addTo(targets: readonly GroupTarget[], claims: readonly Claim[], options: Omit<AddOptions, 'keep'>): void {
    if (targets.length === 0) return;
    const file = options.file ?? 0;
    const base = options.base ?? 0;
    let order = targets[0]!.grouper.order;
    /** Each target's group for the claim being read (looked up for its first line kept). */
    const groups: (PatientGroup | undefined)[] = new Array<PatientGroup | undefined>(targets.length);
    for (const claim of claims) {
      const table = tableForClaim(claim.kind);
      if (table === null) {
        order += claim.lines.length;
        continue;
      }
      groups.fill(undefined);
      const billing = claim.billingProviderId ?? '';
      const claimProvider = claim.renderingProviderId ?? billing;
      for (const line of claim.lines) {
        const lineOrder = order++;
        if (line.code === '' || line.dateOfService === null) continue;
        let grouped: GroupedLine | null = null;
        for (let t = 0; t < targets.length; t++) {
          const { grouper, keep } = targets[t]!;
          if (keep !== undefined && !keep(line, table)) continue;
          let group = groups[t];
          if (group === undefined) {
            const key = groupKey(table, claim);
            group = grouper.byKey.get(key);
            if (group === undefined) grouper.byKey.set(key, (group = { key, table, lines: [] }));
            groups[t] = group;
          }
          grouped ??= { file, claimIndex: claim.index, line, x12: options.x12, base, order: lineOrder, provider: line.providerId ?? claimProvider, billing };
          group.lines.push(grouped);
        }
      }
    }
    for (const { grouper } of targets) grouper.order = order;
  }

  /** Forgets the lines of one file (read again another way). */
  dropFile(file: number): void {
    for (const group of this.byKey.values()) {
      if (group.lines.some((l) => l.file === file)) group.lines = group.lines.filter((l) => l.file !== file);
    }
  }

  /** The document offsets of the codes (and, with `units`, the units) of one file's lines: where a coding finding can be. */
  codeOffsetsOf(file: number, units = false): number[] {
    const out: number[] = [];
    for (const group of this.byKey.values()) {
      for (const grouped of group.lines) {
        if (grouped.file !== file) continue;
        const { line, base } = grouped;
        out.push(line.codeSpan.start + base, line.codeSpan.end + base);
        if (units && line.unitsSpan !== null) out.push(line.unitsSpan.start + base, line.unitsSpan.end + base);
      }
    }
    return out;
  }

  /** The groups, in the order their patients first appeared. */
  groups(): IterableIterator<PatientGroup> {
    return this.byKey.values();
  }
}

/** How a finding names a line that is not the one it sits on: by position, never by contents. */
export function lineLabel(other: GroupedLine, self: GroupedLine, fileNames?: readonly string[]): string {
  const line = other.x12 ? `service line ${other.line.lineNumber || other.line.index + 1}` : `row ${other.line.lineNumber}`;
  const inFile = other.file !== self.file ? `${fileNames?.[other.file] ?? `file ${other.file + 1}`}, ` : '';
  if (!other.x12) return `${inFile}${line}`;
  if (other.file === self.file && other.claimIndex === self.claimIndex) return line;
  return `${inFile}claim ${other.claimIndex + 1}, ${line}`;
}
