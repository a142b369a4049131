// The HL parents the reader keeps (subscriber, payer, patient, billing provider; parse837.ts
// Hierarchy837) are not cleared by an SE, only by the next ST or HL: a claim that follows an SE
// outside any transaction set (a stray SE typed into a set, or a set whose ST was deleted) takes
// its patient from the loops of the set before it. An edit to those loops once went to the
// subscriber or transaction-set re-read, which kept the claims after the SE as they were (found in
// review); now such an edit reads the document again, and the result is a fresh analysis's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { reread } from '../../server/src/core/x12/incremental';
import { fuzzKnowledge } from '../fuzz/generators';
import { writeX12 } from './helpers/x12-writer';
import { comparable } from './helpers/analysis';

const knowledge = fuzzKnowledge();
const day = { from: 20260310, to: 20260310 };

/** Two claims of two subscribers; a stray SE before C2's CLM, so C2 is read after the set, outside it. */
function strayEnd(): string {
  const written = writeX12(
    [
      { id: 'C1', subscriberId: 'M000001', lines: [{ code: '43214', charge: '10.00', date: day }] },
      { id: 'C2', subscriberId: 'M000002', lines: [{ code: '43200', charge: '10.00', date: day }] },
    ],
    { lineEnding: '\n' },
  ).text;
  const text = written.replace('CLM*C2*', 'SE*20*0001~\nCLM*C2*');
  assert.notEqual(text, written);
  return text;
}

function check(text: string, edited: string, partialUnit: string): void {
  assert.notEqual(edited, text);
  // Without the stray SE, the edit is one the partial re-read takes.
  const alone = (doc: string) => doc.replace('SE*20*0001~\nCLM*C2*', 'CLM*C2*');
  assert.equal(reread(alone(text), analyze(alone(text), knowledge).doc, alone(edited), knowledge)?.unit, partialUnit);
  assert.equal(reread(text, analyze(text, knowledge).doc, edited, knowledge), null, 'the document is read again');
  const fresh = analyze(edited, knowledge);
  // C2 is now the same patient as C1 (its subscriber is read from the loop before the SE): a PTP conflict across the two claims.
  assert.equal(fresh.doc.claims[1]!.transactionIndex, null);
  assert.ok(fresh.doc.claims[1]!.patientKey.includes('M000001'));
  assert.ok(fresh.findings.some((f) => f.rule === 'ptp.conflict'));
  const again = reanalyze(analyze(text, knowledge), edited, knowledge);
  assert.deepEqual(comparable(again), comparable(fresh));
}

describe('re-read of the loops before a stray SE that claims outside any set follow', () => {
  it('subscriber re-read: the subscriber id changed in the loop the claim after the SE takes it from', () => {
    const text = strayEnd();
    check(text, text.replace('NM1*IL*1*DOE*JANE****MI*M000002~', 'NM1*IL*1*DOE*JANE****MI*M000001~'), 'subscriber');
  });

  it('transaction-set re-read: an edit from an HL to that subscriber id', () => {
    const text = strayEnd();
    const from = 'HL*3*1*22*0~\nSBR*P*18*******CI~\nNM1*IL*1*DOE*JANE****MI*M000002~';
    check(text, text.replace(from, 'HL*3*1*22*1~\nSBR*P*18*******CI~\nNM1*IL*1*DOE*JANE****MI*M000001~'), 'transaction-set');
  });
});
