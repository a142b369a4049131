// CSV fix oracle: every quick fix and fix-all of a generated claim CSV against the test writer's
// output for the edited claims (test/unit/reliability-fixes.test.ts, the fixes-csv fuzz property):
// removals and units fixes against the writer, modifier fixes in place. Throws an AssertionError on
// the first difference.
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import type { LineRef, ParsedDocument, ServiceLine } from '../../server/src/core/model';
import type { CsvScenario } from './generators';
import { DEFAULT_COLUMNS, DEFAULT_HEADERS, formatCharge, writeClaimsCsvDetailed, type WriterClaim as CsvClaim, type WriterColumn, type WriterLine as CsvLine } from '../unit/helpers/csv-writer';
import { assertChargePerUnit, contains, keptKeys, keyOf, knowledge, modifierOf, modifierTarget, mueFindings, ptpFindings, removing, structural, type CheckedFixes, type LineChange } from './fixChanges';
import { assertFixAllSettled, checkMueFinding, fixAllExpectation, isEmpty, type CountedLine } from './mueOracle';

/** A charge cell of the fixed CSV: the amount as written and whether the cell is quoted. */
interface ChargeCell {
  text: string;
  quoted: boolean;
}

/**
 * Writes the scenario's claims with `change` applied. The 'lineNumber' column is replaced by one
 * that keeps each line's original number (fixes do not renumber CSV rows). A line whose units were
 * set gets `charges` in its charge cell, quoted where the fixed file quotes it (its value is checked
 * by assertChargePerUnit, its form against the file's charge format).
 */
function writeCsvChanged(s: CsvScenario, change: LineChange, charges: ReadonlyMap<string, ChargeCell> = new Map()) {
  const origin = new Map<CsvLine, { key: string; number: number }>();
  const claims: CsvClaim[] = s.claims.map((claim, c) => ({
    ...claim,
    lines: claim.lines.flatMap((line, l): CsvLine[] => {
      const key = keyOf(c, l);
      if (change.removed.has(key)) return [];
      const units = change.units.get(key);
      const written = units === undefined ? line : { ...line, units };
      origin.set(written, { key, number: l + 1 });
      return [written];
    }),
  }));
  const format = s.options.chargeFormat ?? 'plain';
  const columns = (s.options.columns ?? DEFAULT_COLUMNS).map((c): WriterColumn => {
    if (c === 'lineNumber') return { header: DEFAULT_HEADERS.lineNumber, value: (row) => String(origin.get(row.line)!.number) };
    if (c === 'charge') {
      return { header: DEFAULT_HEADERS.charge, value: (row) => charges.get(origin.get(row.line)!.key)?.text ?? (row.line.charge == null ? '' : formatCharge(row.line.charge, format)) };
    }
    return c;
  });
  const chargeColumn = columns.findIndex((c) => typeof c === 'object' && c.header === DEFAULT_HEADERS.charge);
  const quotedRows = new Set<number>();
  claims.flatMap((claim) => claim.lines).forEach((line, i) => {
    if (charges.get(origin.get(line)!.key)?.quoted) quotedRows.add(i + 1);
  });
  const quote = s.options.quote === 'all' ? 'all' : (row: number, column: number) => column === chargeColumn && quotedRows.has(row);
  return writeClaimsCsvDetailed(claims, { ...s.options, columns, quote });
}

/** Which writer line each parsed service line came from, by where its row starts. */
function writerLineOf(doc: ParsedDocument, rows: ReturnType<typeof writeClaimsCsvDetailed>['rows'], claimIndex: number, lineIndex: number): { claimIndex: number; lineIndex: number } {
  const line: ServiceLine = doc.claims[claimIndex]!.lines[lineIndex]!;
  const row = rows.find((r) => r.start === line.recordSpan.start);
  assert.ok(row, `a written row starts at ${line.recordSpan.start}`);
  return { claimIndex: row.claimIndex, lineIndex: row.lineIndex };
}

/**
 * Checks a fixed CSV against the writer's output for the claims with `change` applied (the rows
 * are in the order written, so the fixed file's rows in text order are the lines kept), and that
 * it is valid; returns its analysis.
 */
function assertCsvResult(scenario: CsvScenario, fixed: string, change: LineChange, title: string): Analysis {
  const after = analyze(fixed, knowledge);
  const charges = new Map<string, ChargeCell>();
  if (change.units.size > 0) {
    const kept = keptKeys(scenario.claims, change);
    const rows = after.doc.claims.flatMap((claim) => claim.lines).sort((a, b) => a.recordSpan.start - b.recordSpan.start);
    assert.equal(rows.length, kept.length, `${title}: the rows kept are left`);
    for (const [key, units] of change.units) {
      const [c, l] = key.split(':').map(Number) as [number, number];
      const line = scenario.claims[c]!.lines[l]!;
      const span = rows[kept.indexOf(key)]!.chargeSpan;
      assert.ok(span, `${title}: row ${key} keeps its charge`);
      const text = fixed.slice(span.start, span.end);
      assertChargePerUnit(text, true, { cents: Math.round(line.charge! * 100), units: line.units! }, units, `${title}, row ${key}`);
      // Written as the file writes every other charge ("$1,234.50" stays in that form).
      const format = scenario.options.chargeFormat ?? 'plain';
      assert.equal(text, formatCharge(Number(text.replace(/[$,]/g, '')), format), `${title}, row ${key}: the new charge is in the file's ${format} form`);
      charges.set(key, { text, quoted: fixed.charCodeAt(span.start - 1) === 34 });
    }
  }
  assert.equal(fixed, writeCsvChanged(scenario, change, charges).text, title);
  assert.deepEqual(structural(after.findings, false), [], `${title}: the fixed file is valid`);
  return after;
}

/** Checks every quick fix and fix-all of one generated CSV (removals and units against the writer, modifiers in place); returns how many quick fixes it checked. */
export function checkCsvFixes(scenario: CsvScenario): CheckedFixes {
  const checked: CheckedFixes = { ptp: 0, mue: 0 };
  const written = writeCsvChanged(scenario, removing([]));
  const text = written.text;
  const analysis = analyze(text, knowledge);
  assert.deepEqual(structural(analysis.findings, false), [], 'the generated file is valid');
  const source = (ref: LineRef) => {
    const r = writerLineOf(analysis.doc, written.rows, ref.claimIndex, ref.lineIndex);
    return keyOf(r.claimIndex, r.lineIndex);
  };
  const result = (fixed: string, change: LineChange, title: string) => assertCsvResult(scenario, fixed, change, title);
  for (const finding of ptpFindings(analysis.findings)) {
    const data = finding.data;
    const removed = source({ claimIndex: data.claimIndex, lineIndex: data.columnTwoLine });
    for (const fix of fixesFor(text, analysis.doc, finding)) {
      const fixed = applyEdits(text, fix.edits);
      const modifier = modifierOf(fix);
      checked.ptp++;
      if (!modifier) {
        result(fixed, removing([removed]), fix.title);
        continue;
      }
      // One edit, inside the row it names; the row now reads the old modifiers plus this one, and no other row changed.
      const [claimIndex, lineIndex] = modifierTarget(fix, data);
      const line = analysis.doc.claims[claimIndex]!.lines[lineIndex]!;
      assert.equal(fix.edits.length, 1, fix.title);
      const edit = fix.edits[0]!;
      assert.ok(edit.span.start >= line.recordSpan.start && edit.span.end <= line.recordSpan.end, `${fix.title}: the edit stays in the row`);
      assert.ok(edit.newText.includes(modifier));
      const after = analyze(fixed, knowledge);
      assert.deepEqual(structural(after.findings, false), [], fix.title);
      const lines = (doc: ParsedDocument) => doc.claims.flatMap((c) => c.lines.map((l) => `${l.code} ${l.modifiers.map((m) => m.value).join(' ')}`));
      const expected = lines(analysis.doc);
      const changed = analysis.doc.claims.slice(0, claimIndex).reduce((n, c) => n + c.lines.length, 0) + lineIndex;
      expected[changed] = `${line.code} ${[...line.modifiers.map((m) => m.value), modifier].join(' ')}`;
      assert.deepEqual(lines(after.doc), expected, fix.title);
    }
  }
  // The units as the file writes them: none without a units column (each line counts 1).
  const hasUnits = (scenario.options.columns ?? DEFAULT_COLUMNS).includes('units');
  const hasModifiers = (scenario.options.columns ?? DEFAULT_COLUMNS).includes('modifiers');
  const counted = (ref: LineRef): CountedLine => {
    const key = source(ref);
    const [c, l] = key.split(':').map(Number) as [number, number];
    const line = scenario.claims[c]!.lines[l]!;
    return { key, code: line.code, units: hasUnits ? (line.units ?? null) : null, days: 1, modifiers: hasModifiers ? (line.modifiers ?? []) : [] };
  };
  const mue = mueFindings(analysis.findings).map((finding) => ({ finding, data: finding.data, lines: finding.data.lines.map(counted) }));
  for (const { finding, lines } of mue) {
    const row = analysis.doc.claims.flatMap((claim) => claim.lines.map((line) => ({ claim, line }))).find(({ line }) => contains(line.recordSpan, finding.span));
    assert.ok(row, `${finding.rule} lies in a row`);
    checked.mue += checkMueFinding(text, analysis, finding, lines, source({ claimIndex: row.claim.index, lineIndex: row.line.index }), result);
  }
  const ptpRemovals = ptpFindings(analysis.findings)
    .filter((f) => f.data.modifierIndicator === '0' && !f.data.otherProvider)
    .map((f) => source({ claimIndex: f.data.claimIndex, lineIndex: f.data.columnTwoLine }));
  const expected = fixAllExpectation(ptpRemovals, mue);
  const all = fixAll(text, analysis.doc, analysis.findings);
  assert.equal(all === null, isEmpty(expected), 'fix-all is offered exactly when an indicator-0 conflict or an MAI 2 day over its MUE can be fixed');
  if (all) assertFixAllSettled(result(applyEdits(text, all.edits), expected, 'fix-all'));
  return checked;
}
