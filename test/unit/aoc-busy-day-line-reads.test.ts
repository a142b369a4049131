// The add-on code check (rules/checkAddOns.ts) on one patient's busy day: a claim CSV without a
// patient or claim-id column is one patient (README: "with neither, the whole file is one
// patient"), so a day's charge export of a wound-care or spine practice (many 11042 + 11045 rows)
// is one group of thousands of lines by one provider, checked again on every keystroke. Each
// add-on line looked through every line of the day for its primary, and each primary through
// every line for what bundles it: 8,000 pairs took about 18 s. The lines beside a line are now
// indexed by provider and code (besideLines.ts), and a line stops at the first that settles it.
//
// The test counts what the check reads of the group's lines (calls into its KeptLines), which
// does not depend on the machine: 4 times the rows should make about 4 times the reads, not 16.
// How long the check takes is measured in bench/scaleRules.ts, not here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../../server/src/core/parse';
import { AocTable } from '../../server/src/core/rules/aoc';
import { checkAddOnGroup } from '../../server/src/core/rules/checkAddOns';
import type { RunFinding } from '../../server/src/core/rules/checkPtp';
import type { KeptLines } from '../../server/src/core/rules/keptLines';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { ServiceGrouper } from '../../server/src/core/rules/serviceGroups';

/** Synthetic type 1 row: `addOn` is paid only with `primary`. */
function addOnTable(addOn: string, primary: string): AocTable {
  const aoc = new AocTable();
  aoc.add({ addOn, primary, type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt' });
  return aoc;
}

/** One day without a patient or claim-id column, one provider: n times the codes. */
function dayExport(n: number, codes: readonly string[]): string {
  const rows = ['CPT,DOS,Units,NPI'];
  for (let i = 0; i < n; i++) for (const code of codes) rows.push(`${code},2026-03-10,1,1234567893`);
  return rows.join('\n') + '\n';
}

/** The lines with every call of a KeptLines method counted. */
function counting(lines: KeptLines): { lines: KeptLines; reads: () => number } {
  let calls = 0;
  const proxy = new Proxy(lines, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { lines: proxy, reads: () => calls };
}

/** The add-on findings of the day's one group (with the built-in PTP edits: 43200 bundled into 43214), and the line reads they took. */
function check(text: string, table: AocTable): { rules: string[]; reads: number } {
  const grouper = new ServiceGrouper();
  grouper.add(parseDocument(text).claims, { x12: false });
  const groups = [...grouper.groups()];
  assert.equal(groups.length, 1);
  const { lines, reads } = counting(groups[0]!.lines);
  const out: RunFinding[] = [];
  checkAddOnGroup({ ...groups[0]!, lines }, table, out, emptyKnowledge(true).tables);
  return { rules: out.map((f) => f.finding.rule), reads: reads() };
}

describe('add-on codes of one patient on one busy day (scale)', () => {
  it('4 times the add-on lines and their primaries make about 4 times the line reads, not 16', () => {
    const table = addOnTable('11045', '11042');
    const small = check(dayExport(500, ['11042', '11045']), table);
    const large = check(dayExport(2000, ['11042', '11045']), table);
    // Every add-on has its primary beside it: nothing to report.
    assert.deepEqual(small.rules, []);
    assert.deepEqual(large.rules, []);
    assert.ok(large.reads <= 8 * small.reads, `${small.reads} line reads for 1,000 rows, ${large.reads} for 4,000 (${(large.reads / small.reads).toFixed(1)} times)`);
  });

  it('so do add-on lines whose primaries are all bundled away, each looking for what bundles it', () => {
    // Synthetic: 43273 paid only with 43200, which 43214 bundles (indicator 0) on every row.
    const table = addOnTable('43273', '43200');
    const small = check(dayExport(300, ['43214', '43200', '43273']), table);
    const large = check(dayExport(1200, ['43214', '43200', '43273']), table);
    assert.equal(small.rules.length, 300);
    assert.equal(large.rules.length, 1200);
    assert.ok(large.reads <= 8 * small.reads, `${small.reads} line reads for 900 rows, ${large.reads} for 3,600 (${(large.reads / small.reads).toFixed(1)} times)`);
  });
});
