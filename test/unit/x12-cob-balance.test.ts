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
import { comparable } from './helpers/analysis';
import { x12Streamed } from './helpers/x12-streamed';
import { claimSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';

const knowledge = emptyKnowledge(false);
const day = { from: 20240110, to: 20240110 };

/** A secondary 837P: one claim of `lines` (each [charge, SVD payer, paid, CAS amounts]), the first payer's 2320 with `claimCas` and AMT*D `paid`. */
function secondary(options: { paid?: string | null; claimCas?: string[]; payer?: string; lines?: [string, string, string, string[]][] } = {}): string {
  const payer = options.payer ?? '11111';
  const lines = options.lines ?? [['100', payer, '60', ['40']]];
  const body: SegmentSpec[] = claimSegments([
    {
      id: 'C1',
      lines: lines.map(([charge, svdPayer, paid, cas]) => ({
        code: '99213',
        charge,
        date: day,
        extraSegments: [['SVD', svdPayer, paid, ['HC', '99213'], '', '1'], ...cas.map((amount): SegmentSpec => ['CAS', 'CO', '45', ...amount.split('*')]), ['DTP', '573', 'D8', '20240201']],
      })),
    },
  ]);
  // The first payer's 2320 loop after the claim's HI, its 2330A and 2330B.
  body.splice(body.findIndex((segment) => segment[0] === 'HI') + 1, 0,
    ['SBR', 'P', '18', '', '', '', '', '', '', 'CI'],
    ...(options.claimCas ?? []).map((amount): SegmentSpec => ['CAS', 'CO', '45', amount]),
    ...(options.paid === null ? [] : [['AMT', 'D', options.paid ?? '60'] as SegmentSpec]),
    ['OI', '', '', 'Y', '', '', 'Y'],
    ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000001'],
    ['NM1', 'PR', '2', 'FIRST PAYER', '', '', '', '', 'PI', payer],
  );
  return writeTransactions([body], { lineEnding: '\n' }).text;
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
    const text = secondary({ paid: '90', lines: [['100', '11111', '60', ['30*1*5*10']], ['50', '11111', '30', ['20']]] });
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
      assert.deepEqual(cob(x12Streamed(text, knowledge, size)).map((f) => [f.span, f.message]), whole.map((f) => [f.span, f.message]), `pieces of ${size}`);
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
