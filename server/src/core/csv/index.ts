// Claim CSV parsing: text -> claims, service lines and findings, plus a CsvIndex for hovers.
//
// Design (the modules: header.ts finds the header, columnLayout.ts maps its columns (columns.ts names them),
// reader.ts splits records, rows.ts reads a row into a service line with values.ts (its dates
// with rowDates.ts and cellDates.ts, decimal-comma amounts with amounts.ts, Excel text formulas with
// excelText.ts; the claim type cell with claimTypes.ts, the claim frequency with
// claimFrequency.ts), claimChooser.ts groups lines into claims (claims.ts for the whole model),
// csvIndex.ts locates cells for hovers;
// stream.ts reads a file in pieces for the CLI):
// - One pass over the text after the header. Each record is tokenized into reused typed arrays;
//   strings are built only for the cells a claim needs. Memory beyond the claim model is one
//   Uint32Array of record start offsets (for CsvIndex.locate, which re-reads a single record).
// - The header is the first non-blank line (or a later one after a short title preamble). Its
//   delimiter is the candidate (comma, tab, semicolon, pipe) occurring outside quotes that yields
//   a procedure-code column and the most recognized columns. A file whose header has no
//   procedure-code column, or a code column beside only unrecognized ones (a code table such as a
//   descriptor file), is not a claim CSV: parseCsv returns format 'csv' with no claims, no findings
//   and no index, and looksLikeClaimCsv is false.
// - Blank records (only spaces and delimiters) are skipped, and so is a repeat of the header row.
// - The CLI checks a big claim CSV read in pieces instead (stream.ts): the same reader, header,
//   rows and grouping (ClaimChooser), with claims as numbers and only the lines the coding checks
//   can use (codedClaims.ts); property tests hold it to what parseCsv and analyze give.
//
// Model choices for CSV:
// - ServiceLine.lineNumber is the 1-based physical line number where the row starts (what the
//   editor shows), as a string.
// - ServiceLine.span is the row plus its line break, so removing it removes the row. The last row
//   of a file without a final line break takes the line break BEFORE it instead, so removing it
//   leaves no empty last line. That line break also ends the previous row's span: a fix removing
//   both of the last two rows must merge their spans rather than send overlapping edits.
// - ServiceLine.recordSpan is the row without its line break.
// - codeSpan, dateSpan, chargeSpan and modifier spans are the spans of the trimmed values, inside
//   the quotes when quoted. Escaped quotes ("") inside a value make the span longer than the value.
//   A code, date, units or charge cell written as an Excel text formula (="43214", or quoted
//   "=""43214""") is read inside the formula, its span on the text inside; a modifier is added
//   inside the formula too (its cellSpan is that text, not quoted).
// - A procedure-code column of one code set beside one of the other ("CPT Code" and "HCPCS Code",
//   columns.ts CODE_SET_COLUMN_NAMES): the better-ranked is read, the other where its cell is empty.
// - Providers: ServiceLine.providerId is the provider column's cell. A billing provider column
//   beside a rendering one (columns.ts BILLING_PROVIDER_NAMES) is read too, as the line's
//   billingProviderId (csvLine.ts), and a row without a rendering NPI takes its billing NPI as its
//   provider, as an 837P line takes 2010AA; a file with one provider column reads only that one.
// - Amounts: as values.ts parseAmount reads them; in a file not delimited by commas, also with a
//   decimal comma ("600,00", "1.250,00") where that finds none (amounts.ts), and so are unit
//   counts ("2,5"). A units fix writes the new charge in the marks of the old one.
// - Claim kind: from the first row of the claim whose Claim Type / Bill Type cell names one
//   (claimTypes.ts, by its words). Beside a Claim Type column a Type of Bill column is read too
//   (columns.ts TYPE_OF_BILL_NAMES): the claim type names the kind (a type of bill says
//   institutional when it names none), the type of bill the facility type. A claim no row of
//   which names its kind (nor its first claim's, for a claim made for another frequency) is judged
//   as professional, and the file's first such claim is reported, on its first cell that names
//   none, once every row is read (RowParser.finish).
// - Claim frequency (Claim.frequency: 7 replacement, 8 void; rules/supersession.ts): from the
//   first row of the claim that names one, in a frequency column ("Claim Frequency", "Freq"),
//   else as the last digit of a type of bill (0137), the type-of-bill column's, else the
//   claim-type column's; the file's first frequency cell that names no code is reported. Rows of
//   one claim (id and patient, or patient and date) that name another frequency are another
//   claim, id "<id> (replacement)" (claimChooser.ts), with the first claim's patient key and claim id
//   cell (CsvClaim.idCell, what it supersedes by).
// - Patient key (Claim.patientKey): the patient column's (with the patient's name and date of
//   birth when the file has those columns: patientCells.ts; a row leaving them empty is its
//   claim's patient), else the name and date of birth, else the claim's own, marked as naming a
//   patient only within its file (claims.ts patientKeyOf; rules/serviceGroups.ts runPatientKey),
//   else '' (the whole file one patient). A name or date of birth is never shown: a claim label
//   names the patient cell alone, numbered when two claims would be labelled alike.
// - modifierInsert: {kind:'csv-cell'} for one modifiers column, {kind:'csv-columns'} for numbered
//   columns (only the columns the row actually has). cellSpan is everything between the
//   delimiters (quotes and spaces included); `quoted` tells whether the cell is quoted. To add a
//   modifier: with csv-cell insert `separator + modifier` after the last modifier's span, or
//   replace cellSpan with the modifier when the cell holds none; with csv-columns replace the
//   cellSpan of the first cell that holds no modifier. `separator` is the one the cell already
//   uses, else " " when the delimiter is a comma and "," otherwise.
//   When the file has no modifier column but a code cell reads "99213-25" (a code followed by
//   two-character modifiers), the code and modifiers are split and csv-cell points at that cell.
// - Claims: rows are grouped by claim id in order of first appearance (rows of one claim need not
//   be adjacent); a row with an empty claim id continues the claim of the row before it, and a row
//   whose date cell is empty takes the date of the row before when that row is of the same claim
//   (no date at all: csv.date-missing on a row with a code). Without a
//   claim-id column rows are grouped by patient + date of service (an empty patient or date takes
//   the previous row's, and a row without a date has the date it is grouped on as its
//   dateOfService: dateInherited, dateSpan null), id "<patient> <YYYY-MM-DD>"; with neither column the whole file is one
//   claim with id "". Claim.span runs from the start of its first row to the end of its last row
//   (line break excluded). totalCharge is the sum of the line charges in cents (each charge
//   rounded to cents first, as the X12 reader adds them; null when no line has one);
//   totalChargeText/Span, dateOfService/dateSpan and transactionIndex are null.
// - Dates with day and month before the year are read month first, unless some row of the date
//   columns can only be read day first (15/10/2026, or any date written with dots, 03.12.2026)
//   and none only month first: then the whole file is read again day first (CsvIndex: dateOrderOf).
// - Findings name lines and columns, never cell contents (but a claim type cell made only of
//   claim-type words, claimTypes.ts, and a frequency cell of one digit: no patient's data).
// - To keep a 1M-row file within reach, lines without modifiers share one frozen empty array, each
//   single-day DateRange is one shared frozen object, and codes and modifiers are interned. Treat
//   the model as read-only (mutating these throws in strict mode rather than corrupting others).

import { notEditedOf } from '../rules/notEdited';
import type { ParsedDocumentWithIndex, Span } from '../model';
import { ClaimGrouper } from './claims';
import { columnUses } from './columnWords';
import { CsvIndexImpl, RecordStarts } from './csvIndex';
import { mapColumns } from './columnLayout';
import { findHeader } from './header';
import { CsvReader } from './reader';
import { DateOrderChange, noDateColumnFinding, noUnitsColumnFinding, patientColumnNote, RowParser, type DateReading } from './rows';
import { CRITICAL_ACCESS_HOSPITAL } from '../data/billTypes';
import { CsvServiceLine } from './csvLine';

export { COLUMN_NAMES, EXTRA_COLUMN_NAMES, normalizeHeader } from './columns';
export { dateOrderNote, dateOrderOf } from './csvIndex';
export { CSV_RULES } from './rows';
export { TWO_DIGIT_YEAR_PIVOT } from './cellDates';

/** True when the text is a CSV/TSV whose header names a procedure-code column. Reads only the first lines. */
export function looksLikeClaimCsv(text: string): boolean {
  return findHeader(text) !== null;
}

function emptyDocument(): ParsedDocumentWithIndex {
  return { format: 'csv', claims: [], findings: [], interchanges: [], groups: [], transactions: [] };
}

export function parseCsv(text: string): ParsedDocumentWithIndex {
  // Month first unless a date column can only be read day first (see RowParser.checkDateOrder):
  // rows already read are then read again in the other order.
  let dates: DateReading = { order: 'month-first', settled: false };
  for (;;) {
    try {
      return parseCsvWith(text, dates);
    } catch (error) {
      if (!(error instanceof DateOrderChange)) throw error;
      dates = error.next;
    }
  }
}

function parseCsvWith(text: string, dates: DateReading): ParsedDocumentWithIndex {
  const header = findHeader(text);
  const doc = emptyDocument();
  if (header === null) return doc;
  const literalQuotes = new Set<number>();
  const reader = new CsvReader(text, header.separator, header.start, header.line, literalQuotes);
  reader.next();
  const headerSpan: Span = { start: reader.recordStart, end: reader.recordEnd };
  const headers: string[] = [];
  for (let k = 0; k < reader.cellCount; k++) headers.push(reader.value(k));
  const layout = mapColumns(headers);
  if (layout.procedureCode < 0) return doc;
  const parser = new RowParser(text, header.separator, layout, doc.findings, dates, new ClaimGrouper(text, layout, doc.claims));
  parser.quoteCheck(reader);
  const starts = new RecordStarts();
  starts.push(reader.recordStart);
  while (reader.next()) {
    if (reader.isBlank()) continue;
    if (parser.isRepeatedHeader(reader) || parser.isTotalsRow(reader)) continue;
    starts.push(reader.recordStart);
    parser.row(reader);
  }
  parser.finish();
  // A critical access hospital's bill (85x, known now that every row is in): its rows of a
  // professional-fee revenue code are practitioners' lines, judged by the practitioner table.
  for (const claim of doc.claims) {
    if (claim.facilityType !== CRITICAL_ACCESS_HOSPITAL) continue;
    for (const line of claim.lines) if (line instanceof CsvServiceLine && line.professionalRevenue) line.professional = true;
  }
  if (parser.totalsCells.length > 0) doc.totalsRows = parser.totalsCells;
  // Claims apart (not another frequency's rows of one claim: its void, its replacement).
  const patientNote = patientColumnNote(layout, new Set(doc.claims.map((claim) => claim.patientKey)).size, headerSpan);
  if (patientNote !== null) doc.findings.push(patientNote);
  // Said when it matters: two lines that an edit could pair.
  const lineCount = doc.claims.reduce((n, claim) => n + claim.lines.length, 0);
  if (layout.dateOfService < 0 && lineCount > 1) doc.findings.push(noDateColumnFinding(headerSpan));
  // Said only where units are counted (analyze, when MUE tables are loaded).
  if (layout.units < 0 && lineCount > 0) doc.noUnitsNote = noUnitsColumnFinding(headerSpan);
  doc.headerSpan = headerSpan;
  const notEdited = notEditedOf(doc.claims, false).finding(headerSpan);
  if (notEdited !== null) doc.findings.push(notEdited);
  doc.csv = new CsvIndexImpl(text, header.separator, headers, layout.roles, columnUses(layout), starts.done(), literalQuotes, dates.order);
  return doc;
}
