// The guide pass's per-segment scan (guides/segmentScan.ts): its character classes against the
// definition of the X12 basic and extended sets, for every UTF-16 code unit, and its element
// offsets and flags on a segment with each kind of separator.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_COMPONENT, HAS_OUTSIDE, HAS_REPETITION, SegmentScan } from '../../server/src/core/guides/segmentScan';
import { firstFourValues, firstValues } from '../../server/src/core/guides/segmentValues';
import { EXTENDED_CHARACTERS } from '../../server/src/core/guides/valueTypes';

/** Outside the basic and extended sets, as valueTypes.ts EXTENDED_CHARACTERS says (the exact checks' definition): not printable ASCII, CR or LF. */
function outside(c: number): boolean {
  return EXTENDED_CHARACTERS.test(String.fromCharCode(c));
}

const STAR = 42;
const COLON = 58;
const CARET = 94;

describe('guide segment scan', () => {
  it('marks exactly the characters outside the X12 sets, for every code unit', () => {
    const scan = new SegmentScan();
    const wrong: number[] = [];
    for (let c = 0; c < 65536; c++) {
      if (c === STAR || c === COLON || c === CARET) continue;
      const text = `AB*${String.fromCharCode(c)}`;
      scan.scan(text, 0, 0, text.length, STAR, COLON, CARET);
      if (scan.count !== 1 || ((scan.flags[1]! & HAS_OUTSIDE) !== 0) !== outside(c)) wrong.push(c);
    }
    assert.deepEqual(wrong, []);
  });

  it('gives each element its offsets and the separators it holds', () => {
    const scan = new SegmentScan();
    const text = 'SV1*HC:99213*A^B*\u0001*';
    scan.scan(text, 7, 0, text.length, STAR, COLON, CARET);
    assert.equal(scan.count, 4);
    assert.equal(scan.segment, 7);
    const elements = [0, 1, 2, 3, 4].map((k) => [text.slice(scan.starts[k], scan.ends[k]), scan.flags[k]]);
    assert.deepEqual(elements, [
      ['SV1', 0],
      ['HC:99213', HAS_COMPONENT],
      ['A^B', HAS_REPETITION],
      ['\u0001', HAS_OUTSIDE],
      ['', 0],
    ]);
  });

  it('keeps a separator outside the sets marked as one in a value it is not the separator of', () => {
    const scan = new SegmentScan();
    // Element separator 0x1D, component 0x1F, repetition 0x1E (control characters some senders use).
    const text = 'HI\u001DABK\u001FR69\u001DA\u001EB';
    scan.scan(text, 0, 0, text.length, 0x1d, 0x1f, 0x1e);
    assert.equal(scan.count, 2);
    assert.equal(scan.flags[1], HAS_COMPONENT);
    assert.equal(scan.flags[2], HAS_REPETITION | HAS_OUTSIDE);
  });
});

describe('the first four values of an HL without a scan', () => {
  it('are what firstValues of its scan gives, whatever its elements and what follows it', () => {
    const segments = ['HL', 'HL*', 'HL*1', 'HL*1*', 'HL*1**20*1', 'HL*12*3*22*0', 'HL*1*2*3*4*5*6', 'HL***', 'HL*é*x:y*^*', 'HL**'];
    for (const segment of segments) {
      for (const after of ['', '~', '~NM1*85', '*~HL*2']) {
        const text = `ST*837~${segment}${after}`;
        const start = 7;
        const end = start + segment.length;
        const scan = new SegmentScan();
        scan.scan(text, 0, start, end, 42, 58, 94);
        assert.deepEqual(firstFourValues(text, start, end, 42), firstValues(scan, 0, 4), `${segment} before ${after}`);
      }
    }
  });
});
