// After an edit the guide pass starts again from its last checkpoint before the edit and takes
// the earlier pass up again where the state meets it (guides/checkpoints.ts). Oracle: the guide
// findings of a fresh read of the edited text, for random edits in a row (each run's moved
// checkpoints are the next edit's starting points), and most edits read a small part of the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editedSegments, guideRunAfter } from '../../server/src/core/guides/checkpoints';
import type { GuideRun } from '../../server/src/core/guides/pass';
import { differenceOf } from '../../server/src/core/x12/incremental';
import { parseX12 } from '../../server/src/core/x12/index';
import { oneSet837 } from './helpers/one-set';

const PLANTS = ['', 'X', '1', ' ', '*', ':', '~', 'LX*9~', 'DTP*472*D8*20261399~', 'REF*6R*1~', 'NM1*82*1*DOE~', 'HL*9*1*22*0~', 'CLM*X*1~', 'N4*CITY*ZZ*1~', '\n '];

function freshRun(text: string): { run: GuideRun; segments: number } {
  const doc = parseX12(text, { guide: true });
  return { run: { findings: doc.guideFindings!, checkpoints: doc.guideCheckpoints! }, segments: doc.x12.segmentCount };
}

function shown(run: GuideRun): string[] {
  return run.findings.map((f) => `${f.span.start}-${f.span.end} ${f.rule} ${f.message}`);
}

describe('guide pass taken up again after an edit', () => {
  const base = oneSet837(400);

  /** Edits in a row from a fresh read of `base`; returns how many read under a quarter of the segments. */
  function editsInARow(steps: [number, number, string][]): { small: number; edits: number } {
    let small = 0;
    let edits = 0;
    let text = base;
    let { run } = freshRun(text);
    let ix = parseX12(text).x12;
    for (const [where, remove, insert] of steps) {
      const at = Math.floor(where * (text.length - 200)) + 100;
      const edited = text.slice(0, at) + insert + text.slice(at + remove);
      const edit = editedSegments(ix, differenceOf(text, edited));
      const next = parseX12(edited).x12;
      const after = guideRunAfter(run, { ...edit, shift: next.segmentCount - edit.count }, next);
      assert.ok(after);
      const expected = freshRun(edited);
      assert.deepEqual(shown(after), shown(expected.run));
      edits++;
      if (after.read! < expected.segments / 4) small++;
      text = edited;
      run = after;
      ix = next;
    }
    return { small, edits };
  }

  it('gives the findings of a fresh read, edit after edit, whatever the edit does to the structure', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30 }), fc.constantFrom(...PLANTS)), { minLength: 1, maxLength: 5 }), (steps) => {
        editsInARow(steps);
      }),
      { numRuns: 60, seed: 4321 },
    );
  });

  it('reads a part of the file for typing inside values', () => {
    let small = 0;
    let edits = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 }), fc.constantFrom('A', '7', 'Z', '')), { minLength: 1, maxLength: 5 }), (steps) => {
        const result = editsInARow(steps);
        small += result.small;
        edits += result.edits;
      }),
      { numRuns: 40, seed: 1234 },
    );
    assert.ok(small > edits * 0.7, `${small} of ${edits} edits read under a quarter of the segments`);
  });

  it('reads on to the end when the edit changes what follows (an HL renumbering every later HL)', () => {
    const { run } = freshRun(base);
    const ix = parseX12(base).x12;
    const at = base.indexOf('HL*40*');
    const edited = base.slice(0, at) + 'HL*400*' + base.slice(at + 'HL*40*'.length);
    const edit = editedSegments(ix, differenceOf(base, edited));
    const next = parseX12(edited).x12;
    const after = guideRunAfter(run, { ...edit, shift: 0 }, next)!;
    assert.deepEqual(shown(after), shown(freshRun(edited).run));
    assert.ok(after.findings.some((f) => f.rule === 'guide.hl-sequence'));
  });
});
