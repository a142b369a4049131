// The PTP check's grouped path for big patient groups (checkLargeGroup in rules/checkPtp.ts) asks
// the edit index once per pair of edit classes (code, dates, modifiers), not once per pair of line
// classes (which add the provider and billing provider). A claim CSV without a patient or claim-id
// column is one patient (README), so a day's export of a large group practice (one NPI column, a
// different rendering NPI on most rows, every row of the one empty billing provider) puts
// thousands of line classes of 43214 and 43200 on one day; asked per pair of line classes, 4 times
// the providers made 16 times the lookups (4.0 million for 1,000 providers, 64 million for 4,000:
// about 6 s, on every keystroke).
//
// As reliability-ptp-scale.test.ts does, the test counts the calls into the edit index, which do
// not depend on the machine: 4 times the rows should make about 4 times the lookups, not 16. How
// long the check takes is measured in bench/scaleRules.ts, not here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { checkPtp, type PtpTables } from '../../server/src/core/rules/checkPtp';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import type { PtpRuleSet } from '../../server/src/core/rules';

/** One day, no patient or claim-id column: each of n rendering providers billed 43214 and 43200 (bundled into it). */
function dayExport(n: number): string {
  const rows = ['CPT,DOS,Rendering NPI'];
  for (let i = 0; i < n; i++) rows.push(`43214,2026-03-10,${1000000000 + i}`, `43200,2026-03-10,${1000000000 + i}`);
  return rows.join('\n') + '\n';
}

/** The tables with every call of a PtpRuleSet method counted. */
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

describe('PTP pairs of one patient with many providers on one day (scale)', () => {
  it('4 times the providers make about 4 times the edit lookups, not 16', () => {
    const run = (n: number) => {
      const { tables, lookups } = countingTables(emptyKnowledge(true).tables);
      const findings = checkPtp(parseDocument(dayExport(n)).claims, tables, false);
      return { conflicts: findings.filter((f) => f.rule === 'ptp.conflict').length, lookups: lookups() };
    };
    const small = run(1000);
    const large = run(4000);
    // Each provider's own 43200 is bundled into their 43214: one conflict per provider.
    assert.equal(small.conflicts, 1000);
    assert.equal(large.conflicts, 4000);
    assert.ok(
      large.lookups <= 8 * small.lookups,
      `${small.lookups} edit lookups for 1,000 providers, ${large.lookups} for 4,000 (${(large.lookups / small.lookups).toFixed(1)} times)`,
    );
  });
});
