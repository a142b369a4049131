// PTP check: the grouped path for large claims against the pairwise loop, each case holding a
// planted conflict both must find (test/unit/reliability-ptp-scale.test.ts, the ptp-paths fuzz
// property); the independent reference is the differential test in
// test/unit/rules-ptp-scope.test.ts, which builds its claims with claimsOf. Throws an
// AssertionError on the first difference.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Claim, DateRange, ServiceLine } from '../../server/src/core/model';
import { checkPtp, PtpRuleSet, type PtpRow } from '../../server/src/core/rules';

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
  modifiers: fc.constantFrom([], [], ['59'], ['XS'], ['XP'], ['25'], ['25', 'XU']),
  // Two rendering providers and none (the billing provider): XP counts only between two of them.
  provider: fc.constantFrom<string | undefined>(undefined, undefined, 'R1', 'R2'),
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
