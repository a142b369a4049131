// One document, start to finish: text -> claims -> findings. The server, the CLI and the
// benchmark all call this. A failure inside a check becomes a finding on the document, so one
// bad document never takes the others (or the server) down with it.
import type { Finding, ParsedDocumentWithIndex } from './model';
import { editedSegments, guideRunAfter } from './guides/checkpoints';
import { guideFindings, withGuideChecks, type GuideChecks } from './guides/checks';
import { internalError } from './internalError';
import { parseDocument } from './parse';
import { CodingRun, deferredCoding } from './rules/codingRun';
import { DocumentCoding } from './rules/documentCoding';
import { notEditedOf } from './rules/notEdited';
import { loadedTablesOf, tablesMissingFindings } from './rules/tablesMissing';
import { hasMueRows } from './rules/checkUnits';
import type { Knowledge } from './rules/knowledge';
import { LineIndex, type Positions } from './text';
import { differenceOf, reread as rereadX12, type RereadClaims, type TextDifference } from './x12/incremental';
import { X12SegmentIndex } from './x12/segment-index';
import { EMPTY_SEGMENT_RULE } from './x12/emptySegments';

export { internalError };

export interface Analysis {
  text: string;
  doc: ParsedDocumentWithIndex;
  /** Structural findings, then coding (PTP) findings. */
  findings: Finding[];
  /** Offset <-> line/character conversion for this text. */
  lines: Positions;
  /** The coding findings per patient group, for reanalyze (absent when checked with others, or when the check failed). */
  coding?: DocumentCoding;
}

/**
 * Where the coding (PTP) check of a document happens when it is one of several checked together
 * (the CLI's files of one run): its lines go into the run's grouper, and the run checks them all
 * at the end, instead of this document being checked on its own.
 */
export interface SharedCoding {
  run: CodingRun;
  file: number;
}

/** How an analysis is made beyond the knowledge. */
export interface AnalyzeOptions {
  /** Implementation-guide checks (guides/checks.ts): off, envelope (the default of this core API) or full (the editor's default). */
  guideChecks?: GuideChecks;
}

export function analyze(text: string, knowledge: Knowledge, positions?: Positions, shared?: SharedCoding, options?: AnalyzeOptions): Analysis {
  const lines = positions ?? new LineIndex(text);
  let doc: ParsedDocumentWithIndex;
  const mode = options?.guideChecks ?? 'envelope';
  try {
    // `full`: the guide checks run in the reader's pass (guides/pass.ts).
    doc = parseDocument(text, { guide: mode === 'full' });
  } catch (error) {
    return { text, lines, doc: emptyDocument(null), findings: [internalError('reading', error)] };
  }
  let ptp: Finding[];
  let coding: DocumentCoding | undefined;
  try {
    if (shared) {
      shared.run.add(doc.claims, { file: shared.file, x12: doc.format !== 'csv' });
      ptp = [];
    } else {
      coding = DocumentCoding.check(doc.claims, knowledge, doc.format !== 'csv');
      ptp = coding.findings();
    }
  } catch (error) {
    coding = undefined;
    ptp = [internalError('checking', error)];
  }
  let findings = [...doc.findings, ...ptp];
  // A CSV without a units column, where units are counted: each line is taken as one unit.
  if (doc.noUnitsNote && hasMueRows(knowledge.mue)) findings.push(doc.noUnitsNote);
  if (mode !== 'envelope') {
    try {
      findings = withGuideChecks(findings, doc, mode);
    } catch (error) {
      findings.push(internalError('checking', error));
    }
  }
  addClaimTableNotes(findings, doc, knowledge);
  return coding ? { text, lines, doc, findings, coding } : { text, lines, doc, findings };
}

/**
 * The analysis of `text`, an edit of the text `previous` was made from (with the same
 * knowledge and guide checks; in `full` the guide checks run again over the re-read document's segments): in an 837 only the claim the edit falls in (else its transaction set) is read
 * again when that gives exactly what analyze() would; otherwise everything is. `previous` must not be used after.
 * `edited`: a region known to hold every difference between previous.text and `text` (the
 * editor's edits), so that the change is found without comparing the texts whole.
 */
export function reanalyze(previous: Analysis, text: string, knowledge: Knowledge, positions?: Positions, options?: AnalyzeOptions, edited?: TextDifference): Analysis {
  const lines = positions ?? new LineIndex(text);
  const change = differenceOf(previous.text, text, edited);
  // The same text (found with the change rather than with ===, which compares two long texts up to their first difference).
  if (change.start === change.oldEnd && change.newEnd === change.oldEnd) return { ...previous, lines };
  const mode = options?.guideChecks ?? 'envelope';
  // Where the edit falls in the old segments, asked before the re-read takes the old index over.
  const guideEdit = mode === 'full' ? guideEditOf(previous, change) : null;
  let reread: RereadClaims | null = null;
  // Empty segments are reported a hundred runs at most, and each set's SE01 is judged with its own:
  // a part read again knows neither the runs before it nor the rest of its set's, so a document
  // that has any, or gets one, is read whole (they are rare, and a mistake to remove).
  const hadEmpty = hasEmptySegments(previous.doc.findings);
  try {
    // The re-read leaves the coding checks to codingAfter (deferred): only the groups of the claims it read again are checked.
    if (!hadEmpty) reread = rereadX12(previous.text, previous.doc, text, deferredCoding(knowledge), change);
  } catch {
    reread = null;
  }
  if (reread !== null && hasEmptySegments(reread.doc.findings)) reread = null;
  if (reread === null) return analyze(text, knowledge, lines, undefined, options);
  let doc: ParsedDocumentWithIndex = reread.doc;
  let coding: DocumentCoding | undefined;
  let findings: Finding[];
  try {
    coding = codingAfter(previous.coding, reread, knowledge);
    findings = doc.findings.concat(coding.findings());
  } catch (error) {
    coding = undefined;
    findings = doc.findings.concat(internalError('checking', error));
  }
  if (mode !== 'envelope') {
    try {
      // The guide checks over the re-read document's segments, kept with it as a read in full mode keeps them.
      if (mode === 'full') doc = withGuideRun(doc, previous.doc, guideEdit);
      findings = withGuideChecks(findings, doc, mode);
    } catch (error) {
      findings.push(internalError('checking', error));
    }
  }
  addClaimTableNotes(findings, doc, knowledge);
  return coding ? { text, lines, doc, findings, coding } : { text, lines, doc, findings };
}

/**
 * An 837's note of the claims no NCCI table judges (rules/notEdited.ts; a claim CSV's is the CSV
 * reader's, on its header row), and the notes on claims judged by a table that is not loaded
 * (rules/tablesMissing.ts), after every other finding.
 */
function addClaimTableNotes(findings: Finding[], doc: ParsedDocumentWithIndex, knowledge: Knowledge): void {
  if (doc.format === null) return;
  const x12 = doc.format === 'x12';
  const tally = notEditedOf(doc.claims, x12);
  const note = x12 ? tally.finding() : null;
  if (note !== null) findings.push(note);
  findings.push(...tablesMissingFindings(tally, loadedTablesOf(knowledge), doc.headerSpan));
}

type GuideEdit = ReturnType<typeof editedSegments>;

/** Where an edit falls in the segments of the previous X12 analysis, when its guide run can be taken up again. */
function guideEditOf(previous: Analysis, change: TextDifference): GuideEdit | null {
  const ix = previous.doc.x12;
  if (!(ix instanceof X12SegmentIndex) || !previous.doc.guideCheckpoints) return null;
  return editedSegments(ix, change);
}

/** The re-read document with its guide findings: the previous run taken up again around the edit when it can be, else a pass over its segments. */
function withGuideRun(doc: ParsedDocumentWithIndex, before: ParsedDocumentWithIndex, edit: GuideEdit | null): ParsedDocumentWithIndex {
  const ix = doc.x12;
  if (ix instanceof X12SegmentIndex && edit && before.guideFindings && before.guideCheckpoints) {
    const run = guideRunAfter({ findings: before.guideFindings, checkpoints: before.guideCheckpoints }, { ...edit, shift: ix.segmentCount - edit.count }, ix);
    if (run) return { ...doc, guideFindings: run.findings, guideCheckpoints: run.checkpoints };
  }
  return { ...doc, guideFindings: guideFindings(doc) };
}

/** The coding of a re-read document: the previous one with the groups of the claims read again checked again, else (nothing to start from, claims added or removed) every claim checked. */
function codingAfter(previous: DocumentCoding | undefined, reread: RereadClaims, knowledge: Knowledge): DocumentCoding {
  if (previous !== undefined && reread.claims !== null) {
    try {
      const next = previous.after(reread.doc.claims, reread.claims);
      if (next !== null) return next;
    } catch {
      // Checked again below, as analyze() checks: a failure there is reported.
    }
  }
  return DocumentCoding.check(reread.doc.claims, knowledge, true);
}

function emptyDocument(format: ParsedDocumentWithIndex['format']): ParsedDocumentWithIndex {
  return { format, claims: [], findings: [], interchanges: [], groups: [], transactions: [] };
}

/** Whether a document's reader findings name an empty segment (x12/emptySegments.ts). */
function hasEmptySegments(findings: readonly Finding[]): boolean {
  for (const finding of findings) if (finding.rule === EMPTY_SEGMENT_RULE) return true;
  return false;
}
