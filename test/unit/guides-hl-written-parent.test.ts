// Found in a user review (an EDI analyst): HLs numbered 1, 3, 4, 5, each HL02 naming its parent's
// HL01 as written, got guide.hl-parent on top of guide.hl-sequence ("HL02 parent 3 is not an HL
// level open above this one", though HL 3 was): the open levels held the HL01s as counted, as
// pyx12 keeps them. HL02 is judged against the HL01s as written now (guides/hlNumbering.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HlNumbering } from '../../server/src/core/guides/hlNumbering';

/** The findings of HLs given as [HL01, HL02, HL03, HL04], as rule and segment index. */
function findingsOf(hls: readonly (readonly string[])[]): string[] {
  const numbering = new HlNumbering();
  const out: string[] = [];
  hls.forEach((hl, index) => numbering.check(hl, index, (segment, rule) => out.push(`${rule}@${segment}`)));
  numbering.end((segment, rule) => out.push(`${rule}@${segment}`));
  return out;
}

describe('HL02 names its parent by the HL01 written', () => {
  it('HL01s that skip a number: each HL01 after it is out of sequence, no HL02 is wrong', () => {
    assert.deepEqual(findingsOf([['1', '', '20', '1'], ['3', '1', '22', '1'], ['4', '3', '23', '0'], ['5', '1', '22', '0']]), ['guide.hl-sequence@1', 'guide.hl-sequence@2', 'guide.hl-sequence@3']);
  });

  it('a second billing provider numbered from 1 again: its HL01s are out of sequence, its children\'s HL02s right', () => {
    const found = findingsOf([['1', '', '20', '1'], ['2', '1', '22', '0'], ['1', '', '20', '1'], ['2', '1', '22', '0']]);
    assert.deepEqual(found, ['guide.hl-sequence@2', 'guide.hl-sequence@3']);
  });

  it('an HL02 naming no open level is still wrong in a set numbered out of sequence (control)', () => {
    const found = findingsOf([['1', '', '20', '1'], ['3', '1', '22', '0'], ['4', '2', '23', '0']]);
    assert.deepEqual(found, ['guide.hl-sequence@1', 'guide.hl-sequence@2', 'guide.hl-parent@2']);
  });

  it('numbered in sequence, as before: a parent closed by a later level of its own is no open level', () => {
    const found = findingsOf([['1', '', '20', '1'], ['2', '1', '22', '0'], ['3', '1', '22', '0'], ['4', '2', '23', '0']]);
    assert.deepEqual(found, ['guide.hl-parent@3']);
  });
});
