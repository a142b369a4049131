// The guide pass reads its text a window at a time as bytes where the window is all ASCII
// (guides/byteWindow.ts), else from the string: the window's bytes are the text's character codes,
// a window with another character is not read as bytes, and the segment scan gives the same
// offsets, flags and hash from either.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteWindow, WINDOW } from '../../server/src/core/guides/byteWindow';
import { SegmentScan } from '../../server/src/core/guides/segmentScan';

const STAR = 42;
const COLON = 58;
const CARET = 94;

describe('guide byte window', () => {
  it('holds an ASCII range as its character codes, and moves on as the pass does', () => {
    const text = 'ST*837*0001~BHT*0019*00*X~'.repeat(100);
    const window = new ByteWindow();
    assert.equal(window.cover(text, 12, 26), true);
    assert.equal(window.start, 12);
    for (let at = 12; at < window.end; at++) assert.equal(window.bytes[at - window.start], text.charCodeAt(at));
    assert.equal(window.holds(text, 20, 40), true);
    assert.equal(window.holds(text, 0, 10), false, 'before the window');
    assert.equal(window.holds(text.slice(0), 20, 40), true, 'the same characters are the same text');
    assert.equal(window.holds(`${text}x`, 20, 40), false, 'another text');
    // A range past the window moves it.
    assert.equal(window.cover(text, 5, 11), true);
    assert.equal(window.start, 5);
  });

  it('does not read a window with a character past ASCII as bytes', () => {
    const text = `NM1*IL*1*DOE~N3*2 ÉLM ST~${'LX*1~'.repeat(10)}`;
    const window = new ByteWindow();
    assert.equal(window.cover(text, 0, 12), false);
    assert.equal(window.holds(text, 0, 12), false);
    const far = `${'LX*1~'.repeat(WINDOW / 5 + 10)}N3*€~`;
    assert.equal(window.cover(far, 0, 4), true, 'the other character is past this window');
    assert.equal(window.cover(far, far.length - 5, far.length - 1), false);
  });

  it('reads no range longer than a window as bytes', () => {
    const text = 'A'.repeat(WINDOW + 10);
    assert.equal(new ByteWindow().cover(text, 0, WINDOW + 1), false);
  });

  it('gives the segment scan the same result from the bytes as from the string', () => {
    const segment = fc.string({ unit: fc.constantFrom(...'AZ09 *:^.-\u0001\u007f'), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(segment, (value) => {
        const ascii = `ST*1~${value}~`;
        // The other character is after the segment, in the window (a window starts at the segment it is moved for).
        const other = `ST*1~${value}~é`;
        const a = new SegmentScan();
        const b = new SegmentScan();
        a.scan(ascii, 1, 5, 5 + value.length, STAR, COLON, CARET);
        b.scan(other, 1, 5, 5 + value.length, STAR, COLON, CARET);
        assert.equal(a.window.ascii, true);
        assert.equal(b.window.ascii, false);
        assert.equal(a.count, b.count);
        assert.equal(a.hash, b.hash);
        for (let k = 0; k <= a.count; k++) {
          assert.equal(a.starts[k], b.starts[k]);
          assert.equal(a.ends[k], b.ends[k]);
          assert.equal(a.flags[k], b.flags[k]);
        }
      }),
      { numRuns: 500, seed: 2 },
    );
  });
});
