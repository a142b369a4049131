// Issue 17 item 3: the PTP reader's quote cache compared the chunk text by value on every line,
// so a table of identical rows (whose 1 MB chunks are equal strings that are not the same string)
// compared a megabyte per line: 160,000 identical rows loaded in about 50 s, distinct rows of the
// same size in 0.2 s. How long each takes is the bench's (bench/budgets.ts repetitiveTable, a
// ratio of CPU times); here, what the cache does, counted: the searches for a quote it makes.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { loadPtpTable } from '../../server/src/core/rules/ptp';

const ROWS = 160_000;
const code = (n: number) => String(10000 + (n % 89999));
/** Rows of the same length: 43214/43200 every time, or a different pair on each row. */
const table = (row: (i: number) => string) => Buffer.from(Array.from({ length: ROWS }, (_, i) => row(i)).join('\r\n') + '\r\n', 'latin1');
const identical = table(() => '43214\t43200\t\t20140101\t*\t0\t');
const distinct = table((i) => `${code(i)}\t${code(i * 7 + 1)}\t\t20140101\t*\t0\t`);

/**
 * Loads the table counting the searches for a double quote (String.prototype.indexOf('"'), how
 * the row scanner finds one) and the characters they go over.
 */
function quoteSearches(bytes: Buffer): { rows: number; searches: number; scanned: number } {
  const indexOf = String.prototype.indexOf;
  let searches = 0;
  let scanned = 0;
  String.prototype.indexOf = function (this: string, search: string, from?: number): number {
    const at = indexOf.call(this, search, from);
    if (search === '"') {
      searches++;
      scanned += (at < 0 ? this.length : at) - Math.max(0, from ?? 0);
    }
    return at;
  };
  try {
    const rows = loadPtpTable(bytes, 'ptp.txt').rows;
    return { rows, searches, scanned };
  } finally {
    String.prototype.indexOf = indexOf;
  }
}

describe('loading a PTP table of repeated rows', () => {
  it('160,000 identical rows are searched for quotes once a chunk, as 160,000 distinct rows of the same size are', () => {
    assert.equal(identical.length, distinct.length);
    assert.ok(identical.length > 4_000_000, `${identical.length} bytes: several 1 MB chunks`);
    const repeated = quoteSearches(identical);
    const reference = quoteSearches(distinct);
    assert.equal(repeated.rows, ROWS);
    assert.equal(reference.rows, ROWS);
    // No quote in the table: one search a chunk, to its end (not one a line, nor a chunk read again).
    assert.ok(repeated.searches > 0 && repeated.searches <= 10, `${repeated.searches} searches for a quote in ${identical.length} bytes`);
    assert.ok(repeated.scanned <= identical.length, `${repeated.scanned} characters searched in ${identical.length} bytes`);
    assert.deepEqual(repeated, reference, 'identical and distinct rows are searched alike');
  });

  it('a quote in a later chunk of identical text is still seen (the cache follows the chunk)', () => {
    // Chunks of equal text, the last one with a quoted row: it must take the quote-aware path.
    const plain = '43214\t43200\t\t20140101\t*\t0\t\r\n';
    const rows = Array.from({ length: 40_000 }, () => plain);
    rows.push('"43215"\t"43200"\t\t"20140101"\t*\t"1"\t"Quoted, rationale"\r\n');
    const result = loadPtpTable(Buffer.from(rows.join(''), 'latin1'), 'ptp.txt');
    assert.equal(result.rows, 40_001);
    assert.equal(result.rules.lookup('43215', '43200', 20200101)?.rationale, 'Quoted, rationale');
  });
});
