// The offset forms of the date and time checks (read from a text, as the guide pass reads them)
// against the string forms the exact checks use: the same answer for any value, at any place in
// a text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidDate, isValidDateAt, isValidTime, isValidTimeAt, matchesFormat, matchesFormatAt } from '../../server/src/core/guides/valueTypes';

/** Digit strings near the shapes dates and times have, and anything else. */
const value = fc.oneof(
  fc.stringMatching(/^[0-9]{4,12}$/),
  fc.stringMatching(/^(19|20)[0-9]{2}(0[0-9]|1[0-3])([0-3][0-9])$/),
  fc.stringMatching(/^[0-9]{8}-[0-9]{8}$/),
  fc.stringMatching(/^[0-9-]{0,18}$/),
  fc.string({ maxLength: 14 }),
);
const padding = fc.string({ maxLength: 4 });

describe('date and time checks read from offsets', () => {
  it('answer as the string checks do, for every format', () => {
    fc.assert(
      fc.property(padding, value, padding, (before, v, after) => {
        const text = before + v + after;
        const start = before.length;
        const end = start + v.length;
        for (const format of ['DT', 'D8', 'D6'] as const) assert.equal(isValidDateAt(text, start, end, format), isValidDate(v, format), `${format} ${JSON.stringify(v)}`);
        assert.equal(isValidTimeAt(text, start, end), isValidTime(v), `time ${JSON.stringify(v)}`);
        for (const format of ['D8', 'RD8', 'D6', 'DT', 'TM', 'XX']) assert.equal(matchesFormatAt(text, start, end, format), matchesFormat(v, format), `${format} ${JSON.stringify(v)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('accept real dates and refuse impossible ones', () => {
    const at = (v: string) => isValidDateAt(`*${v}*`, 1, 1 + v.length, 'DT');
    assert.equal(at('20240229'), true);
    assert.equal(at('20230229'), false);
    assert.equal(at('20241301'), false);
    assert.equal(at('240101'), true);
    assert.equal(at('202401011260'), false);
    assert.equal(at('202401011259'), true);
  });
});
