// Found in an EDI analyst's review: an ICD-10 code written with its decimal point (ABK:J02.0), a
// code that is no ICD-10 code (ABK:ZZZZZZZZ), and ICD-9 qualifiers (BK) on a claim of 2023 services
// passed every check; clearinghouses reject each. x12.diagnosis-code-invalid now reports them, on
// the code (ICD-10) or the first ICD-9 qualifier, never quoting the code. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { comparable } from './helpers/analysis';
import { x12Streamed } from './helpers/x12-streamed';
import { writeX12 } from './helpers/x12-writer';
import { replaced } from './helpers/guide-findings';

const knowledge = emptyKnowledge(false);
const day = { from: 20230310, to: 20230310 };
const text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
const withHi = (hi: string, source = text) => replaced(source, 'HI*ABK:R69', hi);
const found = (source: string, mode: 'off' | 'envelope' | 'full' = 'envelope') =>
  analyze(source, knowledge, undefined, undefined, { guideChecks: mode }).findings.filter((f) => f.rule === 'x12.diagnosis-code-invalid').map((f) => [source.slice(f.span.start, f.span.end), f.message] as const);

describe('x12.diagnosis-code-invalid', () => {
  it('valid ICD-10 codes pass (R69, J020, S72001A, U071)', () => {
    assert.deepEqual(found(withHi('HI*ABK:R69*ABF:J020*ABF:S72001A*ABF:U071')), []);
  });

  it('an ICD-10 code with its decimal point: on the code, not quoted', () => {
    const result = found(withHi('HI*ABK:K21.9'));
    assert.equal(result.length, 1);
    assert.equal(result[0]![0], 'K21.9');
    assert.match(result[0]![1], /^HI01-02 writes its ICD-10 diagnosis code with a decimal point/);
    assert.ok(!result[0]![1].includes('K21'), 'the code is not quoted');
  });

  it('a value that is no ICD-10 code (too long, a lower-case letter, digits first), in any HI position', () => {
    const result = found(withHi('HI*ABK:R69*ABF:ZZZZZZZZ*ABF:r69*ABF:123'));
    assert.deepEqual(result.map(([code, message]) => [code, message.slice(0, 8)]), [['ZZZZZZZZ', 'HI02-02 '], ['r69', 'HI03-02 '], ['123', 'HI04-02 ']]);
  });

  it('ICD-9 qualifiers on a claim of services after 2015-09-30: one finding on the first qualifier; before, none', () => {
    const result = found(withHi('HI*BK:4779*BF:4019'));
    assert.deepEqual(result.map(([span]) => span), ['BK']);
    assert.match(result[0]![1], /ICD-9-CM diagnosis codes .* on or after October 1, 2015/);
    const old = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: { from: 20150930, to: 20150930 } }] }]).text;
    assert.deepEqual(found(withHi('HI*BK:4779*BF:4019', old)), []);
  });

  it('with guideChecks off the finding goes; in full it stays', () => {
    assert.equal(found(withHi('HI*ABK:J02.0'), 'full').length, 1);
    assert.deepEqual(found(withHi('HI*ABK:J02.0'), 'off'), []);
  });

  it('read in pieces, and after an edit of the HI, the same findings as a fresh analysis', () => {
    const bad = withHi('HI*BK:4779*ABF:J02.0');
    const whole = found(bad);
    assert.equal(whole.length, 2);
    for (const size of [7, 64]) {
      assert.deepEqual(x12Streamed(bad, knowledge, size).filter((f) => f.rule === 'x12.diagnosis-code-invalid').map((f) => bad.slice(f.span.start, f.span.end)), whole.map(([span]) => span), `pieces of ${size}`);
    }
    const again = reanalyze(analyze(text, knowledge), bad, knowledge);
    assert.deepEqual(comparable(again), comparable(analyze(bad, knowledge)));
  });
});

describe('a 4010 claim', () => {
  it('is not faulted for ICD-9 codes whatever its dates: the 4010 guides have no ICD-10 qualifiers', () => {
    const v4010 = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }], { version: '4010' }).text;
    assert.ok(v4010.includes('HI*BK:'), 'the premise: a 4010 HI');
    assert.deepEqual(found(v4010), []);
  });
});
