// The lines a claim CSV read in pieces stages for its coding run (csv/stagedRows.ts): each row
// gives back what the line was staged from, and a run's table copies a staged row as it copies a
// row of another table (KeptLines.addFrom).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceLine } from '../../server/src/core/model';
import { modifier, numberedLine } from './helpers/service-lines';
import { StagedRows } from '../../server/src/core/csv/stagedRows';
import { KeptLines } from '../../server/src/core/rules/keptLines';

/** Line n as a CSV row gives it: its own code, modifiers, units and line number. */
function line(n: number): ServiceLine {
  return numberedLine(n, {
    // A CSV row's number is a plain one; a line number written otherwise is kept as written.
    lineNumber: n % 10 === 0 ? `0${n}` : String(n + 2),
    code: `${43200 + (n % 9)}`,
    modifiers: n % 4 === 0 ? [modifier('59')] : n % 4 === 1 ? [modifier('25')] : [],
    units: n % 5 === 0 ? null : (n % 7) + 0.5,
  });
}

describe('staged rows', () => {
  it('give back what each line was staged from, past many growths of their columns, and are copied as a table row is', () => {
    const staged = new StagedRows();
    const table = new KeptLines();
    const count = 5000;
    for (let n = 0; n < count; n++) {
      const claim = n >> 2;
      staged.add(line(n), claim, 1000, `R${n % 6}`, `B${n % 2}`);
      table.add(line(n), { file: 0, claimIndex: claim, order: n, base: 1000, x12: false, provider: `R${n % 6}`, billing: `B${n % 2}` });
    }
    assert.equal(staged.size, count);
    const reads = ['claimIndex', 'lineIndex', 'lineNumber', 'plainLineNumber', 'x12', 'code', 'from', 'to', 'units', 'codeSpan', 'unitsSpan', 'provider', 'billing', 'signature'] as const;
    for (let n = 0; n < count; n++) {
      for (const read of reads) assert.deepEqual(staged[read](n), table[read](n), `${read} of row ${n}`);
    }
    const fromStaged = new KeptLines();
    const fromTable = new KeptLines();
    for (let n = count - 1; n >= 0; n--) {
      const a = fromStaged.addFrom(staged, n, { file: 3, order: 2 * n, claimId: n });
      const b = fromTable.addFrom(table, n, { file: 3, order: 2 * n, claimId: n });
      for (const read of [...reads, 'file', 'order'] as const) assert.deepEqual(fromStaged[read](a), fromTable[read](b), `${read} of the copy of row ${n}`);
      assert.equal(fromStaged.providerNumber(a), fromTable.providerNumber(b));
      assert.equal(fromStaged.billingNumber(a), fromTable.billingNumber(b));
    }
  });
});
