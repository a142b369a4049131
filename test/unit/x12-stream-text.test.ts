// streamText.ts: what X12Stream holds between cuts, as strings or as bytes. Both hold the same
// text through any adds, cuts, truncations and line breaks; a piece cut from bytes, and the one
// before it, stay as they were until the next cut (the reader reads the piece before when it moves
// on); the window joiner copies bytes into one buffer it uses again.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HeldBytes, HeldStrings, WindowJoiner, indexOfText, lastIndexOfText } from '../../server/src/core/x12/streamText';
import { latin1 } from '../../server/src/core/x12/source';

const chunk = fc.string({ unit: fc.constantFrom('A', 'B', '~', '*', '\n'), maxLength: 300 });
const step = fc.oneof(
  chunk.map((text) => ({ kind: 'add' as const, text })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: 'cut' as const, at })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: 'truncate' as const, at })),
  fc.nat(5).map((count) => ({ kind: 'breaks' as const, count })),
);

describe('the text X12Stream holds', () => {
  it('is the same as strings and as bytes, and a piece cut from bytes stays intact until the one after the next is cut', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const strings = new HeldStrings();
        const bytes = new HeldBytes();
        const pieces: { text: string; bytes: Uint8Array }[] = [];
        for (const s of steps) {
          if (s.kind === 'add') {
            strings.add(s.text);
            const block = Buffer.from(s.text, 'latin1');
            bytes.add(block);
            block.fill(0);
          } else if (s.kind === 'cut') {
            const at = Math.floor(s.at * strings.length);
            pieces.push({ text: strings.cut(at), bytes: bytes.cut(at) });
          } else if (s.kind === 'truncate') {
            const keep = Math.floor(s.at * strings.length);
            strings.truncate(keep);
            bytes.truncate(keep);
          } else {
            strings.addLineBreaks(s.count);
            bytes.addLineBreaks(s.count);
          }
          assert.equal(bytes.length, strings.length);
          assert.equal(latin1(bytes.all()), strings.all());
          // The last two pieces cut are still what they were cut as.
          for (const piece of pieces.slice(-2)) assert.equal(latin1(piece.bytes), piece.text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('joins a carry and a block into one buffer it uses again', () => {
    const joiner = new WindowJoiner();
    const first = joiner.join(Uint8Array.of(126), Buffer.from('ST*837~'));
    assert.equal(latin1(first), '~ST*837~');
    const second = joiner.join(Uint8Array.of(126, 10), Buffer.from('SE*2~'));
    assert.equal(latin1(second), '~\nSE*2~');
    assert.equal(second.buffer, first.buffer);
    const block = Buffer.from('HL*1~');
    assert.equal(joiner.join(new Uint8Array(0), block), block);
    assert.equal(joiner.join('~', 'HL*1~'), '~HL*1~');
  });

  it('searches bytes as String indexOf and lastIndexOf search text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('I', 'S', 'A', 'L', 'X', '~'), maxLength: 40 }), fc.constantFrom('ISA', 'LX', '~'), fc.integer({ min: -5, max: 45 }), (text, search, from) => {
        const bytes = Buffer.from(text, 'latin1');
        assert.equal(indexOfText(bytes, search, from), text.indexOf(search, from));
        assert.equal(lastIndexOfText(bytes, search, from), text.lastIndexOf(search, from));
        assert.equal(lastIndexOfText(bytes, search), text.lastIndexOf(search));
      }),
      { numRuns: 1000 },
    );
  });
});
