// Runs one document through everything the core offers an editor or the CLI (analysis, hovers at
// many offsets, quick fixes for every finding, fix-all, outline, folding, layout, position
// conversion) and checks what must hold for any input at all: nothing throws, no check fails
// internally, every span and edit lies inside the text, edits never overlap, and a fixed text can
// be analyzed again. Returns the problems found (empty when the document passed).
import { analyze, type Analysis, type AnalyzeOptions } from '../../server/src/core/analyze';
import { applyEdits, type TextEdit } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import type { GuideChecks } from '../../server/src/core/guides/checks';
import { fixAllWithGuides, guideFixesFor } from '../../server/src/core/guides/fixes';
import { hoverAt } from '../../server/src/core/hover/hover';
import { layoutEdits } from '../../server/src/core/layout';
import type { Span } from '../../server/src/core/model';
import { foldingRanges, outline, type OutlineNode } from '../../server/src/core/outline';
import type { Knowledge } from '../../server/src/core/rules/knowledge';

export interface CoreRun {
  problems: string[];
  /** Slowest single operation, in milliseconds, and its name. */
  slowest: { name: string; ms: number };
  totalMs: number;
  findings: number;
}

export interface CoreRunOptions {
  /** Offsets (as fractions of the length) to hover at, besides the ends and every finding. */
  probes?: readonly number[];
  /** Check at most this many findings' quick fixes (each one re-analyzes the fixed text). */
  maxFixChecks?: number;
  /** The implementation-guide checks analyze runs (default envelope); with full, the guide quick fixes and fix-all too. */
  guideChecks?: GuideChecks;
}

const DEFAULT_PROBES = [0.01, 0.1, 0.25, 0.33, 0.5, 0.61, 0.75, 0.9, 0.99];

export function exerciseCore(text: string, knowledge: Knowledge, options: CoreRunOptions = {}): CoreRun {
  const problems: string[] = [];
  const slowest = { name: '', ms: 0 };
  const started = performance.now();
  const step = <T>(name: string, work: () => T): T | undefined => {
    const t0 = performance.now();
    try {
      return work();
    } catch (error) {
      problems.push(`${name} threw ${describe(error)}`);
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      if (ms > slowest.ms) Object.assign(slowest, { name, ms });
    }
  };
  const inText = (what: string, span: Span | null | undefined): void => {
    if (!span) return;
    if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      problems.push(`${what}: span ${JSON.stringify(span)} is not inside the text (length ${text.length})`);
    }
  };

  const mode = { guideChecks: options.guideChecks ?? 'envelope' };
  const analysis = step('analyze', () => analyze(text, knowledge, undefined, undefined, mode));
  if (!analysis) return { problems, slowest, totalMs: performance.now() - started, findings: 0 };
  for (const finding of analysis.findings) {
    if (finding.rule === 'claimlint.internal-error') problems.push(`analyze reported an internal error: ${finding.message}`);
    inText(`finding ${finding.rule}`, finding.span);
    for (const related of finding.related ?? []) inText(`related of ${finding.rule}`, related.span);
  }
  checkModel(analysis, inText);

  // Hovers: ends, probes, every finding, every code and modifier of the first lines.
  const offsets = new Set<number>([0, text.length, Math.max(0, text.length - 1)]);
  for (const p of options.probes ?? DEFAULT_PROBES) offsets.add(Math.floor(p * text.length));
  for (const finding of analysis.findings.slice(0, 50)) offsets.add(finding.span.start);
  for (const claim of analysis.doc.claims.slice(0, 5)) {
    for (const line of claim.lines.slice(0, 5)) {
      offsets.add(line.codeSpan.start);
      for (const m of line.modifiers.slice(0, 4)) offsets.add(m.span.start);
      if (line.dateSpan) offsets.add(line.dateSpan.start);
    }
  }
  for (const offset of offsets) {
    const hover = step('hover', () => hoverAt(analysis, offset, knowledge));
    if (hover) {
      inText('hover', hover.span);
      if (typeof hover.markdown !== 'string' || hover.markdown.length === 0) problems.push(`hover at ${offset}: empty markdown`);
    }
    step('position round trip', () => {
      const position = analysis.lines.positionAt(offset);
      const back = analysis.lines.offsetAt(position);
      // A CRLF pair is one line break: an offset between CR and LF maps to the end of the line.
      if (back !== offset && !(text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 && back === offset - 1)) {
        problems.push(`offset ${offset} -> ${JSON.stringify(position)} -> ${back}`);
      }
    });
  }
  // Positions a client may send that do not exist.
  step('offsetAt past the end', () => {
    for (const position of [{ line: 1e9, character: 0 }, { line: 0, character: 1e9 }, { line: -1, character: -1 }, { line: analysis.lines.lineCount, character: 5 }]) {
      const offset = analysis.lines.offsetAt(position);
      if (!(offset >= 0 && offset <= text.length)) problems.push(`offsetAt(${JSON.stringify(position)}) = ${offset}`);
      hoverAt(analysis, offset, knowledge);
    }
  });

  const nodes = step('outline', () => outline(analysis.doc));
  if (nodes) {
    const visit = (node: OutlineNode): void => {
      inText(`outline ${node.kind}`, node.span);
      inText(`outline ${node.kind} selection`, node.selectionSpan);
      if (node.selectionSpan.start < node.span.start || node.selectionSpan.end > node.span.end) problems.push(`outline ${node.kind}: selection outside its range`);
      node.children.forEach(visit);
    };
    nodes.forEach(visit);
    const folds = step('folding', () => foldingRanges(nodes, analysis.lines));
    for (const f of folds ?? []) if (!(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < analysis.lines.lineCount)) problems.push(`folding range ${JSON.stringify(f)}`);
  }

  if (analysis.doc.x12) {
    for (const layout of ['segment-per-line', 'single-line'] as const) {
      const result = step(`layout ${layout}`, () => layoutEdits(text, analysis.doc.x12!, layout));
      if (!result) continue;
      checkEdits(`layout ${layout}`, text, result.edits, problems);
      for (const edit of result.edits) {
        if (!/^[ \t\r\n]*$/.test(text.slice(edit.span.start, edit.span.end)) || !/^[ \t\r\n]*$/.test(edit.newText)) problems.push(`layout ${layout} changes more than whitespace at ${edit.span.start}`);
      }
    }
    step('x12 locate', () => {
      for (const offset of offsets) {
        const position = analysis.doc.x12!.locate(offset);
        if (position) inText('x12 locate', position.span);
      }
    });
  }
  if (analysis.doc.csv) {
    step('csv locate', () => {
      for (const offset of offsets) {
        const position = analysis.doc.csv!.locate(offset);
        if (position) inText('csv locate', position.span);
      }
    });
  }

  // Quick fixes and fix-all: in range, non-overlapping, and the result analyzes cleanly.
  // An editor asks for the fixes of the findings under the cursor; a few hundred is plenty here.
  let fixChecks = options.maxFixChecks ?? 6;
  for (const finding of analysis.findings.slice(0, 200)) {
    const fixes = step('fixesFor', () => [...fixesFor(text, analysis.doc, finding), ...guideFixesFor(text, analysis.doc, finding)]) ?? [];
    for (const fix of fixes) {
      checkEdits(`fix "${fix.title}"`, text, fix.edits, problems);
      if (fixChecks > 0) {
        fixChecks--;
        reanalyze(`fix "${fix.title}"`, text, fix.edits, knowledge, problems, step, mode);
      }
    }
  }
  const all = step('fixAll', () => fixAllWithGuides(text, analysis.doc, analysis.findings));
  if (all) {
    checkEdits('fix-all', text, all.edits, problems);
    reanalyze('fix-all', text, all.edits, knowledge, problems, step, mode);
  }
  return { problems, slowest, totalMs: performance.now() - started, findings: analysis.findings.length };
}

function checkModel(analysis: Analysis, inText: (what: string, span: Span | null | undefined) => void): void {
  const { doc } = analysis;
  for (const claim of doc.claims) {
    inText('claim', claim.span);
    inText('claim id', claim.idSpan);
    inText('claim total', claim.totalChargeSpan);
    inText('claim date', claim.dateSpan);
    for (const line of claim.lines) {
      inText('line', line.span);
      inText('line record', line.recordSpan);
      inText('line code', line.codeSpan);
      inText('line number', line.lineNumberSpan);
      inText('line charge', line.chargeSpan);
      inText('line date', line.dateSpan);
      for (const m of line.modifiers) inText('modifier', m.span);
    }
  }
  for (const t of doc.transactions) {
    inText('transaction', t.span);
    inText('SE01', t.se01Span);
  }
  for (const g of doc.groups) inText('group', g.span);
  for (const i of doc.interchanges) inText('interchange', i.span);
}

function checkEdits(what: string, text: string, edits: readonly TextEdit[], problems: string[]): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let cursor = 0;
  for (const edit of sorted) {
    const { start, end } = edit.span;
    if (!(start >= 0 && start <= end && end <= text.length)) problems.push(`${what}: edit ${start}-${end} outside the text (length ${text.length})`);
    if (start < cursor) problems.push(`${what}: overlapping edits at ${start}`);
    cursor = Math.max(cursor, end);
  }
}

function reanalyze(
  what: string,
  text: string,
  edits: readonly TextEdit[],
  knowledge: Knowledge,
  problems: string[],
  step: <T>(name: string, work: () => T) => T | undefined,
  mode: AnalyzeOptions,
): void {
  const fixed = step(`${what}: apply`, () => applyEdits(text, edits));
  if (fixed === undefined) return;
  const again = step(`${what}: re-analyze`, () => analyze(fixed, knowledge, undefined, undefined, mode));
  if (again?.findings.some((f) => f.rule === 'claimlint.internal-error')) problems.push(`${what}: the fixed text fails analysis internally`);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`;
  return String(error);
}
