// The date and time checks the guide pass reads from offsets (valueTypes.ts; the string forms
// call them on a whole value) against a reference written another way: the calendar from
// JavaScript's Date, times from a pattern. The same answer for any value, at any place in a text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidDate, isValidDateAt, isValidTimeAt, matchesFormatAt } from '../../server/src/core/guides/valueTypes';

/** HHMM, HHMMSS, HHMMSSd or HHMMSSdd with hours to 23 and minutes and seconds to 59. */
function referenceTime(v: string): boolean {
  return /^([01][0-9]|2[0-3])[0-5][0-9]([0-5][0-9][0-9]{0,2})?$/.test(v);
}

/** CCYYMMDD (D8), YYMMDD (D6: 00-49 is 20xx), or either of DT's CCYYMMDD and CCYYMMDDHHMM; years from 1800. */
function referenceDate(v: string, format: 'DT' | 'D8' | 'D6'): boolean {
  if (!/^[0-9]+$/.test(v)) return false;
  const lengths = format === 'D8' ? [8] : format === 'D6' ? [6] : [6, 8, 12];
  if (!lengths.includes(v.length)) return false;
  const full = v.length === 6 ? (Number(v.slice(0, 2)) < 50 ? '20' : '19') + v : v;
  const [year, month, day] = [Number(full.slice(0, 4)), Number(full.slice(4, 6)), Number(full.slice(6, 8))];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  const real = year >= 1800 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && (full.length !== 12 || referenceTime(full.slice(8)));
}

function referenceFormat(v: string, format: string): boolean {
  if (format === 'D8' || format === 'D6') return referenceDate(v, format);
  // The format qualifier DT is CCYYMMDDHHMM: twelve digits (the DT data type takes 6 or 8 too).
  if (format === 'DT') return v.length === 12 && referenceDate(v, format);
  if (format === 'TM') return referenceTime(v);
  if (format === 'RD8') {
    const dash = v.indexOf('-');
    return dash > 0 && referenceDate(v.slice(0, dash), 'D8') && referenceDate(v.slice(dash + 1), 'D8');
  }
  return true;
}

/** Digit strings near the shapes dates and times have, and anything else. */
const value = fc.oneof(
  fc.stringMatching(/^[0-9]{4,12}$/),
  fc.stringMatching(/^(17|18|19|20)[0-9]{2}(0[0-9]|1[0-3])([0-3][0-9])$/),
  fc.stringMatching(/^[0-9]{8}-[0-9]{8}$/),
  fc.stringMatching(/^[0-9-]{0,18}$/),
  fc.string({ maxLength: 14 }),
);
const padding = fc.string({ maxLength: 4 });

describe('date and time checks read from offsets', () => {
  it('answer as the reference does, for every format', () => {
    fc.assert(
      fc.property(padding, value, padding, (before, v, after) => {
        const text = before + v + after;
        const start = before.length;
        const end = start + v.length;
        for (const format of ['DT', 'D8', 'D6'] as const) assert.equal(isValidDateAt(text, start, end, format), referenceDate(v, format), `${format} ${JSON.stringify(v)}`);
        assert.equal(isValidTimeAt(text, start, end), referenceTime(v), `time ${JSON.stringify(v)}`);
        for (const format of ['D8', 'RD8', 'D6', 'DT', 'TM', 'XX']) assert.equal(matchesFormatAt(text, start, end, format), referenceFormat(v, format), `${format} ${JSON.stringify(v)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('accept real dates and refuse impossible ones', () => {
    const at = (v: string) => isValidDateAt(`*${v}*`, 1, 1 + v.length, 'DT');
    assert.equal(at('20240229'), true);
    assert.equal(at('20230229'), false);
    assert.equal(at('19000229'), false);
    assert.equal(at('20000229'), true);
    assert.equal(at('20241301'), false);
    assert.equal(at('240101'), true);
    assert.equal(at('202401011260'), false);
    assert.equal(at('202401011259'), true);
    assert.equal(isValidDate('20240229'), true);
  });
});
