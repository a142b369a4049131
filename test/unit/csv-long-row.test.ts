// Found in review: a row with more fields than the header is read without a finding (rows.ts reports only
// rows that are short). An unquoted "1,234.00" in the last (charge) column splits in two and the
// charge is silently read as 1; an unquoted "59,XS" in the last (modifiers) column silently loses
// XS. Expected: a finding on the row, as for a short one.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCsv } from '../../server/src/core/csv/index';

function findingsOnRow(text: string, row: string): string[] {
  const start = text.indexOf(row);
  const end = start + row.length;
  return parseCsv(text).findings.filter((f) => f.span.start >= start && f.span.end <= end).map((f) => f.rule);
}

describe('rows longer than the header', () => {
  it('an unquoted thousands separator in the last (charge) column', () => {
    const text = 'Claim ID,CPT,DOS,Charge\nC1,43214,2024-03-15,1,234.00\n';
    const doc = parseCsv(text);
    assert.equal(doc.claims[0]!.lines[0]!.charge, 1); // what is read: the rest is not
    assert.notDeepEqual(findingsOnRow(text, 'C1,43214,2024-03-15,1,234.00'), []);
  });

  it('unquoted modifiers "59,XS" in the last (modifiers) column', () => {
    const text = 'Claim ID,CPT,DOS,Modifiers\nC1,43200,2024-03-15,59,XS\n';
    const line = parseCsv(text).claims[0]!.lines[0]!;
    const read = line.modifiers.map((m) => m.value);
    assert.ok(read.includes('XS') || findingsOnRow(text, 'C1,43200,2024-03-15,59,XS').length > 0, `read ${JSON.stringify(read)} with no finding`);
  });
});
