// One document, start to finish: text -> claims -> findings. The server, the CLI and the
// benchmark all call this. A failure inside a check becomes a finding on the document, so one
// bad document never takes the others (or the server) down with it.
import type { Finding, ParsedDocumentWithIndex } from './model';
import { withGuideChecks, type GuideChecks } from './guides/checks';
import { internalError } from './internalError';
import { parseDocument } from './parse';
import { CodingRun } from './rules/codingRun';
import type { Knowledge } from './rules/knowledge';
import { LineIndex, type Positions } from './text';
import { reread as rereadX12, type Reread } from './x12/incremental';

export { internalError };

export interface Analysis {
  text: string;
  doc: ParsedDocumentWithIndex;
  /** Structural findings, then coding (PTP) findings. */
  findings: Finding[];
  /** Offset <-> line/character conversion for this text. */
  lines: Positions;
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
  /** Implementation-guide checks (guides/checks.ts): off, envelope (the default) or full. */
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
  try {
    const run = shared?.run ?? new CodingRun(knowledge);
    run.add(doc.claims, { file: shared?.file ?? 0, x12: doc.format !== 'csv' });
    ptp = shared ? [] : run.findings();
  } catch (error) {
    ptp = [internalError('checking', error)];
  }
  let findings = [...doc.findings, ...ptp];
  if (mode !== 'envelope') {
    try {
      findings = withGuideChecks(findings, doc, text, mode);
    } catch (error) {
      findings.push(internalError('checking', error));
    }
  }
  return { text, lines, doc, findings };
}

/**
 * The analysis of `text`, an edit of the text `previous` was made from (with the same
 * knowledge): in an 837 only the claim the edit falls in (else its transaction set) is read
 * again when that gives exactly what analyze() would; otherwise everything is. `previous` must not be used after.
 */
export function reanalyze(previous: Analysis, text: string, knowledge: Knowledge, positions?: Positions): Analysis {
  const lines = positions ?? new LineIndex(text);
  if (text === previous.text) return { ...previous, lines };
  let reread: Reread | null = null;
  try {
    reread = rereadX12(previous.text, previous.doc, text, knowledge);
  } catch {
    reread = null;
  }
  if (reread === null) return analyze(text, knowledge, lines);
  return { text, lines, doc: reread.doc, findings: reread.findings };
}

function emptyDocument(format: ParsedDocumentWithIndex['format']): ParsedDocumentWithIndex {
  return { format, claims: [], findings: [], interchanges: [], groups: [], transactions: [] };
}
