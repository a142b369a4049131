// Found in review (corpus2, OopFactory 837P 5010 Medicaid example: `SV1*XX>99999*...`): a segment
// that sits where the guide has it, but whose qualifier (the first element or component the
// walker tells segments apart by) is not one of the guide's codes, is reported as two structural
// problems: "Segment SV1*XX is not expected here (after LX in loop 2400)" on the SV1, and
// "Required segment SV1 (Professional Service) is missing before this segment" on the DTP after
// it. The SV1 is not missing: it is there, in its place, with a bad SV101-01 code. A clearinghouse
// reports the code (SV101-01 'XX' is not a valid Product or Service ID Qualifier); the second
// finding tells the user to add a segment the file already has.
// Decided: the unexpected-segment finding now names the qualifier and its codes; both findings
// stay, as pyx12 places segments the same way (its is_match) and reports both, which the
// comparison with pyx12 holds to (README, "Implementation guides").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeX12 } from './helpers/x12-writer';
import { fullFindings, replaced } from './helpers/guide-findings';

const day = { from: 20240110, to: 20240110 };

describe('an SV1 whose SV101-01 qualifier is not a guide code', () => {
  const text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
  const bad = replaced(text, 'SV1*HC:99213*', 'SV1*XX:99213*');

  test('the valid form passes', () => {
    assert.deepEqual(fullFindings(text).map((f) => f.rule), []);
  });

  test('the finding names the bad code of SV101-01', () => {
    const found = fullFindings(bad);
    assert.ok(
      found.some((f) => f.message.includes('SV101-01')),
      JSON.stringify(found.map((f) => `${f.rule}: ${f.message}`)),
    );
    const unexpected = found.find((f) => f.rule === 'guide.segment-unexpected');
    assert.ok(unexpected);
    assert.match(unexpected.message, /SV1 is allowed here only with SV101-01 one of ER, HC, IV, WK/);
  });
});
