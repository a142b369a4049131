// source.ts: the 837 reader reads a piece's characters from its text or from the bytes of ASCII
// text alike, and decodes a value of any length from bytes to the string the text holds.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { codeAt, latin1, sliceOf } from '../../server/src/core/x12/source';

const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 40 });

describe('source.ts', () => {
  it('decodes bytes [start, end) of any length as the text holds them', () => {
    fc.assert(
      fc.property(ascii, fc.nat(40), fc.nat(40), (text, a, b) => {
        const bytes = Buffer.from(text, 'latin1');
        const start = Math.min(a, b, text.length);
        const end = Math.min(Math.max(a, b), text.length);
        assert.equal(latin1(bytes, start, end), text.slice(start, end));
        // A plain Uint8Array (no Buffer) at an offset in its buffer decodes the same.
        const plain = new Uint8Array(bytes.length + 3).subarray(3);
        plain.set(bytes);
        assert.equal(sliceOf(plain, start, end), sliceOf(text, start, end));
        for (let at = 0; at < text.length; at++) assert.equal(codeAt(bytes, at), codeAt(text, at));
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes a whole buffer, and nothing for an empty or reversed range', () => {
    const bytes = Buffer.from('ISA*00*' + 'A'.repeat(100), 'latin1');
    assert.equal(latin1(bytes), bytes.toString('latin1'));
    assert.equal(latin1(bytes, 5, 5), '');
    assert.equal(latin1(bytes, 6, 5), '');
  });
});
