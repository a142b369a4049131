// Found in review (corpus2, OopFactory 837P 5010 Medicaid example: `SV1*XX>99999*...`): a segment
// that sits where the guide has it, but whose qualifier (the first element or component the
// walker tells segments apart by) is not one of the guide's codes, is reported as two structural
// problems: "Segment SV1*XX is not expected here (after LX in loop 2400)" on the SV1, and
// "Required segment SV1 (Professional Service) is missing before this segment" on the DTP after
// it. The SV1 is not missing: it is there, in its place, with a bad SV101-01 code. A clearinghouse
// reports the code (SV101-01 'XX' is not a valid Product or Service ID Qualifier); the second
// finding tells the user to add a segment the file already has.
// Decided first: the unexpected-segment finding named the qualifier and its codes, and both
// findings stayed, as pyx12 reports both. Decided again after an EDI analyst's review (the same
// defect in HL03 made thirteen findings of every segment after it): a qualifier no segment of its
// id takes is a bad code, said once as guide.code-invalid, and the segment is placed
// (guides/qualifierRecovery.ts). pyx12's cascade is no longer matched (docs/implementation-guides.md).
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

  test('one finding: the bad code of SV101-01, with the codes it takes; the SV1 is placed, so nothing is missing after it', () => {
    const found = fullFindings(bad);
    assert.deepEqual(found.map((f) => `${f.rule}: ${f.message}`), ["guide.code-invalid: 'XX' is not a valid code for SV101-01 (Product or Service ID Qualifier) here: it takes ER, HC, IV or WK."]);
    assert.equal(bad.slice(found[0]!.span.start, found[0]!.span.end), 'XX');
  });
});
