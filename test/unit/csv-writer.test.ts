import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatCharge, formatDate, writeClaimsCsv, writeClaimsCsvDetailed } from './helpers/csv-writer';

describe('csv test writer', () => {
  const claims = [
    { id: 'C1', patientId: 'P1', lines: [{ code: '43214', modifiers: ['59', 'XS'], date: 20240305, units: 1, charge: 1250 }] },
    { id: 'C"2', lines: [{ code: '99213', date: { from: 20240301, to: 20240302 } }] },
  ];

  it('writes the default layout with minimal quoting', () => {
    assert.equal(
      writeClaimsCsv(claims),
      'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Modifiers,Units,Charge\n' +
        'C1,P1,2024-03-05,43214,59 XS,1,1250.00\n' +
        '"C""2",,2024-03-01 - 2024-03-02,99213,,,\n',
    );
  });

  it('honours delimiter, quoting, line endings, BOM, header names and formats', () => {
    const { text, rows } = writeClaimsCsvDetailed(claims, {
      delimiter: ';',
      lineEnding: '\r\n',
      trailingLineBreak: false,
      bom: true,
      quote: 'all',
      columns: ['claimId', 'procedureCode', 'modifier1', 'modifier2', 'charge', 'dateOfService', 'dateOfServiceTo'],
      headerNames: { claimId: 'ICN', modifier1: 'Mod1' },
      dateFormat: 'M/D/YY',
      chargeFormat: 'thousands',
      preamble: ['Export'],
    });
    assert.equal(
      text,
      '\uFEFFExport\r\n' +
        '"ICN";"CPT/HCPCS";"Mod1";"Modifier 2";"Charge";"Date of Service";"To Date"\r\n' +
        '"C1";"43214";"59";"XS";"$1,250.00";"3/5/24";"3/5/24"\r\n' +
        '"C""2";"99213";"";"";"";"3/1/24";"3/2/24"',
    );
    assert.deepEqual(rows.map((r) => [r.claimIndex, r.lineIndex, r.line]), [[0, 0, 3], [1, 0, 4]]);
    assert.equal(text.slice(rows[1]!.start, rows[1]!.start + 6), '"C""2"');
  });

  it('formats dates and charges', () => {
    assert.equal(formatDate(20240305, 'YYYY-MM-DD'), '2024-03-05');
    assert.equal(formatDate(20240305, 'MM/DD/YYYY'), '03/05/2024');
    assert.equal(formatDate(20040305, 'M/D/YY'), '3/5/04');
    assert.equal(formatDate(20240305, 'YYYYMMDD'), '20240305');
    assert.equal(formatCharge(1234567.5, 'thousands'), '$1,234,567.50');
    assert.equal(formatCharge(-5, 'dollar'), '-$5.00');
    assert.equal(formatCharge(0.1, 'plain'), '0.10');
  });
});
