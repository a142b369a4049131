// Found in an EDI analyst's review: an NPI whose check digit is wrong, or with 9 digits, passed
// every check (the guide bounds NM109 to 2-80 characters), where a clearinghouse rejects the
// claim. A provider's NM1 with NM108 XX now gets x12.npi-invalid on NM109 unless it is ten digits
// whose last is the Luhn check digit of the first nine under the prefix 80840. Synthetic data only
// (1234567893 and 1999999984 are valid NPIs by the check, used in examples).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';
import { replaced } from './helpers/guide-findings';

const day = { from: 20240110, to: 20240110 };
const text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
const knowledge = emptyKnowledge(false);

function npiFindings(source: string, mode: 'off' | 'envelope' | 'full' = 'envelope') {
  return analyze(source, knowledge, undefined, undefined, { guideChecks: mode }).findings.filter((f) => f.rule === 'x12.npi-invalid');
}

describe('x12.npi-invalid', () => {
  it('a valid NPI passes (1234567893, and 1999999984 as a rendering provider)', () => {
    assert.ok(text.includes('XX*1234567893'), 'the premise: the writer\'s billing NPI');
    assert.deepEqual(npiFindings(text), []);
    const rendering = replaced(text, 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~', 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~NM1*82*1*DOE*JOHN****XX*1999999984~');
    assert.deepEqual(npiFindings(rendering), []);
  });

  it('a wrong check digit, on NM109 of the billing provider, in envelope and full, not off', () => {
    const bad = replaced(text, 'XX*1234567893', 'XX*1234567890');
    const found = npiFindings(bad);
    assert.equal(found.length, 1);
    assert.equal(bad.slice(found[0]!.span.start, found[0]!.span.end), '1234567890');
    assert.equal(found[0]!.severity, 'error');
    assert.match(found[0]!.message, /not the check digit of the first nine/);
    assert.ok(!found[0]!.message.includes('1234567890'), 'the id is not quoted');
    assert.equal(npiFindings(bad, 'full').length, 1);
    assert.equal(npiFindings(bad, 'off').length, 0);
  });

  it('nine digits, or letters, on a rendering provider\'s NM1 in a claim', () => {
    for (const [id, words] of [['123456789', /has 9 digits/], ['12345678A3', /other characters than digits/]] as const) {
      const bad = replaced(text, 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~', `CLM*C1*100.00***11:B:1*Y*A*Y*Y~NM1*82*1*DOE*JOHN****XX*${id}~`);
      const found = npiFindings(bad);
      assert.equal(found.length, 1, id);
      assert.match(found[0]!.message, words);
    }
  });

  it('other providers\' NM1s too: a referring provider (DN), with the NPI check digit wrong', () => {
    const bad = replaced(text, 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~', 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~NM1*DN*1*ROE*RITA****XX*1999999985~');
    const found = npiFindings(bad);
    assert.equal(found.length, 1);
    assert.equal(bad.slice(found[0]!.span.start, found[0]!.span.end), '1999999985');
  });

  it('an NM1 with elements past NM109 is read element by element (the same answer)', () => {
    const bad = replaced(text, 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~', 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~NM1*82*1*DOE*JOHN****XX*1999999985*01~');
    assert.equal(npiFindings(bad).length, 1);
    const good = replaced(text, 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~', 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~NM1*82*1*DOE*JOHN****XX*1999999984*01~');
    assert.equal(npiFindings(good).length, 0);
  });

  it('not an NPI\'s NM1: another id qualifier (NM108 46, MI), or a subscriber', () => {
    assert.deepEqual(npiFindings(replaced(text, 'XX*1234567893', '24*123456789')), []);
    assert.deepEqual(npiFindings(replaced(text, 'NM1*IL*1*DOE*JANE****MI*M000001', 'NM1*IL*1*DOE*JANE****XX*1234567890')), []);
  });
});
