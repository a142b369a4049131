// Found in an EDI analyst's review: a 5010 subscriber loop with claims of its own and no patient
// loop (2000C) under it, whose SBR02 is empty, passed every check; the subscriber is then the
// patient, the guide requires SBR02 18, and clearinghouses reject the claim (a situational rule
// across loops the maps cannot say). SBR02 18 beside a 2000C is not judged: a subscriber may have
// claims of its own and dependants' claims under 2000C loops. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { comparable } from './helpers/analysis';
import { x12Streamed } from './helpers/x12-streamed';
import { writeX12 } from './helpers/x12-writer';
import { replaced } from './helpers/guide-findings';

const knowledge = emptyKnowledge(false);
const day = { from: 20240110, to: 20240110 };
const self = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
const dependant = writeX12([{ id: 'C1', patientName: { last: 'DOE', first: 'JIM' }, lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
const rule = 'x12.subscriber-patient';
const found = (text: string, mode: 'off' | 'envelope' | 'full' = 'envelope') =>
  analyze(text, knowledge, undefined, undefined, { guideChecks: mode }).findings.filter((f) => f.rule === rule).map((f) => [text.slice(f.span.start, f.span.end), f.message] as const);

describe('x12.subscriber-patient', () => {
  it('the subscriber as the patient (SBR02 18, no 2000C) and a dependant (SBR02 empty, a 2000C) pass, in full too (the premise)', () => {
    assert.ok(self.includes('SBR*P*18*') && dependant.includes('SBR*P**') && dependant.includes('*23*'), 'the premise');
    assert.deepEqual(found(self, 'full'), []);
    assert.deepEqual(found(dependant, 'full'), []);
    assert.deepEqual(analyze(dependant, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.map((f) => f.rule), []);
  });

  it('SBR02 18 beside a patient loop is not judged (a subscriber may have claims of its own and dependants\' claims)', () => {
    assert.deepEqual(found(replaced(dependant, 'SBR*P**', 'SBR*P*18*')), []);
  });

  it('SBR02 empty where the only claims are the patient\'s (under 2000C): right, not judged', () => {
    assert.deepEqual(found(dependant), []);
  });

  it('SBR02 empty with no patient loop (HL04 0): SBR02 must be 18; on the SBR', () => {
    const text = replaced(self, 'SBR*P*18*', 'SBR*P**');
    const result = found(text);
    assert.equal(result.length, 1);
    assert.ok(result[0]![0].startsWith('SBR'), result[0]![0]);
    assert.match(result[0]![1], /^SBR02 is empty, and no patient loop \(2000C\) follows, so the subscriber is the patient: SBR02 must then be 18/);
  });

  it('SBR02 empty where HL04 says a patient follows and none does: the child flag says it (guide.hl-child-flag), not this rule', () => {
    const text = replaced(replaced(self, 'SBR*P*18*', 'SBR*P**'), 'HL*2*1*22*0', 'HL*2*1*22*1');
    assert.deepEqual(found(text), []);
    assert.ok(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.some((f) => f.rule === 'guide.hl-child-flag'));
  });

  it('a 4010 file is not judged; guideChecks off drops it', () => {
    const v4010 = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }], { version: '4010' }).text;
    assert.deepEqual(found(replaced(v4010, 'SBR*P*18*', 'SBR*P**')), []);
    assert.deepEqual(found(replaced(self, 'SBR*P*18*', 'SBR*P**'), 'off'), []);
  });

  it('read in pieces, and after an edit, the same findings as a fresh analysis', () => {
    const text = replaced(self, 'SBR*P*18*', 'SBR*P**');
    const whole = found(text).map(([span]) => span);
    assert.equal(whole.length, 1);
    for (const size of [7, 64]) assert.deepEqual(x12Streamed(text, knowledge, size).filter((f) => f.rule === rule).map((f) => text.slice(f.span.start, f.span.end)), whole, `pieces of ${size}`);
    let previous = analyze(dependant, knowledge);
    previous = analyze(self, knowledge);
    for (const next of [text, self]) {
      const again = reanalyze(previous, next, knowledge);
      assert.deepEqual(comparable(again), comparable(analyze(next, knowledge)));
      previous = again;
    }
  });
});
