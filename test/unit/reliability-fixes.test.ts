// Issue 8, "never lose text": every quick fix and fix-all, on generated 837P/I/D and CSV files
// with conflicts, is compared with an independent oracle: the same test writer asked to write the
// same claims without the removed lines (or with the added modifier). The writer computes LX
// numbers, CLM02 and SE01 itself, so equality proves the counts, the numbering and the totals, that
// exactly the intended lines went, and that every other byte (delimiters, line endings, BOM,
// blanks after terminators, trailing whitespace) is as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor, type Fix } from '../../server/src/core/fixes';
import type { Finding, ParsedDocument, ServiceLine } from '../../server/src/core/model';
import {
  csvScenarioArb,
  fuzzKnowledge,
  runParameters,
  writeX12Scenario,
  x12ScenarioArb,
  type CsvScenario,
  type X12Scenario,
} from '../fuzz/generators';
import { writeClaimsCsvDetailed, type WriterClaim as CsvClaim, type WriterColumn, type WriterLine as CsvLine } from './helpers/csv-writer';
import type { WriterClaim as X12Claim } from './helpers/x12-writer';

const knowledge = fuzzKnowledge();

function ptpFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.data?.kind === 'ptp');
}

function structural(findings: Finding[], unpaddedIsa: boolean): string[] {
  return findings.filter((f) => !f.rule.startsWith('ptp.') && !(unpaddedIsa && f.rule === 'x12.isa-width')).map((f) => `${f.rule}: ${f.message}`);
}

function modifierOf(fix: Fix): string | null {
  return /^Add modifier (\w+) /.exec(fix.title)?.[1] ?? null;
}

// ---- X12 ------------------------------------------------------------------------------------

/**
 * Writes the scenario, optionally with blanks between each terminator and its line break (they
 * belong to no segment and must survive), so the oracle and the fixed text see the same bytes.
 */
function writeX12With(s: X12Scenario, claims: X12Claim[], blanks: string): string {
  const text = writeX12Scenario(s, claims);
  if (blanks === '' || !s.options.lineEnding) return text;
  const terminator = s.options.delimiters?.segment ?? '~';
  return text.split(terminator + s.options.lineEnding).join(terminator + blanks + s.options.lineEnding);
}

function withoutLines(claims: readonly X12Claim[], removed: ReadonlySet<string>): X12Claim[] {
  return claims.map((claim, c) => ({ ...claim, lines: claim.lines.filter((_, l) => !removed.has(`${c}:${l}`)) }));
}

function withModifier(claims: readonly X12Claim[], claimIndex: number, lineIndex: number, modifier: string): X12Claim[] {
  return claims.map((claim, c) =>
    c !== claimIndex ? claim : { ...claim, lines: claim.lines.map((line, l) => (l !== lineIndex ? line : { ...line, modifiers: [...(line.modifiers ?? []), modifier] })) },
  );
}

const x12Case = fc.record({ scenario: x12ScenarioArb, blanks: fc.constantFrom('', '', ' ', ' \t') });

describe('837 fixes change exactly what they should', () => {
  test('every quick fix and fix-all equals the writer output for the edited claims', () => {
    let checkedFixes = 0;
    fc.assert(
      fc.property(x12Case, ({ scenario, blanks }) => {
        const text = writeX12With(scenario, scenario.claims, blanks);
        const analysis = analyze(text, knowledge);
        const unpadded = scenario.options.padIsa === false;
        assert.deepEqual(structural(analysis.findings, unpadded), [], 'the generated file is valid');
        for (const finding of ptpFindings(analysis.findings)) {
          const data = finding.data!;
          for (const fix of fixesFor(text, analysis.doc, finding)) {
            const modifier = modifierOf(fix);
            const expected = modifier
              ? writeX12With(scenario, withModifier(scenario.claims, data.claimIndex, data.columnTwoLine, modifier), blanks)
              : writeX12With(scenario, withoutLines(scenario.claims, new Set([`${data.claimIndex}:${data.columnTwoLine}`])), blanks);
            const fixed = applyEdits(text, fix.edits);
            assert.equal(fixed, expected, fix.title);
            assert.deepEqual(structural(analyze(fixed, knowledge).findings, unpadded), [], `${fix.title}: the fixed file is valid`);
            checkedFixes++;
          }
        }
        const all = fixAll(text, analysis.doc, analysis.findings);
        const removable = ptpFindings(analysis.findings).filter((f) => f.data!.modifierIndicator === '0');
        assert.equal(all === null, removable.length === 0, 'fix-all is offered exactly when an indicator-0 conflict exists');
        if (all) {
          const removed = new Set(removable.map((f) => `${f.data!.claimIndex}:${f.data!.columnTwoLine}`));
          const fixed = applyEdits(text, all.edits);
          assert.equal(fixed, writeX12With(scenario, withoutLines(scenario.claims, removed), blanks), 'fix-all');
          const after = analyze(fixed, knowledge);
          assert.deepEqual(structural(after.findings, unpadded), []);
          assert.deepEqual(after.findings.filter((f) => f.rule === 'ptp.conflict'), [], 'no indicator-0 conflict is left');
        }
      }),
      runParameters(250, 8101),
    );
    assert.ok(checkedFixes > 100, `only ${checkedFixes} fixes were generated`);
  });
});

// ---- CSV ------------------------------------------------------------------------------------

/** The scenario's columns with 'lineNumber' replaced by a column that keeps each line's original number (fixes do not renumber CSV rows). */
function stableColumns(s: CsvScenario): { columns: WriterColumn[]; numbers: WeakMap<CsvLine, number> } {
  const numbers = new WeakMap<CsvLine, number>();
  s.claims.forEach((claim) => claim.lines.forEach((line, i) => numbers.set(line, i + 1)));
  const columns = (s.options.columns ?? []).map((c): WriterColumn => (c === 'lineNumber' ? { header: 'Line', value: (row) => String(numbers.get(row.line) ?? '?') } : c));
  return { columns, numbers };
}

function writeCsvWith(s: CsvScenario, columns: WriterColumn[], claims: CsvClaim[]) {
  return writeClaimsCsvDetailed(claims, { ...s.options, columns });
}

/** Which writer line each parsed service line came from, by where its row starts. */
function writerLineOf(doc: ParsedDocument, rows: ReturnType<typeof writeClaimsCsvDetailed>['rows'], claimIndex: number, lineIndex: number): { claimIndex: number; lineIndex: number } {
  const line: ServiceLine = doc.claims[claimIndex]!.lines[lineIndex]!;
  const row = rows.find((r) => r.start === line.recordSpan.start);
  assert.ok(row, `a written row starts at ${line.recordSpan.start}`);
  return { claimIndex: row.claimIndex, lineIndex: row.lineIndex };
}

describe('CSV fixes change exactly what they should', () => {
  test('removals and fix-all equal the writer output without those rows; a modifier lands in the row only', () => {
    let checkedFixes = 0;
    fc.assert(
      fc.property(csvScenarioArb, (scenario) => {
        const { columns, numbers } = stableColumns(scenario);
        const written = writeCsvWith(scenario, columns, scenario.claims);
        const text = written.text;
        const analysis = analyze(text, knowledge);
        assert.deepEqual(structural(analysis.findings, false), [], 'the generated file is valid');
        const without = (refs: { claimIndex: number; lineIndex: number }[]): string => {
          const removed = new Set(refs.map((r) => `${r.claimIndex}:${r.lineIndex}`));
          const claims = scenario.claims.map((claim, c) => ({ ...claim, lines: claim.lines.filter((_, l) => !removed.has(`${c}:${l}`)) }));
          return writeCsvWith(scenario, columns, claims).text;
        };
        for (const finding of ptpFindings(analysis.findings)) {
          const data = finding.data!;
          const source = writerLineOf(analysis.doc, written.rows, data.claimIndex, data.columnTwoLine);
          for (const fix of fixesFor(text, analysis.doc, finding)) {
            const fixed = applyEdits(text, fix.edits);
            const modifier = modifierOf(fix);
            checkedFixes++;
            if (!modifier) {
              assert.equal(fixed, without([source]), fix.title);
              continue;
            }
            // One edit, inside the row; the row now reads the old modifiers plus this one, and no other row changed.
            const line = analysis.doc.claims[data.claimIndex]!.lines[data.columnTwoLine]!;
            assert.equal(fix.edits.length, 1, fix.title);
            const edit = fix.edits[0]!;
            assert.ok(edit.span.start >= line.recordSpan.start && edit.span.end <= line.recordSpan.end, `${fix.title}: the edit stays in the row`);
            assert.ok(edit.newText.includes(modifier));
            const after = analyze(fixed, knowledge);
            assert.deepEqual(structural(after.findings, false), [], fix.title);
            const lines = (doc: ParsedDocument) => doc.claims.flatMap((c) => c.lines.map((l) => `${l.code} ${l.modifiers.map((m) => m.value).join(' ')}`));
            const expected = lines(analysis.doc);
            const changed = analysis.doc.claims.slice(0, data.claimIndex).reduce((n, c) => n + c.lines.length, 0) + data.columnTwoLine;
            expected[changed] = `${line.code} ${[...line.modifiers.map((m) => m.value), modifier].join(' ')}`;
            assert.deepEqual(lines(after.doc), expected, fix.title);
            assert.ok(numbers.has(scenario.claims[source.claimIndex]!.lines[source.lineIndex]!));
          }
        }
        const all = fixAll(text, analysis.doc, analysis.findings);
        const removable = ptpFindings(analysis.findings).filter((f) => f.data!.modifierIndicator === '0');
        assert.equal(all === null, removable.length === 0);
        if (all) {
          const refs = removable.map((f) => writerLineOf(analysis.doc, written.rows, f.data!.claimIndex, f.data!.columnTwoLine));
          assert.equal(applyEdits(text, all.edits), without(refs), 'fix-all');
        }
      }),
      runParameters(250, 8102),
    );
    assert.ok(checkedFixes > 100, `only ${checkedFixes} fixes were generated`);
  });
});
