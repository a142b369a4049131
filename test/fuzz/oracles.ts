// Oracles shared by the reliability tests and the long fuzz run; each throws an AssertionError on
// the first difference.
// - Fixes: every quick fix and fix-all of a generated document against the test writer's output
//   for the edited claims (test/unit/reliability-fixes.test.ts).
// - Fixes of a conflict planted by construction (a 43214 and a 43200 on one day of one claim), so
//   the conflicts tested are not only those analyze() reports (test/unit/reliability-fixes-planted.test.ts).
// - PTP check: the grouped path for large claims against the pairwise loop, each case holding a
//   planted conflict both must find (test/unit/reliability-ptp-scale.test.ts); the independent
//   reference is the differential test in test/unit/rules-ptp-scope.test.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor, type Fix } from '../../server/src/core/fixes';
import type { Claim, DateRange, Finding, ParsedDocument, PtpFindingData, ServiceLine } from '../../server/src/core/model';
import { checkPtp, PtpRuleSet, type PtpRow } from '../../server/src/core/rules';
import { fuzzKnowledge, writeX12Scenario, x12ScenarioArb, type CsvScenario, type X12Scenario } from './generators';
import { writeClaimsCsvDetailed, type WriterClaim as CsvClaim, type WriterColumn, type WriterLine as CsvLine } from '../unit/helpers/csv-writer';
import type { WriterClaim as X12Claim } from '../unit/helpers/x12-writer';

const knowledge = fuzzKnowledge();

type PtpFinding = Finding & { data: PtpFindingData };

function ptpFindings(findings: Finding[]): PtpFinding[] {
  return findings.filter((f): f is PtpFinding => f.data?.kind === 'ptp');
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

/**
 * What a removal fix must leave: the text the writer gives without the removed lines, or, when
 * a claim loses every line, a valid file of the other claims as written (the fix removes that
 * claim whole, with the HL loops and envelopes it empties, and renumbers the HLs after it:
 * x12Loops.ts, x12EnvelopeRemoval.ts; the writer would place the remaining claims in other sets).
 */
function assertRemoved(scenario: X12Scenario, fixed: string, removed: ReadonlySet<string>, blanks: string, title: string): void {
  const kept = withoutLines(scenario.claims, removed);
  if (kept.every((claim) => claim.lines.length > 0)) {
    assert.equal(fixed, writeX12With(scenario, kept, blanks), title);
    return;
  }
  const expected = kept.filter((claim) => claim.lines.length > 0).map(claimShown);
  assert.deepEqual(analyze(fixed, knowledge).doc.claims.map((claim) => claimShown(claimWritten(claim, fixed))), expected, title);
}

/** A claim as a line of text: its id, subscriber, date, and its lines (code, modifiers, charge, units, date) as written. */
function claimShown(claim: X12Claim): string {
  const day = (d: DateRange | null | undefined) => (d ? `${d.from}-${d.to}` : '');
  const lines = claim.lines.map((l) => `${l.code}:${(l.modifiers ?? []).join(':')}*${l.charge}*${l.units ?? '1'}*${day(l.date)}`);
  return `${claim.id} ${claim.subscriberId ?? 'M000001'} ${day(claim.date)} ${lines.join(' ')}`;
}

/** A claim read from `text`, in the writer's terms (the fields claimShown reads, as written). */
function claimWritten(claim: Claim, text: string): X12Claim {
  return {
    id: claim.id,
    subscriberId: claim.patientKey.split('\u0000')[1] ?? '',
    date: claim.dateOfService,
    lines: claim.lines.map((l) => ({
      code: l.code,
      modifiers: l.modifiers.map((m) => m.value),
      charge: l.chargeText ?? '',
      units: l.unitsSpan ? text.slice(l.unitsSpan.start, l.unitsSpan.end) : '',
      date: l.dateInherited ? null : l.dateOfService,
    })),
  };
}

function withModifier(claims: readonly X12Claim[], claimIndex: number, lineIndex: number, modifier: string): X12Claim[] {
  return claims.map((claim, c) =>
    c !== claimIndex ? claim : { ...claim, lines: claim.lines.map((line, l) => (l !== lineIndex ? line : { ...line, modifiers: [...(line.modifiers ?? []), modifier] })) },
  );
}

export const x12FixCaseArb = fc.record({ scenario: x12ScenarioArb, blanks: fc.constantFrom('', '', ' ', ' \t') });

/** Checks every quick fix and fix-all of one generated 837 against the writer; returns how many fixes it checked. */
export function checkX12Fixes(scenario: X12Scenario, blanks: string): number {
  let checkedFixes = 0;
  const text = writeX12With(scenario, scenario.claims, blanks);
  const analysis = analyze(text, knowledge);
  const unpadded = scenario.options.padIsa === false;
  assert.deepEqual(structural(analysis.findings, unpadded), [], 'the generated file is valid');
  for (const finding of ptpFindings(analysis.findings)) {
    const data = finding.data!;
    for (const fix of fixesFor(text, analysis.doc, finding)) {
      const modifier = modifierOf(fix);
      const fixed = applyEdits(text, fix.edits);
      if (modifier) assert.equal(fixed, writeX12With(scenario, withModifier(scenario.claims, data.claimIndex, data.columnTwoLine, modifier), blanks), fix.title);
      else assertRemoved(scenario, fixed, new Set([`${data.claimIndex}:${data.columnTwoLine}`]), blanks, fix.title);
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
    assertRemoved(scenario, fixed, removed, blanks, 'fix-all');
    const after = analyze(fixed, knowledge);
    assert.deepEqual(structural(after.findings, unpadded), []);
    assert.deepEqual(after.findings.filter((f) => f.rule === 'ptp.conflict'), [], 'no indicator-0 conflict is left');
  }
  return checkedFixes;
}

/**
 * Generated 837s with a conflict known by construction, not taken from analyze(): a 43214 and a
 * 43200 line (a built-in edit, indicator 0) on one day of one claim, among the scenario's lines.
 */
export const x12PlantedFixCaseArb = fc.record({
  scenario: x12ScenarioArb.filter((s) => s.kind !== 'dental'),
  blanks: fc.constantFrom('', ' '),
  claim: fc.nat(),
  one: fc.nat(),
  two: fc.nat(),
  date: fc.constantFrom(20260310, 20260311),
});

export type X12PlantedFixCase = typeof x12PlantedFixCaseArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The planted 43200 gets a ptp.conflict naming 43214; its removal fix gives exactly the writer's
 * output for the claims without that line; fix-all removes it too. Then every other fix of the
 * file is checked by checkX12Fixes. Returns how many fixes were checked.
 */
export function checkPlantedX12Fix({ scenario: generated, blanks, claim, one, two, date }: X12PlantedFixCase): number {
  const claimIndex = claim % generated.claims.length;
  const lines = [...generated.claims[claimIndex]!.lines];
  const day = { from: date, to: date };
  lines.splice(one % (lines.length + 1), 0, { code: '43214', charge: '1500.00', date: day });
  const twoIndex = two % (lines.length + 1);
  lines.splice(twoIndex, 0, { code: '43200', charge: '400.00', date: day });
  const scenario: X12Scenario = { ...generated, claims: generated.claims.map((c, i) => (i === claimIndex ? { ...c, lines } : c)) };
  const text = writeX12With(scenario, scenario.claims, blanks);
  const analysis = analyze(text, knowledge);
  const finding = ptpFindings(analysis.findings).find((f) => f.data.claimIndex === claimIndex && f.data.columnTwoLine === twoIndex && f.data.columnOne === '43214');
  assert.ok(finding, `the planted 43200 (claim ${claimIndex}, line ${twoIndex + 1}) is reported`);
  assert.equal(finding.rule, 'ptp.conflict');
  assert.equal(text.slice(finding.span.start, finding.span.end), '43200');
  const withoutPlanted = writeX12With(scenario, withoutLines(scenario.claims, new Set([`${claimIndex}:${twoIndex}`])), blanks);
  const removals = fixesFor(text, analysis.doc, finding).filter((fix) => modifierOf(fix) === null);
  assert.equal(removals.length, 1, 'one removal fix for the planted line');
  assert.equal(applyEdits(text, removals[0]!.edits), withoutPlanted, removals[0]!.title);
  const all = fixAll(text, analysis.doc, analysis.findings);
  assert.ok(all, 'fix-all is offered');
  const after = analyze(applyEdits(text, all.edits), knowledge);
  const plantedLeft = after.doc.claims[claimIndex]?.lines.filter((l) => l.code === '43200' && l.dateOfService?.from === date && l.chargeText === '400.00') ?? [];
  const plantedBefore = analysis.doc.claims[claimIndex]!.lines.filter((l) => l.code === '43200' && l.dateOfService?.from === date && l.chargeText === '400.00');
  assert.ok(plantedLeft.length < plantedBefore.length, 'fix-all removed the planted 43200');
  return checkX12Fixes(scenario, blanks);
}

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

/** Checks every quick fix and fix-all of one generated CSV (removals against the writer, modifiers in place); returns how many fixes it checked. */
export function checkCsvFixes(scenario: CsvScenario): number {
  let checkedFixes = 0;
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
  return checkedFixes;
}

// ---- PTP check: grouped path against the pairwise loop ----------------------------------------

const CODES = ['10001', '10002', '10003', '10004', '10005'];
const DAYS = [20200101, 20200102, 20200103, 20200104, 20200105, 20200106];

export const ptpRowArb: fc.Arbitrary<PtpRow> = fc
  .record({
    pair: fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 2, maxLength: 2 }),
    effective: fc.constantFrom(20190101, ...DAYS),
    deletion: fc.option(fc.constantFrom(...DAYS), { nil: null }),
    modifierIndicator: fc.constantFrom<'0' | '1' | '9'>('0', '1', '1', '9'),
  })
  .map(({ pair, effective, deletion, modifierIndicator }) => ({
    columnOne: pair[0]!,
    columnTwo: pair[1]!,
    preexisting: false,
    effective,
    deletion: deletion !== null && deletion < effective ? null : deletion,
    modifierIndicator,
    rationale: `Synthetic ${modifierIndicator}`,
  }));

export interface LineSpec {
  code: string;
  date: DateRange | null;
  modifiers: string[];
  /** The line's rendering provider (none: the claim's billing provider). */
  provider?: string;
}

export const ptpLineArb: fc.Arbitrary<LineSpec> = fc.record({
  code: fc.constantFrom(...CODES, ...CODES, '99999', ''),
  date: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...DAYS).map((d) => ({ from: d, to: d })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  modifiers: fc.constantFrom([], [], ['59'], ['XS'], ['25'], ['25', 'XU']),
});

/** Minimal claims: only what the check reads (codes, dates, modifiers, line numbers and spans). */
export function claimsOf(specs: LineSpec[][], csv: boolean, patients?: readonly string[]): Claim[] {
  let offset = 0;
  return specs.map((lineSpecs, index) => {
    const start = offset;
    const lines = lineSpecs.map((spec, i): ServiceLine => {
      const codeSpan = { start: offset + 4, end: offset + 4 + spec.code.length };
      const line: ServiceLine = {
        index: i,
        lineNumber: String(csv ? i + 2 : i + 1),
        lineNumberSpan: csv ? null : { start: offset + 3, end: offset + 4 },
        qualifier: csv ? null : 'HC',
        code: spec.code,
        codeSpan,
        modifiers: spec.modifiers.map((value, k) => ({ value, span: { start: codeSpan.end + 1 + 3 * k, end: codeSpan.end + 3 + 3 * k } })),
        modifierInsert: null,
        charge: 1,
        chargeText: '1',
        chargeSpan: null,
        units: 1,
        unitsSpan: null,
        dateOfService: spec.date,
        dateSpan: null,
        dateInherited: false,
        providerId: spec.provider ?? null,
        span: { start: offset, end: offset + 40 },
        segmentCount: 3,
        recordSpan: { start: offset, end: offset + 39 },
      };
      offset += 40;
      return line;
    });
    return {
      index,
      id: `C${index}`,
      idSpan: null,
      patientId: null,
      patientKey: patients?.[index] ?? '',
      billingProviderId: null,
      renderingProviderId: null,
      kind: null,
      totalCharge: null,
      totalChargeText: null,
      totalChargeSpan: null,
      dateOfService: null,
      dateSpan: null,
      lines,
      span: { start, end: offset },
      transactionIndex: csv ? null : 0,
    };
  });
}

export function rulesOf(rows: readonly PtpRow[]): PtpRuleSet {
  const rules = new PtpRuleSet();
  for (const row of rows) rules.add(row, 'synthetic.txt');
  return rules.finish();
}

/**
 * A pair planted in every case of ptpPathsCaseArb, so that both paths must find something: codes
 * no random row or line uses, an indicator-0 row in force on every day, and the two lines on one
 * day of one claim. (A comparison of two paths passes when both find nothing.)
 */
const PLANTED_ONE = '20001';
const PLANTED_TWO = '20002';
const PLANTED_ROW: PtpRow = { columnOne: PLANTED_ONE, columnTwo: PLANTED_TWO, preexisting: false, effective: 20190101, deletion: null, modifierIndicator: '0', rationale: 'Planted' };

/** Rules and claims for comparing the PTP check's grouped path with its pairwise loop; every case holds the planted conflict. */
export const ptpPathsCaseArb = fc
  .record({
    rows: fc.array(ptpRowArb, { minLength: 1, maxLength: 14 }),
    specs: fc.array(fc.array(ptpLineArb, { minLength: 2, maxLength: 24 }), { minLength: 1, maxLength: 3 }),
    csv: fc.boolean(),
    planted: fc.record({ claim: fc.nat(), one: fc.nat(), two: fc.nat(), day: fc.constantFrom(...DAYS), modifiers: fc.constantFrom<string[]>([], ['59'], ['XU']) }),
  })
  .map(({ rows, specs, csv, planted }) => {
    const claim = planted.claim % specs.length;
    const lines = [...specs[claim]!];
    const date = { from: planted.day, to: planted.day };
    lines.splice(planted.one % (lines.length + 1), 0, { code: PLANTED_ONE, date, modifiers: [] });
    // Indicator 0: no modifier on the column-2 line lets it pass.
    lines.splice(planted.two % (lines.length + 1), 0, { code: PLANTED_TWO, date, modifiers: planted.modifiers });
    return { rows: [...rows, PLANTED_ROW], specs: specs.map((s, i) => (i === claim ? lines : s)), csv };
  });

/**
 * The grouped path (pairwiseLimit 0) and the pairwise loop report the same findings in the same
 * order, and both report the planted conflict. Both paths share pairFinding and the bypass rules,
 * so this is no proof that either is right: the differential test in
 * test/unit/rules-ptp-scope.test.ts checks checkPtp against a reference written independently.
 */
export function checkPtpPathsAgree({ rows, specs, csv }: { rows: PtpRow[]; specs: LineSpec[][]; csv: boolean }): void {
  const rules = rulesOf(rows);
  const tables = { practitioner: rules, hospital: new PtpRuleSet() };
  // Every claim one patient's (the whole file, as a CSV without patient or claim column).
  const claims = claimsOf(specs, csv);
  const grouped = checkPtp(claims, tables, !csv, 0);
  assert.deepEqual(grouped, checkPtp(claims, tables, !csv, Infinity));
  const planted = specs.flatMap((lines, c) => lines.flatMap((line, l) => (line.code === PLANTED_TWO ? [{ c, l }] : [])));
  for (const { c, l } of planted) {
    assert.ok(
      grouped.some((f) => f.rule === 'ptp.conflict' && f.data?.kind === 'ptp' && f.data.claimIndex === c && f.data.columnTwoLine === l && f.data.columnOne === PLANTED_ONE),
      `the planted conflict on claim ${c} line ${l} is found`,
    );
  }
}
