// 837D 5010, guideChecks full: a group sent under 005010X224A2 (837 Dental 5010, which Claimlint
// has no transaction map of) gets its guide.not-validated information, whose message says "The
// envelope, counts and coding checks still run", and its envelope is still checked against the
// envelope map of ISA12's version (x12.control.00501.xml), as pyx12's control map would: the
// ISA, and the GS, GE and IEA, which no transaction map walks here. Found in review: the GS was
// checked only against the transaction's guide (guides/validate.ts startGroup), so with none a
// GS01 that is no functional identifier code or a GS04 that is no date passed silently, while
// the same GS before an 837I was reported. GS08 is not held to the envelope's list (which names
// pyx12's transaction maps only): the not-validated information already says what it is.
// Synthetic files: made-up names and ids.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { NOT_EDITED_RULE } from '../../server/src/core/rules/notEdited';

const GS_DENTAL = 'GS*HC*SUBMITTER01*RECEIVER01*20240115*1200*1*X*005010X224A2';

const DENTAL_5010: readonly string[] = [
  'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:',
  GS_DENTAL,
  'ST*837*0001*005010X224A2',
  'BHT*0019*00*0001*20240115*1200*CH',
  'NM1*41*2*SUBMITTER CLINIC*****46*S000001',
  'PER*IC*CONTACT DESK*TE*5555550100',
  'NM1*40*2*EXAMPLE PAYER*****46*R000001',
  'HL*1**20*1',
  'NM1*85*2*EXAMPLE DENTAL*****XX*1234567893',
  'N3*1 MAIN ST',
  'N4*SPRINGFIELD*IL*000000000',
  'REF*EI*000000000',
  'HL*2*1*22*0',
  'SBR*P*18*******CI',
  'NM1*IL*1*DOE*JANE****MI*M000001',
  'N3*2 ELM ST',
  'N4*SPRINGFIELD*IL*000000000',
  'DMG*D8*19800101*F',
  'NM1*PR*2*EXAMPLE PAYER*****PI*P000001',
  'CLM*D1*150.00***11:B:1*Y*A*Y*Y',
  'DTP*472*D8*20240110',
  'LX*1',
  'SV3*AD:D2391*150.00****1',
  'TOO*JP*3*M:O',
  'SE*23*0001',
  'GE*1*1',
  'IEA*1*000000001',
];

const text = (segments: readonly string[]): string => segments.join('~\n') + '~\n';
const knowledge = emptyKnowledge(false);

function findings(file: string): Finding[] {
  return analyze(file, knowledge, undefined, undefined, { guideChecks: 'full' }).findings;
}

function withGs(gs: string): string {
  return text(DENTAL_5010.map((s) => (s === GS_DENTAL ? gs : s)));
}

/** Guide findings other than the one not-validated information. */
function guideProblems(file: string): string[] {
  return findings(file)
    .filter((f) => f.rule.startsWith('guide.') && f.rule !== 'guide.not-validated')
    .map((f) => `${f.rule}: ${f.message}`);
}

describe('837D 5010: the envelope is still checked', () => {
  test('the valid file has only the not-validated information', () => {
    // And that its dental claims are judged by no NCCI table.
    assert.deepEqual(findings(text(DENTAL_5010)).map((f) => f.rule), ['guide.not-validated', NOT_EDITED_RULE]);
  });

  test('the ISA is checked against the envelope map', () => {
    const isa = DENTAL_5010[0]!.replace('*0*T*:', '*0*Q*:');
    const found = guideProblems(text([isa, ...DENTAL_5010.slice(1)]));
    assert.ok(found.some((f) => f.includes('ISA15')), found.join('\n'));
  });

  test('a GS01 that is not a functional identifier code is reported on GS01', () => {
    const found = guideProblems(withGs(GS_DENTAL.replace('GS*HC*', 'GS*HX*')));
    assert.ok(found.some((f) => f.includes('GS01')), `no finding names GS01: ${JSON.stringify(found)}`);
  });

  test("GS08 is not held to the envelope map's list of versions", () => {
    const found = guideProblems(text(DENTAL_5010));
    assert.deepEqual(found, []);
  });

  test('GE and IEA are checked against the envelope map too', () => {
    const found = guideProblems(text(DENTAL_5010.map((s) => (s === 'GE*1*1' ? 'GE*1*' : s === 'IEA*1*000000001' ? 'IEA*1*1' : s))));
    assert.ok(found.some((f) => f.includes('GE02')), `no finding names GE02: ${JSON.stringify(found)}`);
    assert.ok(found.some((f) => f.includes('IEA02')), `no finding names IEA02: ${JSON.stringify(found)}`);
  });

  test('a GS04 that is no date (month 13) is reported on GS04', () => {
    const found = guideProblems(withGs(GS_DENTAL.replace('*20240115*', '*20241315*')));
    assert.ok(found.some((f) => f.includes('GS04')), `no finding names GS04: ${JSON.stringify(found)}`);
  });
});
