// What a check reports: findings, their related locations and the data a fix reads of them.
// Plain data, as the rest of the model (model.ts, which re-exports these).
import type { PtpTableKind, Span } from './model';

export type Severity = 'error' | 'warning' | 'information';

export interface RelatedLocation {
  span: Span;
  message: string;
  /**
   * The location is in another file of a run of several (rules/codingRun.ts: the CLI's files
   * checked together, a folder check): its index there. Absent: the finding's own file.
   */
  file?: number;
}

/** A problem found in a document. `rule` is a stable identifier (e.g. "x12.se01-count", "ptp.conflict"). */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  /** Procedure codes the finding is about, e.g. ["43214", "43200"] (column 1 first). */
  codes?: string[];
  related?: RelatedLocation[];
  /** Extra machine-readable detail that fixes need (e.g. the PTP edit that fired). */
  data?: FindingData;
  /** An implementation-guide finding's place in the guide: the loop its segment is in, and the element's reference ('CLM05-02'). */
  guide?: GuidePlace;
}

/** Where in the implementation guide a guide.* finding is (each part when known). */
export interface GuidePlace {
  loop?: string;
  element?: string;
}

export type FindingData = PtpFindingData | MueFindingData | AocFindingData;

/** A service line of a document: its claim's index in ParsedDocument.claims and its index in claim.lines. */
export interface LineRef {
  claimIndex: number;
  lineIndex: number;
}

/** A medically unlikely edit that a line, or the lines summed for one day, exceed. */
export interface MueFindingData {
  kind: 'mue';
  code: string;
  /** The MUE value (most units a day); 0 = not payable. */
  value: number;
  /** MUE adjudication indicator: 1 per line, 2 per day (policy), 3 per day (clinical). */
  mai: 1 | 2 | 3;
  /** Units counted (a day's units, per line for MAI 1). */
  units: number;
  /** The lines counted, in order (MAI 1: the one line); the last ones are reduced first by a fix. */
  lines: LineRef[];
}

/** An add-on code billed without a primary procedure by the same provider on the same date. */
export interface AocFindingData {
  kind: 'aoc';
  addOn: string;
  /** CMS AOC edit type: 1 listed primaries only, 2 no list, 3 listed primaries and others the payer accepts. */
  type: 1 | 2 | 3;
  line: LineRef;
  /** A listed primary is billed by the same provider on another date (a date written wrong?): fix-all leaves the line to a person. */
  primaryOnAnotherDate?: true;
  /** A listed primary is billed the same day by another provider of the patient (a rendering provider written wrong?): fix-all leaves the line to a person. */
  primaryByAnotherProvider?: true;
}

export interface PtpFindingData {
  kind: 'ptp';
  columnOne: string;
  columnTwo: string;
  modifierIndicator: '0' | '1';
  /** Which table the edit came from. */
  table: PtpTableKind;
  /** The column-2 line (the one the finding is on): its claim's index in ParsedDocument.claims, and its index in claim.lines. */
  claimIndex: number;
  columnTwoLine: number;
  /** The column-1 line: its claim (the same claim, or another of the same patient) and line. */
  columnOneClaim: number;
  columnOneLine: number;
  /** Set when the edit is the built-in set's, not a loaded table's. */
  builtin?: true;
  /** Set when the column-1 line is in another file of the same CLI run (its index in the run). */
  columnOneFile?: number;
  /**
   * Set on a 'ptp.other-rendering-provider' finding: the column-1 line is another rendering
   * provider's of the same billing provider, so no fix removes a line; with indicator 1 the quick
   * fix is XP (a payer that applies the edit to the whole billing group expects it).
   */
  otherProvider?: true;
  /**
   * Set when a line of the pair has no date of its own over its claim's period of several days
   * (KeptLines.dateUncertain): the two may be of different days, so no fix removes a line.
   */
  dayUncertain?: true;
}
