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

// The same subscriber, as the patient, gives the patient's address and demographics in its name
// loop: 2010BA N3, N4 and DMG are "required when the patient is the subscriber" in the 5010 guides
// (and not sent otherwise). The maps hold them as situational, so the guide checks cannot say it.
describe('x12.subscriber-patient: the subscriber as the patient gives N3, N4 and DMG (2010BA)', () => {
  const without = (text: string, ...ids: string[]) => ids.reduce((t, id) => t.replace(new RegExp(`(NM1\\*IL\\*[^~]*~(?:N3\\*[^~]*~|N4\\*[^~]*~|DMG\\*[^~]*~)*?)${id}\\*[^~]*~`), '$1'), text);

  it('the writer\'s subscriber as the patient has all three, and a dependant\'s subscriber none (the premise)', () => {
    assert.match(self, /NM1\*IL\*[^~]*~N3\*[^~]*~N4\*[^~]*~DMG\*[^~]*~NM1\*PR/);
    assert.match(dependant, /NM1\*IL\*[^~]*~NM1\*PR/);
  });

  it('DMG missing: one finding on NM1*IL that names it', () => {
    const text = without(self, 'DMG');
    assert.ok(!/NM1\*IL\*[^~]*~N3\*[^~]*~N4\*[^~]*~DMG/.test(text), 'the premise: DMG removed');
    const result = found(text);
    assert.equal(result.length, 1);
    assert.ok(result[0]![0].startsWith('NM1*IL*'), result[0]![0]);
    assert.match(result[0]![1], /^This subscriber is the patient of its own claims \(the claims with no patient loop, 2000C, before them\), so its name loop \(2010BA\) must give the patient's address and demographics: DMG \(birth date and gender\) is missing after this NM1\*IL$/);
  });

  it('all three missing: one finding that lists them', () => {
    const result = found(without(self, 'N3', 'N4', 'DMG'));
    assert.equal(result.length, 1);
    assert.match(result[0]![1], /: N3 \(address\), N4 \(city, state, ZIP code\) and DMG \(birth date and gender\) are missing after this NM1\*IL$/);
  });

  it('a patient\'s DMG (2010CA) or a claim\'s N3/N4 (a 2310 loop) do not stand in for the subscriber\'s', () => {
    // A 2310C service facility's N3/N4 after the CLM: the subscriber's loop is long closed.
    const text = without(self, 'N3', 'N4').replace(/(HI\*[^~]*~)/, '$1NM1*77*2*CLINIC*****XX*1111111112~N3*9 OAK ST~N4*SPRINGFIELD*IL*000000000~');
    assert.match(found(text)[0]?.[1] ?? '', /N3 \(address\) and N4 \(city, state, ZIP code\) are missing/);
    assert.deepEqual(found(dependant), []);
  });

  it('a subscriber with claims of its own is their patient beside a dependant\'s 2000C too, and where HL04 says a child follows and none does', () => {
    // The subscriber's own claim first, then a dependant's loop and claim (HL04 1 on the subscriber).
    const both = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
    const ownThenDependant = without(both, 'N3', 'N4', 'DMG')
      .replace('HL*2*1*22*0', 'HL*2*1*22*1')
      .replace(/(SE\*)(\d+)/, (_, se: string, n: string) => `${se}${Number(n) + 4}`)
      .replace(/(DTP\*472\*D8\*20240110~)(SE\*)/, '$1HL*3*2*23*0~PAT*19~NM1*QC*1*DOE*JIM~CLM*C2*100.00***11:B:1*Y*A*Y*Y~$2');
    assert.ok(ownThenDependant.includes('*23*0~PAT*19~'), 'the premise: a 2000C after the own claim');
    assert.equal(found(ownThenDependant).filter(([, message]) => message.includes('2010BA')).length, 1);
    assert.equal(found(without(self, 'DMG').replace('HL*2*1*22*0', 'HL*2*1*22*1')).filter(([, message]) => message.includes('2010BA')).length, 1);
  });

  it('SBR02 empty with HL04 saying a patient loop follows (none does): the patient is said to be another, so not judged', () => {
    const text = without(self, 'DMG').replace('HL*2*1*22*0', 'HL*2*1*22*1').replace('SBR*P*18*', 'SBR*P**');
    assert.deepEqual(found(text), []);
    assert.ok(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.some((f) => f.rule === 'guide.hl-child-flag'), 'the child flag says it');
  });

  it('a subscriber with a patient loop and no claim of its own is not judged; nor is a 4010 file or guideChecks off', () => {
    assert.deepEqual(found(dependant, 'full'), []);
    const v4010 = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }], { version: '4010' }).text;
    assert.deepEqual(found(without(v4010, 'DMG')), []);
    assert.deepEqual(found(without(self, 'DMG'), 'off'), []);
  });

  it('read in pieces, and after an edit, the same findings as a fresh analysis', () => {
    const text = without(self, 'DMG');
    const whole = found(text).map(([span]) => span);
    assert.equal(whole.length, 1);
    for (const size of [7, 64]) assert.deepEqual(x12Streamed(text, knowledge, size).filter((f) => f.rule === rule).map((f) => text.slice(f.span.start, f.span.end)), whole, `pieces of ${size}`);
    let previous = analyze(self, knowledge);
    for (const next of [text, self, without(self, 'N4')]) {
      const again = reanalyze(previous, next, knowledge);
      assert.deepEqual(comparable(again), comparable(analyze(next, knowledge)));
      previous = again;
    }
  });

  it('an edit in the first of two subscribers\' loops (read again by subscriber): the same findings as a fresh analysis', () => {
    const two = writeX12([
      { id: 'C1', subscriberId: 'M000001', lines: [{ code: '99213', charge: '100.00', date: day }] },
      { id: 'C2', subscriberId: 'M000002', lines: [{ code: '99213', charge: '100.00', date: day }] },
    ]).text;
    const broken = two.replace('DMG*D8*19800101*F~', '');
    assert.equal(found(broken).length, 1, 'the premise: the first subscriber lacks DMG');
    let previous = analyze(two, knowledge);
    for (const next of [broken, two]) {
      const again = reanalyze(previous, next, knowledge);
      assert.deepEqual(comparable(again), comparable(analyze(next, knowledge)));
      previous = again;
    }
  });
});
