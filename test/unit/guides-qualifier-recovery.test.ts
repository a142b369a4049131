// Found in an EDI analyst's review: a segment whose qualifier holds a code no segment of its id
// takes (HL*2*1*21*0, BHT*0020, NM1*117) was left unplaced, and every segment after it was "not
// expected here" with it (13 findings of one HL03), where a clearinghouse's 999 reports the one
// code. Such a segment is now placed where the walk reaches it with the fewest findings, and its
// qualifier is reported as a code not in its list, naming the codes the place takes
// (guides/qualifierRecovery.ts). A segment out of place, one too many where it would go, or whose
// qualifier does not read as a code (another component separator, an id) stays unexpected.
// Synthetic claims (test/unit/helpers/x12-writer.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeX12 } from './helpers/x12-writer';
import { fullFindings, replaced } from './helpers/guide-findings';

const day = { from: 20240110, to: 20240110 };
const professional = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
const institutional = writeX12([{ id: 'C1', date: { from: 20240110, to: 20240112 }, lines: [{ code: '99213', charge: '100.00', date: day }] }], { kind: 'institutional' }).text;

const shown = (text: string) => fullFindings(text).map((f) => `${f.rule}: ${f.message} [${text.slice(f.span.start, f.span.end)}]`);

describe('a qualifier no segment of its id takes is one finding, on that code', () => {
  test('the valid files pass (the premise)', () => {
    assert.deepEqual(shown(professional), []);
    assert.deepEqual(shown(institutional), []);
  });

  test('HL03 21 on the subscriber\'s HL: the subscriber, claim and line after it are read in place', () => {
    assert.deepEqual(shown(replaced(professional, 'HL*2*1*22*0', 'HL*2*1*21*0')), ["guide.code-invalid: '21' is not a valid code for HL03 (Hierarchical Level Code) here: it takes 22. [21]"]);
  });

  test('the finding carries its place in the guide: loop and element (for a report matched to a 999)', () => {
    const [finding] = fullFindings(replaced(professional, 'HL*2*1*22*0', 'HL*2*1*21*0'));
    assert.deepEqual(finding!.guide, { loop: '2000B', element: 'HL03' });
  });

  test('BHT01 0020', () => {
    assert.deepEqual(shown(replaced(professional, 'BHT*0019', 'BHT*0020')), ["guide.code-invalid: '0020' is not a valid code for BHT01 (Hierarchical Structure Code) here: it takes 0019. [0020]"]);
  });

  test('NM101 117 where the billing provider\'s NM1 is', () => {
    assert.deepEqual(shown(replaced(professional, 'NM1*85*2', 'NM1*117*2')), ["guide.code-invalid: '117' is not a valid code for NM101 (Entity Identifier Code) here: it takes 85. [117]"]);
  });

  test('the codes named are all the place takes, not the one segment\'s chosen (AMT01 in a 2320 loop)', () => {
    const cob = replaced(replaced(professional, 'SE*23*', 'SE*28*'), 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~HI*ABK:R69~', 'CLM*C1*100.00***11:B:1*Y*A*Y*Y~HI*ABK:R69~SBR*S*01*******CI~AMT*F2*15.00~OI***Y*P**Y~NM1*IL*1*DOE*JANE****MI*M000001~NM1*PR*2*OTHER PAYER*****PI*P000002~');
    assert.deepEqual(shown(cob), ["guide.code-invalid: 'F2' is not a valid code for AMT01 (Amount Qualifier Code) here: it takes A8, D or EAF. [F2]"]);
  });

  test('a required segment the placed one skips is still said (a real gap, not the cascade)', () => {
    const text = replaced(replaced(professional, 'HL*2*1*22*0', 'HL*2*1*21*0'), 'REF*EI*000000000~', '');
    assert.deepEqual(fullFindings(text).map((f) => f.rule).filter((r) => r.startsWith('guide.')), ['guide.segment-missing', 'guide.code-invalid']);
  });
});

describe('what is not a wrong code stays unexpected', () => {
  test('a code of another place (NM1*IL in the billing provider\'s loop)', () => {
    const rules = fullFindings(replaced(professional, 'NM1*85*2', 'NM1*IL*2')).map((f) => f.rule);
    assert.ok(rules.includes('guide.segment-unexpected'), rules.join(', '));
    assert.ok(!rules.includes('guide.code-invalid'), rules.join(', '));
  });

  test('one too many where it would go: DTP*304 on an 837I line, whose one DTP is 472', () => {
    const rules = fullFindings(replaced(institutional, 'DTP*472*D8*20240110~', 'DTP*472*D8*20240110~DTP*304*D8*20240110~')).map((f) => f.rule);
    assert.deepEqual(rules.filter((r) => r.startsWith('guide.')), ['guide.segment-unexpected']);
  });

  test('a qualifier that does not read as a code: another component separator than ISA16', () => {
    const rules = fullFindings(replaced(professional, 'HI*ABK:R69', 'HI*ABK>R69')).map((f) => f.rule);
    assert.ok(rules.includes('guide.segment-unexpected'), rules.join(', '));
  });
});
