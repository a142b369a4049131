// Issue 8, "never hang", for the PTP check. It compared every pair of lines of a claim, and a claim
// can be huge: a CSV export without a claim-id column is one claim, and 8,000 rows of it took
// 28 seconds on every keystroke. Claims with many coded lines now take a grouped path; these tests
// prove it reports exactly what the pairwise loop reports (same findings, same order), with edit
// lookups linear in the lines (counted, not timed: how fast is the bench's).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkPtp, type PtpRuleSet } from '../../server/src/core/rules';
import type { PtpTables } from '../../server/src/core/rules/checkPtp';
import { analyze } from '../../server/src/core/analyze';
import { fuzzKnowledge, runParameters } from '../fuzz/generators';
import { checkPtpPathsAgree, claimsOf, ptpLineArb, ptpPathsCaseArb, ptpRowArb, rulesOf } from '../fuzz/ptpPathsOracle';

describe('PTP check on large claims', () => {
  test('the grouped path reports exactly what the pairwise loop reports, in the same order', () => {
    fc.assert(fc.property(ptpPathsCaseArb, checkPtpPathsAgree), runParameters(600, 80));
  });

  test('many copies of a few lines (the shape of a big export) agree too', () => {
    fc.assert(
      fc.property(fc.array(ptpRowArb, { minLength: 1, maxLength: 8 }), fc.array(ptpLineArb, { minLength: 2, maxLength: 5 }), fc.integer({ min: 20, max: 60 }), (rows, pattern, copies) => {
        const rules = rulesOf(rows);
        const lines = Array.from({ length: copies }, () => pattern).flat();
        const claims = claimsOf([lines], true);
        const tables = { practitioner: rules, hospital: rules };
        assert.deepEqual(checkPtp(claims, tables, false, 0), checkPtp(claims, tables, false, Infinity));
      }),
      runParameters(60, 81),
    );
  });

  test('a 40,000-row CSV without a claim-id or patient column (a claim per date) is checked with edit lookups linear in its rows', () => {
    // Counted, not timed (a time bound depends on the machine): the lookups in the edit index.
    const check = (copies: number) => {
      const rows = ['CPT,DOS,Modifier'];
      for (let i = 0; i < copies; i++) rows.push('43214,2026-03-10,', '43200,2026-03-10,', '20610,2026-03-11,', '20605,2026-03-11,XS');
      const knowledge = fuzzKnowledge();
      const { tables, lookups } = countingTables(knowledge.tables);
      const analysis = analyze(rows.join('\n') + '\n', { ...knowledge, rules: tables.practitioner, tables });
      return { analysis, lookups: lookups() };
    };
    const half = check(5_000);
    const { analysis, lookups } = check(10_000);
    assert.deepEqual(analysis.doc.claims.map((c) => c.lines.length), [20_000, 20_000]);
    const ptp = analysis.findings.filter((f) => f.rule.startsWith('ptp.'));
    assert.equal(ptp.length, 10_000, 'every 43200 row, once; the XS rows bypass their indicator-1 edit');
    assert.ok(ptp.every((f) => f.related?.[0]?.message.includes('43214')));
    assert.ok(half.lookups > 0, 'the lookups are counted');
    assert.ok(lookups <= 8 * 40_000, `${lookups} lookups for 40,000 rows (pairwise would make at least 200,000,000)`);
    assert.ok(lookups <= 2.2 * half.lookups, `twice the rows, ${(lookups / half.lookups).toFixed(2)} times the lookups`);
  });

  test('one X12 claim with 6,000 service lines is checked with a number of edit lookups linear in its lines, not one per pair', () => {
    // A time budget alone passed with the pairwise loop too (2.1 s under 3 s): count the lookups
    // in the edit index instead, which do not depend on the machine.
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ code: i % 2 ? '43200' : '43214', date: { from: 20260310 + (i % 3), to: 20260310 + (i % 3) }, modifiers: [] }));
    const run = (n: number, pairwiseLimit?: number) => {
      const { tables, lookups } = countingTables(fuzzKnowledge().tables);
      const claims = claimsOf([lines(n)], false);
      const findings = pairwiseLimit === undefined ? checkPtp(claims, tables) : checkPtp(claims, tables, true, pairwiseLimit);
      return { findings, lookups: lookups() };
    };
    // The counter sees what the pairwise loop costs: 600 lines (100 of each code a day) take
    // 30,000 lookups at least, one per pair of different codes on a day.
    const pairwise = run(600, Infinity);
    assert.equal(pairwise.findings.length, 300);
    assert.ok(pairwise.lookups >= 30_000, `${pairwise.lookups} lookups pairwise`);

    const half = run(3000);
    const full = run(6000);
    assert.equal(full.findings.length, 3000);
    assert.ok(full.lookups <= 8 * 6000, `${full.lookups} lookups for 6,000 lines (pairwise would make at least 3,000,000)`);
    assert.ok(full.lookups <= 2.2 * half.lookups, `twice the lines, ${(full.lookups / half.lookups).toFixed(2)} times the lookups`);
  });
});

/** The tables with every call of a PtpRuleSet method counted (lookups: the calls so far). */
function countingTables(tables: PtpTables): { tables: PtpTables; lookups: () => number } {
  let calls = 0;
  const counting = (rules: PtpRuleSet): PtpRuleSet =>
    new Proxy(rules, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || property === 'finish') return value;
        return (...args: unknown[]) => {
          calls++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return { tables: { practitioner: counting(tables.practitioner), hospital: counting(tables.hospital) }, lookups: () => calls };
}
