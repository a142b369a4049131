// The claim model every check, hover and fix stands on. Plain data, no editor types:
// the language server, the CLI and the tests all consume these shapes.
//
// Offsets are UTF-16 code-unit offsets into the document text (JavaScript string indices),
// end exclusive. Lines and characters are computed on demand by LineIndex (text.ts).

import type { GuideCheckpoint } from './guides/pass';

export interface Span {
  start: number;
  end: number;
}

/** A date as an integer CCYYMMDD (20240315), so comparisons are integer comparisons. */
export type DateNumber = number;

/** A date of service: a single day has from === to (D8); RD8 gives a range. */
export interface DateRange {
  from: DateNumber;
  to: DateNumber;
}

export type ClaimFormat = 'x12' | 'csv';

// Findings and what fixes read of them: findingModel.ts.
import type { Finding } from './findingModel';
export type { AocFindingData, Finding, FindingData, LineRef, MueFindingData, PtpFindingData, RelatedLocation, Severity } from './findingModel';

/** NCCI PTP tables: practitioner (837P, CSV) or outpatient hospital (837I). */
export type PtpTableKind = 'practitioner' | 'hospital';

export interface Modifier {
  value: string;
  span: Span;
}

export interface ServiceLine {
  /** Position of the line in its claim (0-based). */
  index: number;
  /** LX01 for X12 (as written), the 1-based row number for CSV. */
  lineNumber: string;
  /** Span of LX01 in X12 (for renumbering); null for CSV. */
  lineNumberSpan: Span | null;
  /** Product/service id qualifier (HC, AD, ...) in X12; null for CSV. */
  qualifier: string | null;
  /** The procedure code as written (trimmed); empty when absent (e.g. an 837I revenue-code-only line). */
  code: string;
  codeSpan: Span;
  modifiers: Modifier[];
  /**
   * Where a new modifier goes. X12: the offset at the end of the procedure composite
   * (insert component separators as needed to reach the next free position); CSV: the cell
   * that receives it. See fixes.
   */
  modifierInsert: ModifierInsertPoint | null;
  /**
   * CSV: the row's modifier cells are all filled (numbered modifier columns, fewer than four of
   * them), so no modifier can be added to it; absent elsewhere (four modifiers fill a line).
   */
  modifierCellsFull?: boolean;
  charge: number | null;
  /** The charge text exactly as written, and its span. */
  chargeText: string | null;
  chargeSpan: Span | null;
  units: number | null;
  /** Where the units are written (SV1-04, SV2-05, SV3-06, the CSV units cell), null when they are not. */
  unitsSpan: Span | null;
  /** Effective date of service (own date, else the claim's). */
  dateOfService: DateRange | null;
  /** Span of the date as written on the line, or on the claim when inherited; null if none. */
  dateSpan: Span | null;
  dateInherited: boolean;
  /** Whole service line: X12 = the 2400 loop from LX through the terminator (and line break) of
   * its last segment; CSV = the row including its line break. Removing exactly this span removes the line. */
  span: Span;
  /**
   * Who performed the service when the line says so: X12 the line's rendering provider (2420A
   * NM1*82 NM109); CSV the rendering/provider NPI cell, else the row's billing NPI cell. Null
   * when the line names none.
   */
  providerId: string | null;
  /**
   * The billing provider a line names itself: a CSV row with a billing NPI column beside its
   * rendering one (csv/csvLine.ts). Absent on 837 lines (their claim's 2010AA is theirs).
   */
  readonly billingProviderId?: string | null;
  /**
   * A practitioner's professional service on a critical access hospital's Method II bill (837I,
   * 85x, revenue code 096x-098x): judged by the practitioner table, not its claim's hospital one.
   * Absent: false.
   */
  readonly professional?: boolean;
  /** A CSV row's revenue code is a professional-fee one (096x-098x), which makes it `professional` on a CAH's bill. Absent: false. */
  readonly professionalRevenue?: boolean;
  /** A CSV row whose cells may be shifted from their headers (too few or too many: csv/csvLine.ts): no fix writes into it. Absent on 837 lines. */
  readonly cellsShifted?: boolean;
  /** Number of X12 segments in the loop (for SE01), 0 for CSV. */
  segmentCount: number;
  /** Source row or segment where the procedure code is (SV1/SV2/SV3 segment span, or CSV row span). */
  recordSpan: Span;
}

/** X12: where the composite ends and how many components it has, so a modifier can be appended. */
export type ModifierInsertPoint =
  | { kind: 'x12-composite'; compositeSpan: Span; componentCount: number; componentSeparator: string }
  | { kind: 'csv-cell'; column: number; cellSpan: Span; quoted: boolean; separator: string }
  | { kind: 'csv-columns'; cells: { column: number; cellSpan: Span; quoted: boolean }[] };

export interface Claim {
  /** Index in ParsedDocument.claims. */
  index: number;
  id: string;
  idSpan: Span | null;
  patientId: string | null;
  /**
   * Who the claim is for, as the NCCI checks match patients (never shown): X12 payer id,
   * subscriber id and the 2010CA patient (id, else name); CSV the patient column, else the claim
   * id; '' when the file names no patient at all (every line is taken as one patient's).
   */
  patientKey: string;
  /** X12: the billing provider (2010AA NM109); CSV: null. */
  billingProviderId: string | null;
  /**
   * X12: the billing provider is a person (2010AA NM102 1): with no rendering provider named, the
   * guides take it as the one who performed the services. Absent (CSV): not known.
   */
  billingProviderPerson?: boolean;
  /** X12: the claim's rendering provider (2310B NM109); CSV: null. */
  renderingProviderId: string | null;
  /** The kind of claim: the transaction's (837P/I/D), or a CSV claim-type / bill-type cell; null when unknown. */
  kind: ClaimKind | null;
  /**
   * 837I: the facility type code (CLM05-1, the first two digits of the type of bill), null when
   * missing or unreadable (rules/claimTables.ts facilityTypeOf); null for other X12 claims (on an
   * 837P CLM05-1 is the place of service). Absent: the format has none.
   */
  facilityType?: string | null;
  /** The claim frequency code (X12 CLM05-3; CSV a frequency column or a type of bill's last digit: 1 original, 7 replacement, 8 void...), null when absent. */
  frequency?: string | null;
  /** CLM02 for X12; for CSV the sum of line charges (no total column) */
  totalCharge: number | null;
  totalChargeText: string | null;
  totalChargeSpan: Span | null;
  /** Claim-level date of service (X12 DTP*472 or DTP*434 on the claim); null if none. */
  dateOfService: DateRange | null;
  dateSpan: Span | null;
  lines: ServiceLine[];
  /** Whole claim: X12 = CLM through its last segment; CSV = from its first row to its last. */
  span: Span;
  /** X12 only: which transaction set holds it (index in X12Document.transactions). */
  transactionIndex: number | null;
}

export type ClaimKind = 'professional' | 'institutional' | 'dental';

/** X12 transaction set ST..SE, with what fixes need to keep SE01 right. */
export interface TransactionSet {
  index: number;
  controlNumber: string;
  /** ST03 or GS08, e.g. 005010X222A1 */
  implementation: string | null;
  kind: ClaimKind | null;
  span: Span;
  /** SE01 as written, its span, and the segments actually counted. */
  se01Text: string | null;
  se01Span: Span | null;
  segmentCount: number;
  groupIndex: number;
  /** ST01 of a set that is not an 837 (an 835, a 999 in the same interchange): its segments are no claims. Absent for an 837. */
  otherTransaction?: string;
}

export interface FunctionalGroup {
  index: number;
  controlNumber: string;
  span: Span;
  interchangeIndex: number;
}

export interface Interchange {
  index: number;
  controlNumber: string;
  span: Span;
  delimiters: Delimiters;
}

export interface Delimiters {
  element: string;
  component: string;
  /** null for 4010 (ISA11 is the letter U) */
  repetition: string | null;
  segment: string;
}

export interface ParsedDocument {
  format: ClaimFormat | null;
  claims: Claim[];
  findings: Finding[];
  /** X12 envelope (empty for CSV). */
  interchanges: Interchange[];
  groups: FunctionalGroup[];
  transactions: TransactionSet[];
}

/** What is under the cursor in an X12 document (for hover). */
export interface X12Position {
  segmentIndex: number;
  segmentId: string;
  segmentSpan: Span;
  /** 0 = the segment id, 1.. = elements (SV1-01 is 1). */
  elementIndex: number;
  /** 1-based component within a composite element; 0 when the element has no components. */
  componentIndex: number;
  /** Span of the element or component (or of the delimiter when `delimiter` is set). */
  span: Span;
  /** Set when the cursor is on a delimiter character rather than in a value. */
  delimiter?: 'element' | 'component' | 'repetition' | 'segment';
  /** The interchange's delimiters. */
  delimiters: Delimiters;
}

/** Segment-level access to an X12 document, backed by typed arrays of offsets. */
export interface X12Index {
  readonly segmentCount: number;
  segmentId(i: number): string;
  /** From the first character of the id to the segment terminator (exclusive). */
  segmentSpan(i: number): Span;
  /** Characters from the id to the terminator: 0 for an empty segment (a terminator right after another). */
  segmentLength(i: number): number;
  /** From the id through the terminator and any CR/LF that follow it. */
  segmentFullSpan(i: number): Span;
  /** Spans of elements 0..n (0 is the id). */
  elementSpans(i: number): Span[];
  /** Delimiters in force for segment i. */
  delimitersOf(i: number): Delimiters;
  /** Index of the segment containing offset (or whose terminator is at offset), or -1. */
  segmentAt(offset: number): number;
  locate(offset: number): X12Position | null;
}

export type CsvColumnRole =
  | 'claimId'
  | 'patientId'
  | 'dateOfService'
  | 'procedureCode'
  | 'modifiers'
  | 'modifier1'
  | 'modifier2'
  | 'modifier3'
  | 'modifier4'
  | 'units'
  | 'charge'
  | 'lineNumber'
  | 'providerId'
  | 'claimType';

export interface CsvPosition {
  /** 0-based record number (0 = header). */
  record: number;
  column: number;
  header: string;
  role: CsvColumnRole | null;
  /** The cell's span, quotes included. */
  span: Span;
  value: string;
}

export interface CsvIndex {
  readonly separator: string;
  readonly headers: string[];
  readonly roles: (CsvColumnRole | null)[];
  /** What each column is read as, in words (null: not read): csv/columnWords.ts. */
  readonly uses: readonly (string | null)[];
  locate(offset: number): CsvPosition | null;
}

/** ParsedDocument plus the format-specific index used by hover, symbols and formatting. */
/** A cell of a CSV totals row: its value's span (inside any quotes) and text. */
export interface TotalsCell {
  span: Span;
  text: string;
}

/** A CSV totals row's charge and units cells (csv/totalsRows.ts), which a fix that removes rows or lowers units keeps right. */
export interface TotalsRowCells {
  /** Where the row starts. */
  rowStart: number;
  /** Its charge cell, its units cell; null when empty or absent. */
  charge: TotalsCell | null;
  units: TotalsCell | null;
}

export interface ParsedDocumentWithIndex extends ParsedDocument {
  x12?: X12Index;
  csv?: CsvIndex;
  /** A CSV's totals rows that have a charge or units, in file order (read whole only). */
  totalsRows?: TotalsRowCells[];
  /** A CSV's header row: where the notes on the whole file go. */
  headerSpan?: Span;
  /** A CSV without a units column: the note that each line is one unit, which analyze gives when MUE tables are loaded. */
  noUnitsNote?: Finding;
  /** Implementation-guide findings (guide.*), when the reader ran the guide checks (`full`). */
  guideFindings?: Finding[];
  /** Where that pass can be taken up again after an edit (guides/checkpoints.ts). */
  guideCheckpoints?: GuideCheckpoint[];
}
