// What the validator knows of a segment id by its code (guides/segmentIds.ts): every id the guides
// have is known from the start (the id's text is never read for one), the answers match the
// definition (envelope ids and ids that are none are read whole; HL and SV1-SV3 change more than
// the walk), and an id no guide has is learned once from its text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mappedSegmentIds } from '../../server/src/core/guides/load';
import { idInfo, SLOW_IDS } from '../../server/src/core/guides/segmentIds';
import { segmentIdCode } from '../../server/src/core/x12/segment-index';

/** A reader that must not be asked for the id's text. */
const NO_TEXT = {
  segmentId(): string {
    throw new Error('the id text was read');
  },
};

function textReader(id: string): { segmentId(i: number): string; reads: number } {
  return {
    reads: 0,
    segmentId() {
      this.reads++;
      return id;
    },
  };
}

describe('guide segment ids', () => {
  it('knows every id of the guides and the envelope without reading its text', () => {
    const ids = mappedSegmentIds();
    assert.ok(ids.includes('NM1') && ids.includes('CLM') && ids.includes('SV2') && ids.includes('ISA'));
    for (const id of [...ids, ...SLOW_IDS]) assert.equal(idInfo(segmentIdCode(id), NO_TEXT, 0).code, segmentIdCode(id));
    // The tokenizer's code 0: an id that is none (four characters or more, past ASCII).
    assert.deepEqual(idInfo(0, NO_TEXT, 0), { code: 0, id: null, special: false, hl: false, service: false });
  });

  it('reads the envelope whole, and tells HL and service lines apart', () => {
    const info = (id: string) => idInfo(segmentIdCode(id), NO_TEXT, 0);
    for (const id of SLOW_IDS) assert.deepEqual(info(id), { code: segmentIdCode(id), id: null, special: true, hl: false, service: false }, id);
    assert.deepEqual(info('HL'), { code: segmentIdCode('HL'), id: 'HL', special: true, hl: true, service: false });
    for (const id of ['SV1', 'SV2', 'SV3']) assert.deepEqual(info(id), { code: segmentIdCode(id), id, special: true, hl: false, service: true }, id);
    assert.deepEqual(info('NM1'), { code: segmentIdCode('NM1'), id: 'NM1', special: false, hl: false, service: false });
  });

  it('learns an id no guide has once, from its text', () => {
    const reader = textReader('Q9Z');
    const code = segmentIdCode('Q9Z');
    assert.deepEqual(idInfo(code, reader, 3), { code, id: 'Q9Z', special: false, hl: false, service: false });
    assert.deepEqual(idInfo(code, reader, 4), { code, id: 'Q9Z', special: false, hl: false, service: false });
    assert.equal(reader.reads, 1);
    // Not a segment identifier (lower case): read whole.
    const lower = textReader('nm1');
    assert.equal(idInfo(segmentIdCode('nm1'), lower, 0).id, null);
  });
});
