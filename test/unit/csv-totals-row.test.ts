// A claim export saved from a spreadsheet often has summary rows: "Total" or "Grand Total:" under
// the claim id (or a "Subtotal for C1" after each claim), with summed units and charges, no code
// and no date. Read as a service line, such a row made a claim of its own and a warning that its
// code cell was empty. It is now left out, and the first of a file is named in one Information
// finding that counts the others (csv/totalsRows.ts); the reader in pieces says the same.
// Synthetic rows; the built-in 43214 set (43214/43200 is an indicator-0 pair).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { CsvStream } from '../../server/src/core/csv/stream';
import { totalsLabelOf } from '../../server/src/core/csv/totalsRows';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { loadedTablesOf } from '../../server/src/core/rules/tablesMissing';

const knowledge = emptyKnowledge(true);
const csv = (rows: string[]) => ['Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge', ...rows, ''].join('\n');

const summary = (findings: readonly Finding[], text: string) =>
  findings.filter((f) => f.rule.startsWith('csv.')).map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, row: text.slice(f.span.start, f.span.end) }));

/** The findings of the text read in pieces of `size` characters. */
function streamed(text: string, size: number): { findings: Finding[]; claims: number; serviceLines: number } {
  const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: () => true, loaded: loadedTablesOf(knowledge) });
  for (let at = 0; at < text.length; at += size) assert.ok(stream.feed(text.slice(at, at + size)));
  const result = stream.end();
  assert.ok(result !== null);
  return { findings: result.findings, claims: result.claims, serviceLines: result.serviceLines };
}

describe('csv.totals-row: a spreadsheet summary row is not a claim', () => {
  const text = csv([
    'C1,M1,10/15/2026,43214,1,1500.00',
    'C1,M1,10/15/2026,43200,1,400.00',
    'Subtotal for C1,,,,2,1900.00',
    'C2,M2,10/15/2026,99213,1,100.00',
    ',,,,,',
    'GRAND  TOTAL:,,,,3,"2,000.00"',
  ]);

  it('leaves the rows out, names the first and counts the rest, once a file', () => {
    const analysis = analyze(text, knowledge);
    assert.deepEqual(analysis.doc.claims.map((c) => [c.id, c.lines.length]), [['C1', 2], ['C2', 1]]);
    assert.deepEqual(summary(analysis.findings, text), [
      { rule: 'csv.totals-row', severity: 'information', message: 'Line 4 is a totals row ("Subtotal"), not a service line: it is not read as a claim, nor is 1 other row like it.', row: 'Subtotal for C1,,,,2,1900.00' },
    ]);
    // The coding checks still see the real lines.
    assert.deepEqual(analysis.findings.filter((f) => f.rule === 'ptp.conflict').length, 1);
  });

  it('the reader in pieces says the same, whichever piece the row is in', () => {
    const whole = analyze(text, knowledge);
    for (const size of [7, 40, 64, text.length]) {
      const pieces = streamed(text, size);
      assert.equal(pieces.claims, 2, `pieces of ${size}`);
      assert.equal(pieces.serviceLines, 3, `pieces of ${size}`);
      assert.deepEqual(summary(pieces.findings, text), summary(whole.findings, text), `pieces of ${size}`);
    }
  });

  it('one totals row: said without a count', () => {
    const one = csv(['C1,M1,10/15/2026,99213,1,90.00', 'Total,,,,1,90.00']);
    assert.deepEqual(
      analyze(one, knowledge).findings.map((f) => f.message),
      ['Line 3 is a totals row ("Total"), not a service line: it is not read as a claim.'],
    );
  });

  it('is not said of a row with a date of service or a well-formed code, nor of a word that only starts like a label', () => {
    const rows = csv(['Total,M1,10/15/2026,,1,90.00', 'Total,M2,,99213,1,90.00', 'TOTALITY-7,M3,,,1,1.00', 'Summit,M4,,,1,1.00']);
    const analysis = analyze(rows, knowledge);
    assert.deepEqual(analysis.findings.filter((f) => f.rule === 'csv.totals-row'), []);
    assert.equal(analysis.doc.claims.length, 4);
  });

  it('reads labels as whole words, any case and spacing; the rest of the cell is never shown', () => {
    assert.equal(totalsLabelOf('Total'), 'total');
    assert.equal(totalsLabelOf('  grand   Total: '), 'grand total');
    assert.equal(totalsLabelOf('Sub-Total for Jane Doe'), 'sub-total');
    assert.equal(totalsLabelOf('Totals'), 'totals');
    assert.equal(totalsLabelOf('Sum'), 'sum');
    assert.equal(totalsLabelOf('Totality'), null);
    assert.equal(totalsLabelOf('Summary'), null);
    assert.equal(totalsLabelOf('C1'), null);
    const named = analyze(csv(['C1,M1,10/15/2026,99213,1,90.00', 'Total for Jane Doe,,,,1,90.00']), knowledge).findings[0]!;
    assert.doesNotMatch(named.message, /Jane|Doe/);
  });
});
