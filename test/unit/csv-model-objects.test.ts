// The claims and lines of a claim CSV's model hold their spans as offsets (CsvClaim,
// CsvServiceLine): each span they give must be the text it names, absent ones null, the cell a
// modifier goes into must be the one the row writes, and JSON must give the plain model.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Span } from '../../server/src/core/model';
import { parseCsv } from '../../server/src/core/csv';
import { CsvClaim, CsvServiceLine } from '../../server/src/core/csv/csvLine';

const at = (text: string, span: Span | null) => (span === null ? null : text.slice(span.start, span.end));

describe('csv model objects: spans as offsets', () => {
  it('give each span as the text it names, and the modifier cell of each row', () => {
    const text = ['Claim ID,Patient ID,Date of Service,CPT,Modifiers,Units,Charge', 'C1,P1,2026-03-10,43214,,2,900.00', 'C1,P1,2026-03-11,43200,"59,XS",,', 'C2,P2,,76000,RT,1,50.00'].join('\r\n');
    const doc = parseCsv(text);
    const [first, second] = doc.claims;
    assert.ok(first instanceof CsvClaim && second instanceof CsvClaim);
    assert.equal(at(text, first.idSpan), 'C1');
    assert.equal(at(text, first.span), 'C1,P1,2026-03-10,43214,,2,900.00\r\nC1,P1,2026-03-11,43200,"59,XS",,');
    assert.equal(first.totalCharge, 900);
    const [a, b] = first.lines;
    const [c] = second.lines;
    assert.ok(a instanceof CsvServiceLine && b instanceof CsvServiceLine && c instanceof CsvServiceLine);
    assert.deepEqual([a.lineNumber, b.lineNumber, c.lineNumber], ['2', '3', '4']);
    assert.equal(at(text, a.codeSpan), '43214');
    assert.equal(at(text, a.unitsSpan), '2');
    assert.equal(at(text, a.chargeSpan), '900.00');
    assert.equal(at(text, a.dateSpan), '2026-03-10');
    assert.equal(at(text, a.recordSpan), 'C1,P1,2026-03-10,43214,,2,900.00');
    // Removing a row removes its line break too; the last row, the one before it.
    assert.equal(at(text, a.span), 'C1,P1,2026-03-10,43214,,2,900.00\r\n');
    assert.equal(at(text, c.span), '\r\nC2,P2,,76000,RT,1,50.00');
    assert.equal(b.unitsSpan, null);
    assert.equal(b.chargeSpan, null);
    assert.equal(c.dateSpan, null);
    assert.deepEqual(b.modifiers.map((m) => at(text, m.span)), ['59', 'XS']);
    for (const [line, cell] of [[a, ''], [b, '"59,XS"'], [c, 'RT']] as const) {
      const insert = line.modifierInsert;
      assert.ok(insert && insert.kind === 'csv-cell');
      assert.equal(insert.column, 4);
      assert.equal(at(text, insert.cellSpan), cell);
      assert.equal(insert.quoted, cell.startsWith('"'));
    }
  });

  it('keep an insert point that is not one cell (numbered modifier columns) as it is', () => {
    const text = ['Claim ID,Patient ID,Date of Service,CPT,Modifier 1,Modifier 2,Units,Charge', 'C1,P1,2026-03-10,43214,59,,1,900.00'].join('\n');
    const line = parseCsv(text).claims[0]!.lines[0]!;
    const insert = line.modifierInsert;
    assert.ok(insert && insert.kind === 'csv-columns');
    assert.deepEqual(insert.cells.map((cell) => [cell.column, at(text, cell.cellSpan)]), [[4, '59'], [5, '']]);
  });

  it('give JSON of the plain model: the same keys as an object literal claim and line', () => {
    const text = ['Claim ID,Patient ID,Date of Service,CPT,Units,Charge', 'C1,P1,2026-03-10,43214,1,900.00'].join('\n');
    const json = JSON.parse(JSON.stringify(parseCsv(text).claims[0]));
    assert.deepEqual(Object.keys(json), ['index', 'id', 'idSpan', 'patientId', 'patientKey', 'billingProviderId', 'renderingProviderId', 'kind', 'totalCharge', 'totalChargeText', 'totalChargeSpan', 'dateOfService', 'dateSpan', 'lines', 'span', 'transactionIndex']);
    assert.deepEqual(Object.keys(json.lines[0]), ['index', 'lineNumber', 'lineNumberSpan', 'qualifier', 'code', 'codeSpan', 'modifiers', 'modifierInsert', 'charge', 'chargeText', 'chargeSpan', 'units', 'unitsSpan', 'dateOfService', 'dateSpan', 'dateInherited', 'providerId', 'span', 'segmentCount', 'recordSpan']);
    assert.equal(json.lines[0].lineNumber, '2');
    assert.deepEqual(json.lines[0].codeSpan, { start: text.indexOf('43214'), end: text.indexOf('43214') + 5 });
  });
});
