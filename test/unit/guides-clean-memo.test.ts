// The clean memo (guides/cleanMemo.ts) passes a segment only when an earlier one found clean at
// the same guide segment has the same characters: a segment whose hash and length are the same
// but whose characters are not ("Aa" and "BB" hash alike) is not passed, wherever the difference
// lies (the comparison reads four bytes at a time, then the rest one by one), whether the text is
// read as bytes or as a string.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CleanMemo } from '../../server/src/core/guides/cleanMemo';
import { SegmentScan } from '../../server/src/core/guides/segmentScan';

const STAR = 42;
const COLON = 58;
const CARET = 94;

/** Scans the segment at `start` of `text` (it ends at the next ~) with `scan` (one scan reads a text's segments in turn, as the validator's does). */
function scanned(text: string, start: number, scan = new SegmentScan()): SegmentScan {
  scan.scan(text, 0, start, text.indexOf('~', start), STAR, COLON, CARET);
  return scan;
}

describe('guide clean memo', () => {
  for (const [name, tail] of [
    ['read as bytes', ''],
    ['read as a string', 'é'],
  ] as const) {
    it(`passes the same characters only, wherever a difference lies (${name})`, () => {
      for (let length = 2; length <= 14; length++) {
        for (let at = 0; at + 2 <= length; at++) {
          const before = 'x'.repeat(at);
          const after = 'y'.repeat(length - at - 2);
          const first = `REF*${before}Aa${after}`;
          const same = first;
          const other = `REF*${before}BB${after}`;
          const text = `${first}~${same}~${other}~${tail}`;
          const scan = new SegmentScan();
          const memo = new CleanMemo();
          const hash = scanned(text, 0, scan).hash;
          assert.equal(scan.window.ascii, tail === '');
          assert.equal(memo.has(7, scan, STAR), false);
          memo.add(7, scan);
          scanned(text, first.length + 1, scan);
          assert.equal(memo.has(8, scan, STAR), false, 'another guide segment');
          assert.equal(memo.has(7, scan, STAR), true, `${same} is ${first}`);
          scanned(text, 2 * (first.length + 1), scan);
          assert.equal(scan.hash, hash, 'Aa and BB hash alike');
          assert.equal(memo.has(7, scan, STAR), false, `${other} is not ${first}`);
        }
      }
    });
  }

  it('forgets its segments with another text or element separator', () => {
    const text = 'N3*2 ELM ST~N3*2 ELM ST~';
    const memo = new CleanMemo();
    const a = scanned(text, 0);
    memo.has(3, a, STAR);
    memo.add(3, a);
    assert.equal(memo.has(3, scanned(text, 12), STAR), true);
    assert.equal(memo.has(3, scanned(text, 12), 0x1d), false, 'another element separator');
    const copy = `${text} `;
    assert.equal(memo.has(3, scanned(copy, 12), STAR), false, 'another text');
  });
});
