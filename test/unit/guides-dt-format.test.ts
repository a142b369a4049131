// Found in review: a DTP02 (or other 1250 element) of DT says the date after it is a date and
// time, CCYYMMDDHHMM (12 digits), but guides/valueTypes.ts matchesFormatAt('DT') calls
// isValidDateAt(..., 'DT'), which takes 6, 8 or 12 digits (the lengths of the DT *data type*).
// `DTP*435*DT*20240101` (837I 5010 admission date and hour, no hour) and `DTP*435*DT*240101`
// pass the guide checks; a receiver reading CCYYMMDDHHMM rejects them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claimSegments, writeTransactions, writeX12, type SegmentSpec } from './helpers/x12-writer';
import { fullFindings } from './helpers/guide-findings';

const full = fullFindings;

/** A guide-valid 837I 5010 with DTP*435 (admission date and hour) written as given after the statement dates. */
function institutional(admission: string): string {
  const body: SegmentSpec[] = claimSegments(
    [{ id: 'C1', date: { from: 20240110, to: 20240112 }, lines: [{ code: '99213', charge: '100.00', date: { from: 20240110, to: 20240110 } }] }],
    'institutional',
  );
  const at = body.findIndex((s) => s[0] === 'DTP' && s[1] === '434');
  assert.ok(at > 0);
  body.splice(at + 1, 0, ['DTP', '435', 'DT', admission]);
  return writeTransactions([body], { kind: 'institutional' }).text;
}

describe('DTP02 DT: DTP03 is CCYYMMDDHHMM', () => {
  test('a date with its hour is valid', () => {
    assert.deepEqual(full(institutional('202401100830')).map((f) => f.rule), []);
  });

  for (const value of ['20240110', '240110']) {
    test(`${value} (no hour) is reported on DTP03`, () => {
      const found = full(institutional(value)).filter((f) => f.rule.startsWith('guide.') && f.message.includes('DTP03'));
      assert.ok(found.length > 0, `no guide finding on DTP*435*DT*${value}`);
    });
  }
});

describe('a six-character date element', () => {
  test('ISA09 is said to be YYMMDD, not CCYYMMDD (found in review)', () => {
    const good = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: { from: 20240110, to: 20240110 } }] }]).text;
    const text = good.replace('*RECEIVER01     *240115*', '*RECEIVER01     *261399*');
    assert.notEqual(text, good);
    assert.deepEqual(
      full(text).filter((f) => f.message.includes('ISA09')).map((f) => f.message),
      ['ISA09 (Interchange Date) is not a valid date (YYMMDD).'],
    );
  });
});
