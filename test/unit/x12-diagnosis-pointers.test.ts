// A service line's diagnosis pointers (SV107 on an 837P, SV311 on an 837D) name the claim's
// diagnosis codes by position in its HI segments. A pointer past the last code points at nothing,
// and the clearinghouse rejects the claim (277CA) before any coding edit is looked at. The guide
// maps bound a pointer's type and length only; the reader checks what it points at
// (x12.diagnosis-pointer), a finding per line, in every reading of the file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { x12Streamed } from './helpers/x12-streamed';
import { hoverAt } from '../../server/src/core/hover/hover';
import { comparable } from './helpers/analysis';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const pointers = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'x12.diagnosis-pointer');

/** A claim of two 837P lines whose HI is `hi` and whose SV107s are `first` and `second`. */
function claim(hi: string | null, first: string, second = '1'): string {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43239', charge: '50.00', date: day }] }], { lineEnding: '\n' });
  let n = 0;
  const withPointers = text.replace(/(SV1\*[^~]*\*UN\*1\*\*\*)1~/g, (_all, head: string) => `${head}${n++ === 0 ? first : second}~`);
  assert.equal(n, 2, 'both SV1s were written with a pointer');
  assert.match(withPointers, /HI\*ABK:R69~\n/);
  return hi === null ? withPointers.replace(/HI\*ABK:R69~\n/, '') : withPointers.replace(/HI\*ABK:R69~/, `${hi}~`);
}

describe('diagnosis pointers name codes the claim lists', () => {
  it('a pointer past the last diagnosis code: an error on the pointer, related to the HI', () => {
    const text = claim('HI*ABK:K219*ABF:R1310', '1:3');
    const found = pointers(analyze(text, knowledge).findings);
    assert.equal(found.length, 1);
    const [finding] = found;
    assert.equal(finding!.severity, 'error');
    assert.equal(text.slice(finding!.span.start, finding!.span.end), '3');
    assert.equal(finding!.message, 'SV107-02 points to diagnosis 3, but the claim lists 2 diagnosis codes (HI): a pointer to no code is rejected before the claim is adjudicated');
    assert.equal(text.slice(finding!.related![0]!.span.start, finding!.related![0]!.span.end), 'HI*ABK:K219*ABF:R1310');
  });

  it('every pointer within the codes, ABK and ABF counted (and 4010\'s BK and BF): nothing', () => {
    assert.deepEqual(pointers(analyze(claim('HI*ABK:K219*ABF:R1310*ABF:R12', '3:1:2', '2'), knowledge).findings), []);
    assert.deepEqual(pointers(analyze(claim('HI*BK:5300*BF:7890', '2:1'), knowledge).findings), []);
    assert.deepEqual(pointers(analyze(claim('HI*ABK:K219*ABF:R1310', '2', '01'), knowledge).findings), [], 'a leading zero is the same pointer');
  });

  it('several bad pointers of one line: one finding over them, listing each', () => {
    const text = claim('HI*ABK:K219', '2:1:3');
    const [finding, ...more] = pointers(analyze(text, knowledge).findings);
    assert.deepEqual(more, []);
    assert.equal(text.slice(finding!.span.start, finding!.span.end), '2:1:3');
    assert.match(finding!.message, /^SV107-01 and SV107-03 point to diagnoses 2 and 3, but the claim lists 1 diagnosis code \(HI\)/);
  });

  it('a finding for each line with a bad pointer', () => {
    const found = pointers(analyze(claim('HI*ABK:K219', '2', '4'), knowledge).findings);
    assert.deepEqual(found.map((f) => f.message.slice(0, 32)), ['SV107-01 points to diagnosis 2, ', 'SV107-01 points to diagnosis 4, ']);
  });

  it('a pointer of 0: pointers count from 1', () => {
    const [finding] = pointers(analyze(claim('HI*ABK:K219', '0'), knowledge).findings);
    assert.match(finding!.message, /^SV107-01 is 0: a diagnosis pointer counts the claim's diagnosis codes from 1/);
  });

  it('a claim with no HI at all: one finding on its CLM01, related to the first pointer', () => {
    const text = claim(null, '1', '2');
    const [finding, ...more] = pointers(analyze(text, knowledge).findings);
    assert.deepEqual(more, []);
    assert.equal(text.slice(finding!.span.start, finding!.span.end), 'C1');
    assert.match(finding!.message, /^2 service lines point to diagnosis codes \(SV107-01 and others\), but the claim lists no diagnosis code in its own loop \(no HI before its lines and other payers' loops\)/);
    assert.equal(finding!.related![0]!.message, 'line 1: SV107-01 is 1');
  });

  it('an HI that lists no diagnosis code, or whose values have no component separator: the guide checks say so, not the pointers', () => {
    // Anesthesia procedures only (BP), a qualifier that is no code, a value without ISA16's ':'.
    for (const hi of ['HI*BP:00100', 'HI*XX:9999', 'HI*ABK>K219*ABF>R1310']) {
      assert.deepEqual(pointers(analyze(claim(hi, '3'), knowledge).findings), [], hi);
    }
    // The guide checks do report such an HI.
    assert.ok(analyze(claim('HI*XX:9999', '3'), knowledge, undefined, undefined, { guideChecks: 'full' }).findings.some((f) => f.rule.startsWith('guide.')));
  });

  it('a pointer that is no number is the guide\'s type finding, not this one', () => {
    const text = claim('HI*ABK:K219', 'A');
    assert.deepEqual(pointers(analyze(text, knowledge).findings), []);
    const full = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings;
    assert.ok(full.some((f) => f.rule.startsWith('guide.') && text.slice(f.span.start, f.span.end) === 'A'), 'the guide reports the pointer');
  });

  it('an 837D line\'s SV311', () => {
    const { text } = writeX12([{ id: 'D1', lines: [{ code: 'D0120', charge: '60.00', date: day }] }], { kind: 'dental', lineEnding: '\n' });
    const dental = text.replace(/(SV3\*[^~]*)~/, '$1*****2~').replace(/(CLM\*[^~]*~\n)/, '$1HI*ABK:K021~\n');
    assert.match(dental, /SV3\*AD:D0120\*60\.00\*+1\*+2~/);
    const [finding, ...more] = pointers(analyze(dental, knowledge).findings);
    assert.deepEqual(more, []);
    assert.match(finding!.message, /^SV311-01 points to diagnosis 2, but the claim lists 1 diagnosis code/);
  });

  it('with guideChecks off the finding goes, with the other structure checks', () => {
    const text = claim('HI*ABK:K219', '2');
    assert.equal(pointers(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings).length, 1);
    assert.deepEqual(pointers(analyze(text, knowledge, undefined, undefined, { guideChecks: 'off' }).findings), []);
  });

  it('read in pieces (the CLI), the same findings at the same places', () => {
    const text = claim('HI*ABK:K219', '1:2', '3');
    const whole = pointers(analyze(text, knowledge).findings);
    assert.equal(whole.length, 2);
    for (const size of [7, 64, 300]) {
      assert.deepEqual(pointers(x12Streamed(text, knowledge, size)).map((f) => [f.span, f.message]), whole.map((f) => [f.span, f.message]), `pieces of ${size}`);
    }
  });

  it('after an edit of the HI or a pointer, the re-read claim gives what a fresh analysis gives', () => {
    const before = claim('HI*ABK:K219', '1:2');
    let previous = analyze(before, knowledge);
    assert.equal(pointers(previous.findings).length, 1);
    const edits = [before.replace('HI*ABK:K219', 'HI*ABK:K219*ABF:R12'), before.replace('***1:2~', '***1:4~')];
    for (const text of edits) {
      const again = reanalyze(previous, text, knowledge);
      assert.deepEqual(comparable(again), comparable(analyze(text, knowledge)));
      previous = again;
    }
    assert.equal(pointers(previous.findings).length, 1, 'the last edit points past the codes again');
  });

  it('the hover of a pointer names the code it points to, or says it points to none', () => {
    const text = claim('HI*ABK:K219*ABF:R1310', '2:3');
    const analysis = analyze(text, knowledge);
    const at = (needle: string) => hoverAt(analysis, text.indexOf(needle) + needle.length - 1, knowledge)?.markdown ?? '';
    assert.match(at('***2'), /Points to the claim's diagnosis 2 of 2: `R1310` \(another diagnosis, ABF\)\./);
    assert.match(at('***2:3'), /Points to no diagnosis code: the claim lists 2 diagnosis codes \(HI\), counted from 1\./);
    assert.match(at('UN*1***1'), /Points to the claim's diagnosis 1 of 2: `K219` \(the principal diagnosis, ABK\)/);
    // A claim with no HI; a second payer's loop (2320) after the HI does not hide it.
    const none = claim(null, '1');
    assert.match(hoverAt(analyze(none, knowledge), none.indexOf('***1~') + 3, knowledge)?.markdown ?? '', /Points to no diagnosis code: the claim has no HI that lists one\./);
    const otherPayer = text.replace('HI*ABK:K219*ABF:R1310~\n', 'HI*ABK:K219*ABF:R1310~\nSBR*S*18*******CI~\nNM1*IL*1*DOE*JANE****MI*M2~\n');
    assert.match(hoverAt(analyze(otherPayer, knowledge), otherPayer.indexOf('***2') + 3, knowledge)?.markdown ?? '', /`R1310`/);
  });

  it('an HI after another payer\'s loop (2320) is not the claim\'s: its pointers name nothing, and the message says where an HI belongs', () => {
    const text = claim(null, '1').replace(/(NM1\*PR\*[^~]*~\n)(CLM\*[^~]*~\n)/, '$1$2SBR*S*18*******CI~\nNM1*IL*1*DOE*JANE****MI*M2~\nHI*ABK:K219~\n');
    assert.match(text, /SBR\*S\*18[^]*HI\*ABK:K219~\nLX\*1/);
    const [finding, ...more] = pointers(analyze(text, knowledge).findings);
    assert.deepEqual(more, []);
    assert.match(finding!.message, /^2 service lines point to diagnosis codes \(SV107-01 and others\), but the claim lists no diagnosis code in its own loop/);
  });

  it('one pointer on a claim with no HI is not "and others"; an empty code after its qualifier is no code', () => {
    const one = claim(null, '1', '');
    assert.match(pointers(analyze(one, knowledge).findings)[0]!.message, /^1 service line points to diagnosis codes \(SV107-01\), but/);
    const [finding] = pointers(analyze(claim('HI*ABK::X*ABF:R12', '2'), knowledge).findings);
    assert.match(finding!.message, /^SV107-01 points to diagnosis 2, but the claim lists 1 diagnosis code/);
  });

  it('0 among pointers past the codes: the message says pointers count from 1', () => {
    const [finding] = pointers(analyze(claim('HI*ABK:K219', '0:4'), knowledge).findings);
    assert.match(finding!.message, /^SV107-01 and SV107-02 point to diagnoses 0 and 4, but the claim lists 1 diagnosis code \(HI, counted from 1\)/);
  });

  it('in full mode the guide\'s "not a valid code" on the same pointer gives way to this finding', () => {
    for (const pointer of ['0', '13']) {
      const text = claim('HI*ABK:K219', pointer);
      const full = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings;
      const onPointer = full.filter((f) => f.span.start === text.indexOf(`***${pointer}~`) + 3);
      assert.deepEqual(onPointer.map((f) => f.rule), ['x12.diagnosis-pointer'], pointer);
    }
  });
});
