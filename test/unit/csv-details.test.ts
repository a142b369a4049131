// Issue 17 item 5: CSV details. A range in a "DOS To" cell, claim ids of rows whose dates cannot
// be read, and claim totals added in cents as the X12 reader adds them.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCsv } from '../../server/src/core/csv/index';
import { parseX12 } from '../../server/src/core/x12/index';
import type { Span } from '../../server/src/core/model';
import { writeX12 } from './helpers/x12-writer';

const at = (text: string, span: Span | null): string | null => (span ? text.slice(span.start, span.end) : null);

describe('CSV: a range in the "to" date column', () => {
  const text = 'Claim,DOS,DOS To,CPT\nA,2026-03-12,2026-03-12 - 2026-03-13,99213\n';
  const doc = parseCsv(text);

  it('is reported on its cell with a message that does not recommend a range', () => {
    assert.deepEqual(doc.findings.map((f) => f.rule), ['csv.date-invalid']);
    const f = doc.findings[0]!;
    assert.equal(at(text, f.span), '2026-03-12 - 2026-03-13');
    assert.doesNotMatch(f.message, /from - to/);
    assert.equal(
      f.message,
      'Line 2: column "DOS To" holds a range of dates; it should hold one date, the last day of service (YYYY-MM-DD, MM/DD/YYYY, M/D/YY or YYYYMMDD).',
    );
  });

  it('an unreadable "to" date is told the forms of one date', () => {
    const other = parseCsv('Claim,DOS,DOS To,CPT\nA,2026-03-12,soon,99213\n');
    assert.equal(
      other.findings[0]!.message,
      'Line 2: the value in column "DOS To" is not a readable date; expected YYYY-MM-DD, MM/DD/YYYY, M/D/YY or YYYYMMDD.',
    );
  });
});

describe('CSV: claims grouped by patient and date', () => {
  it('rows of one patient with different unreadable dates get different claim ids', () => {
    const doc = parseCsv('Patient,DOS,CPT\nP1,someday,99213\nP1,later,99214\nP1,someday,99215\nP1,2026-03-12,43214\n');
    const ids = doc.claims.map((c) => c.id);
    assert.equal(doc.claims.length, 3);
    assert.equal(new Set(ids).size, ids.length, `claim ids ${JSON.stringify(ids)} are not unique`);
    assert.deepEqual(doc.claims.map((c) => c.lines.map((l) => l.code)), [['99213', '99215'], ['99214'], ['43214']]);
  });

  it('a range and a single day that start on the same date get different claim ids', () => {
    const doc = parseCsv('Patient,DOS,CPT\nP1,2026-03-12,99213\nP1,2026-03-12 - 2026-03-13,99214\n');
    const ids = doc.claims.map((c) => c.id);
    assert.equal(doc.claims.length, 2);
    assert.equal(new Set(ids).size, 2, `claim ids ${JSON.stringify(ids)} are not unique`);
    assert.equal(ids[0], 'P1 2026-03-12');
  });
});

describe('CSV and X12 claim totals', () => {
  it('are added in cents, line by line, in both readers', () => {
    const charges = ['0.005', '0.005', '0.005'];
    const csv = parseCsv(`Claim,CPT,Charge\n${charges.map((c, i) => `A,9921${i + 3},${c}`).join('\n')}\n`);
    // X12: CLM02 0.03 balances three lines of 0.005 (each one cent), and 0.02 does not.
    const x12 = (total: string) =>
      parseX12(writeX12([{ id: 'A', totalCharge: total, lines: charges.map((charge, i) => ({ code: `9921${i + 3}`, charge })) }]).text);
    assert.deepEqual(x12('0.03').findings, []);
    assert.deepEqual(x12('0.02').findings.map((f) => f.rule), ['x12.clm02-sum']);
    assert.equal(csv.claims[0]!.totalCharge, 0.03);
  });
});
