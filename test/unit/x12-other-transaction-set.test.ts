// Found in review: one interchange holding an 837 group and a group of another transaction set
// (an 835 remittance, 999 or 277CA acknowledgment, as clearinghouse batches mix them). Claimlint
// reads 837s; a set of another kind has no claims and must be ignored cleanly. parse837.ts run()
// dispatches LX to serviceLines837.ts lineNumber() whatever the transaction set is, and in an 835
// LX is the header-number loop (2000) that precedes each CLP, not a service line: every 835 gets
// an 'x12.line-outside-claim' error ("LX (service line) outside a claim"), so a batch with no
// problem fails the CLI (exit 1). A 999 or 277CA (no LX) comes out clean; so should the 835.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';

const knowledge = emptyKnowledge(true);

const ISA = 'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *260315*1200*^*00501*000000001*0*T*:';

/** A valid 837P set: one claim, one line. */
const SET_837 = [
  'ST*837*0001*005010X222A1',
  'BHT*0019*00*0001*20260315*1200*CH',
  'NM1*41*2*SUBMITTER CLINIC*****46*S000001',
  'PER*IC*CONTACT DESK*TE*5555550100',
  'NM1*40*2*EXAMPLE PAYER*****46*R000001',
  'HL*1**20*1',
  'NM1*85*2*EXAMPLE BILLING*****XX*1234567893',
  'N3*1 MAIN ST',
  'N4*SPRINGFIELD*IL*627010000',
  'REF*EI*000000000',
  'HL*2*1*22*0',
  'SBR*P*18*******CI',
  'NM1*IL*1*DOE*JANE****MI*M000001',
  'N3*2 ELM ST',
  'N4*SPRINGFIELD*IL*000000000',
  'DMG*D8*19800101*F',
  'NM1*PR*2*EXAMPLE PAYER*****PI*P000001',
  'CLM*C1*100.00***11:B:1*Y*A*Y*Y',
  'HI*ABK:R69',
  'LX*1',
  'SV1*HC:43214*100.00*UN*1***1',
  'DTP*472*D8*20260310',
];

/** An 835 with one header number (LX) and one claim payment (CLP) of one service (SVC). */
const SET_835 = [
  'ST*835*0001',
  'BPR*I*80.00*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20260320',
  'TRN*1*12345*1512345678',
  'DTM*405*20260320',
  'N1*PR*EXAMPLE PAYER',
  'N3*1 PAYER WAY',
  'N4*SPRINGFIELD*IL*627010000',
  'N1*PE*EXAMPLE BILLING*XX*1234567893',
  'LX*1',
  'CLP*C1*1*100.00*80.00**12*PAYERCLAIM1*11*1',
  'NM1*QC*1*DOE*JANE****MI*M000001',
  'SVC*HC:43214*100.00*80.00**1',
  'DTM*472*20260310',
  'CAS*CO*45*20.00',
];

/** A 999 accepting the 837. */
const SET_999 = ['ST*999*0001*005010X231A1', 'AK1*HC*1*005010X222A1', 'AK2*837*0001*005010X222A1', 'IK5*A', 'AK9*A*1*1*1'];

function group(functionalId: string, control: number, version: string, set: string[]): string[] {
  return [`GS*${functionalId}*SENDER01*RECEIVER01*20260315*1200*${control}*X*${version}`, ...set, `SE*${set.length + 1}*0001`, `GE*1*${control}`];
}

function document(other: string[] | null): string {
  const groups = [...group('HC', 1, '005010X222A1', SET_837), ...(other ? group(other === SET_835 ? 'HP' : 'FA', 2, other === SET_835 ? '005010X221A1' : '005010X231A1', other) : [])];
  return [ISA, ...groups, `IEA*${other ? 2 : 1}*000000001`].map((s) => `${s}~\n`).join('');
}

/** The findings of `text` read in pieces of 100 characters, as the CLI reads a file. */
function inPieces(text: string): Finding[] {
  const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; at += 100) findings.push(...stream.feed(text.slice(at, at + 100)).findings);
  findings.push(...stream.end().findings);
  return findings;
}

function problems(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.rule}: ${f.message}`);
}

describe('an 837 interchange that also holds a group of another transaction set', () => {
  it('control: the 837 alone has no problem', () => {
    const analysis = analyze(document(null), knowledge);
    assert.deepEqual(problems(analysis.findings), []);
    assert.equal(analysis.doc.claims.length, 1);
  });

  it('control: with a 999 group beside it, no problem either', () => {
    const analysis = analyze(document(SET_999), knowledge);
    assert.deepEqual(problems(analysis.findings), []);
  });

  it('with an 835 group beside it, the 835 is ignored: no error or warning, one claim', () => {
    const analysis = analyze(document(SET_835), knowledge);
    assert.deepEqual(problems(analysis.findings), []);
    assert.equal(analysis.doc.claims.length, 1);
  });

  it('read in pieces (the CLI path), the 835 is ignored too', () => {
    assert.deepEqual(problems(inPieces(document(SET_835))), []);
  });
});

describe('a transaction set that is not an 837 is said, as information on its ST01', () => {
  const said = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'x12.not-a-claim-transaction').map((f) => `${f.severity}: ${f.message}`);

  it('beside an 837 group: one note for the 835, in every guide mode', () => {
    const text = document(SET_835);
    for (const guideChecks of ['off', 'envelope', 'full'] as const) {
      const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks });
      assert.deepEqual(said(analysis.findings), ["information: ST01 is '835', not 837: transaction set '0001' holds no claims, and Claimlint checks only 837 claims (its segments were not checked)"], guideChecks);
      const note = analysis.findings.find((f) => f.rule === 'x12.not-a-claim-transaction')!;
      assert.equal(text.slice(note.span.start, note.span.end), '835');
    }
  });

  it('read in pieces, the same note', () => {
    assert.deepEqual(said(inPieces(document(SET_999))), ["information: ST01 is '999', not 837: transaction set '0001' holds no claims, and Claimlint checks only 837 claims (its segments were not checked)"]);
  });

  it('the 837 itself gets none', () => {
    assert.deepEqual(said(analyze(document(null), knowledge).findings), []);
  });
});

