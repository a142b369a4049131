// Issue 15 item 9: a CSV header line over 64 KiB (thousands of columns) was read as having no
// procedure-code column though it has one. The whole header line is read; what stops the search
// is a cell no header name is as long as.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { looksLikeClaimCsv, parseCsv } from '../../server/src/core/csv/index';
import { detectFormat } from '../../server/src/core/parse';

describe('a CSV header line over 64 KiB', () => {
  const extra = Array.from({ length: 5000 }, (_, i) => `Extra Column ${String(i).padStart(4, '0')}`);
  for (const [name, headers] of [
    ['procedure code last', [...extra, 'Claim ID', 'CPT']],
    ['procedure code first', ['CPT', 'Claim ID', ...extra]],
    ['quoted names', [...extra.map((h) => `"${h}"`), '"Claim ID"', '"CPT"']],
  ] as const) {
    it(`${name}: found, and its rows read`, () => {
      const header = headers.join(',');
      assert.ok(header.length > 65536, `${header.length}`);
      const cells = (claim: string, code: string) => headers.map((h) => (h.includes('CPT') ? code : h.includes('Claim ID') ? claim : '')).join(',');
      const text = `${header}\n${cells('A', '43214')}\n${cells('A', '43200')}\n`;
      assert.equal(looksLikeClaimCsv(text), true);
      assert.equal(detectFormat(text), 'csv');
      const doc = parseCsv(text);
      assert.deepEqual(doc.claims.map((c) => [c.id, c.lines.map((l) => l.code)]), [['A', ['43214', '43200']]]);
    });
  }

  it('a first line with a cell longer than any header name is still not a header', () => {
    assert.equal(looksLikeClaimCsv(`CPT,${'x'.repeat(200000)}\n43214,1\n`), false);
    assert.equal(looksLikeClaimCsv(`${'y'.repeat(5_000_000)}\nCPT,Claim\n`), false);
    // Nor one with more columns than a spreadsheet has (a single-line file of numbers).
    assert.equal(looksLikeClaimCsv(`CPT,Claim ID,${'1,'.repeat(2_000_000)}\n43214,A\n`), false);
    // A quoted cell that does not close within that length: the line is read up to its first
    // line break, quotes and all, as an unterminated quote is.
    assert.equal(looksLikeClaimCsv(`Claim ID,CPT,"Note\n${'z,'.repeat(100000)}\n`), true);
  });
});
