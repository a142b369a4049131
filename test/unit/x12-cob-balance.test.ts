// Found in an EDI analyst's review: a secondary claim whose other payer's amounts do not balance
// passed every check, where clearinghouses reject it. For each other payer (2320 loop, named by
// its 2330B NM1*PR): each line it paid balances (SV102 minus its 2430 CAS amounts is SVD02), the
// claim balances (CLM02 minus its 2320 and 2430 CAS amounts is AMT*D), and each SVD01 names one of
// the claim's other payers. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { comparable } from './helpers/analysis';

const knowledge = emptyKnowledge(false);

/** A secondary 837P: one claim of `charge` and `lines` (each [charge, SVD payer, paid, CAS amounts]), the first payer's 2320 with `claimCas` and AMT*D `paid`. */
function secondary(options: { charge?: string; paid?: string | null; claimCas?: string[]; payer?: string; lines?: [string, string, string, string[]][] } = {}): string {
  const charge = options.charge ?? '100';
  const payer = options.payer ?? '11111';
  const lines = options.lines ?? [['100', payer, '60', ['40']]];
  const body = [
    'ST*837*0001*005010X222A1',
    'BHT*0019*00*REF001*20240101*1200*CH',
    'NM1*41*2*BILLING SERVICE*****46*S000001',
    'PER*IC*CONTACT*TE*5555550100',
    'NM1*40*2*EXAMPLE PAYER*****46*R000001',
    'HL*1**20*1',
    'NM1*85*2*EXAMPLE BILLING*****XX*1234567893',
    'N3*1 MAIN ST',
    'N4*SPRINGFIELD*IL*627010000',
    'REF*EI*000000000',
    'HL*2*1*22*0',
    'SBR*S*18*******CI',
    'NM1*IL*1*DOE*JANE****MI*M000001',
    'NM1*PR*2*SECOND PAYER*****PI*55555',
    `CLM*C1*${charge}***11:B:1*Y*A*Y*Y`,
    'HI*ABK:R69',
    'SBR*P*18*******CI',
    ...(options.claimCas ?? []).map((amount) => `CAS*CO*45*${amount}`),
    ...(options.paid === null ? [] : [`AMT*D*${options.paid ?? '60'}`]),
    'OI***Y*P**Y',
    'NM1*IL*1*DOE*JANE****MI*M000001',
    `NM1*PR*2*FIRST PAYER*****PI*${payer}`,
    ...lines.flatMap(([lineCharge, svdPayer, linePaid, cas], i) => [
      `LX*${i + 1}`,
      `SV1*HC:99213*${lineCharge}*UN*1***1`,
      'DTP*472*D8*20240110',
      `SVD*${svdPayer}*${linePaid}*HC:99213**1`,
      ...cas.map((amount) => `CAS*CO*45*${amount}`),
      'DTP*573*D8*20240201',
    ]),
  ];
  const segments = [
    'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:',
    'GS*HC*SENDER01*RECEIVER01*20240115*1200*1*X*005010X222A1',
    ...body,
    `SE*${body.length + 1}*0001`,
    'GE*1*1',
    'IEA*1*000000001',
  ];
  return segments.join('~\n') + '~\n';
}

const cob = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'x12.cob-unbalanced' || f.rule === 'x12.svd-payer-unknown');
const shown = (text: string, mode: 'envelope' | 'full' = 'envelope') =>
  cob(analyze(text, knowledge, undefined, undefined, { guideChecks: mode }).findings).map((f) => `${f.rule} ${text.slice(f.span.start, f.span.end)}`);

describe('other payers\' amounts balance', () => {
  it('a balanced secondary claim has no finding, and is guide-valid (the premise)', () => {
    const text = secondary();
    assert.deepEqual(shown(text, 'full'), []);
    assert.deepEqual(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.map((f) => f.rule), []);
  });

  it('AMT*D that is not CLM02 minus the adjustments: on AMT02', () => {
    const text = secondary({ paid: '50' });
    assert.deepEqual(shown(text), ['x12.cob-unbalanced 50']);
    const [finding] = cob(analyze(text, knowledge).findings);
    assert.match(finding!.message, /AMT\*D says payer 11111 paid 50\.00 on the claim, but CLM02 100\.00 minus that payer's adjustments \(CAS: 0\.00 on the claim, 40\.00 on its lines\) is 60\.00/);
  });

  it('a line whose CAS does not take its charge to SVD02: the line and the claim', () => {
    assert.deepEqual(shown(secondary({ lines: [['100', '11111', '60', ['30']]] })), ['x12.cob-unbalanced 60', 'x12.cob-unbalanced 60']);
  });

  it('claim-level adjustments count (a payer that adjudicated the claim as a whole)', () => {
    assert.deepEqual(shown(secondary({ claimCas: ['40'], lines: [['100', '11111', '60', []]] })), ['x12.cob-unbalanced 60']);
    // Without line payments of that payer, the claim's own CAS alone balance it.
    const claimOnly = secondary({ claimCas: ['40'], lines: [['100', '22222', '0', ['100']]] });
    assert.deepEqual(shown(claimOnly), ['x12.svd-payer-unknown 22222']);
  });

  it('two lines, several CAS amounts each (CAS03 and CAS06): balanced', () => {
    const text = secondary({ charge: '150', paid: '90', lines: [['100', '11111', '60', ['30*1*5*10']], ['50', '11111', '30', ['20']]] });
    assert.deepEqual(shown(text), []);
  });

  it('an SVD01 that names none of the other payers: on SVD01, and no claim balance is judged', () => {
    assert.deepEqual(shown(secondary({ lines: [['100', '99999', '60', ['40']]] })), ['x12.svd-payer-unknown 99999']);
  });

  it('no AMT*D, or an amount that is no number: nothing judged', () => {
    assert.deepEqual(shown(secondary({ paid: null })), []);
    assert.deepEqual(shown(secondary({ paid: 'X' })), []);
  });

  it('with guideChecks off the findings go, with the other structure checks', () => {
    assert.deepEqual(cob(analyze(secondary({ paid: '50' }), knowledge, undefined, undefined, { guideChecks: 'off' }).findings), []);
  });

  it('read in pieces (the CLI), the same findings at the same places', () => {
    const text = secondary({ lines: [['100', '11111', '60', ['30']]] });
    const whole = cob(analyze(text, knowledge).findings);
    assert.equal(whole.length, 2);
    for (const size of [7, 64, 300]) {
      const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
      const findings: Finding[] = [];
      for (let at = 0; at < text.length; at += size) findings.push(...stream.feed(text.slice(at, at + size)).findings);
      findings.push(...stream.end().findings);
      assert.deepEqual(cob(findings).map((f) => [f.span, f.message]), whole.map((f) => [f.span, f.message]), `pieces of ${size}`);
    }
  });

  it('after an edit of an amount, the re-read claim gives what a fresh analysis gives', () => {
    let previous = analyze(secondary(), knowledge);
    for (const text of [secondary({ paid: '50' }), secondary({ paid: '60' }), secondary({ lines: [['100', '11111', '60', ['30']]] })]) {
      const again = reanalyze(previous, text, knowledge);
      assert.deepEqual(comparable(again), comparable(analyze(text, knowledge)));
      previous = again;
    }
  });
});
