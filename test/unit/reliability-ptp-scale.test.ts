// Issue 8, "never hang", for the PTP check. It compared every pair of lines of a claim, and a claim
// can be huge: a CSV export without a claim-id column is one claim, and 8,000 rows of it took
// 28 seconds on every keystroke. Claims with many coded lines now take a grouped path; these tests
// prove it reports exactly what the pairwise loop reports (same findings, same order), and fast.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Claim, DateRange, ServiceLine } from '../../server/src/core/model';
import { checkPtp, PtpRuleSet, type PtpRow } from '../../server/src/core/rules';
import { analyze } from '../../server/src/core/analyze';
import { fuzzKnowledge } from '../fuzz/generators';

const CODES = ['10001', '10002', '10003', '10004', '10005'];
const DAYS = [20200101, 20200102, 20200103, 20200104, 20200105, 20200106];

const rowArb: fc.Arbitrary<PtpRow> = fc
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

interface LineSpec {
  code: string;
  date: DateRange | null;
  modifiers: string[];
}

const lineArb: fc.Arbitrary<LineSpec> = fc.record({
  code: fc.constantFrom(...CODES, ...CODES, '99999', ''),
  date: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...DAYS).map((d) => ({ from: d, to: d })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  modifiers: fc.constantFrom([], [], ['59'], ['XS'], ['25'], ['25', 'XU']),
});

/** Minimal claims: only what the check reads (codes, dates, modifiers, line numbers and spans). */
function claimsOf(specs: LineSpec[][], csv: boolean): Claim[] {
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
        dateOfService: spec.date,
        dateSpan: null,
        dateInherited: false,
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

function rulesOf(rows: readonly PtpRow[]): PtpRuleSet {
  const rules = new PtpRuleSet();
  for (const row of rows) rules.add(row, 'synthetic.txt');
  return rules.finish();
}

describe('PTP check on large claims', () => {
  test('the grouped path reports exactly what the pairwise loop reports, in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 14 }),
        fc.array(fc.array(lineArb, { minLength: 2, maxLength: 24 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (rows, specs, csv) => {
          const rules = rulesOf(rows);
          const claims = claimsOf(specs, csv);
          assert.deepEqual(checkPtp(claims, rules, 0), checkPtp(claims, rules, Infinity));
        },
      ),
      { numRuns: 600, seed: 80 },
    );
  });

  test('many copies of a few lines (the shape of a big export) agree too', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), fc.array(lineArb, { minLength: 2, maxLength: 5 }), fc.integer({ min: 20, max: 60 }), (rows, pattern, copies) => {
        const rules = rulesOf(rows);
        const lines = Array.from({ length: copies }, () => pattern).flat();
        const claims = claimsOf([lines], true);
        assert.deepEqual(checkPtp(claims, rules, 0), checkPtp(claims, rules, Infinity));
      }),
      { numRuns: 60, seed: 81 },
    );
  });

  test('a 40,000-row CSV without a claim-id or patient column (a claim per date) is checked in well under the time bound', () => {
    const rows = ['CPT,DOS,Modifier'];
    for (let i = 0; i < 10_000; i++) rows.push('43214,2026-03-10,', '43200,2026-03-10,', '20610,2026-03-11,', '20605,2026-03-11,XS');
    const text = rows.join('\n') + '\n';
    const started = performance.now();
    const analysis = analyze(text, fuzzKnowledge());
    const ms = performance.now() - started;
    assert.deepEqual(analysis.doc.claims.map((c) => c.lines.length), [20_000, 20_000]);
    const ptp = analysis.findings.filter((f) => f.rule.startsWith('ptp.'));
    assert.equal(ptp.length, 10_000, 'every 43200 row, once; the XS rows bypass their indicator-1 edit');
    assert.ok(ptp.every((f) => f.related?.[0]?.message.includes('43214')));
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });

  test('one X12 claim with 6,000 service lines is checked in well under the time bound', () => {
    const claims = claimsOf([Array.from({ length: 6000 }, (_, i) => ({ code: i % 2 ? '43200' : '43214', date: { from: 20260310 + (i % 3), to: 20260310 + (i % 3) }, modifiers: [] }))], false);
    const started = performance.now();
    const findings = checkPtp(claims, fuzzKnowledge().rules);
    const ms = performance.now() - started;
    assert.equal(findings.length, 3000);
    assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
  });
});
