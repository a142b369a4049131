// After an edit the guide pass starts again from its last checkpoint before the edit and takes
// the earlier pass up again where the state meets it (guides/checkpoints.ts). Oracle: the guide
// findings of a fresh read of the edited text, for random edits in a row (each run's moved
// checkpoints are the next edit's starting points), and most edits read a small part of the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editedSegments, guideRunAfter } from '../../server/src/core/guides/checkpoints';
import { GuidePass, type GuideRun } from '../../server/src/core/guides/pass';
import { LAST_LISTED, REPEAT_LIMIT } from '../../server/src/core/guides/repeats';
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

  /** `text` with its `n`th occurrence (from 0) of `find` replaced. */
  function replacedAt(text: string, find: string, n: number, by: string): string {
    let at = -1;
    for (let i = 0; i <= n; i++) at = text.indexOf(find, at + 1);
    assert.ok(at >= 0);
    return text.slice(0, at) + by + text.slice(at + find.length);
  }

  /** The run after editing `before` (with `run`) into `after`, checked against a fresh read; and the share of segments it read. */
  function runAfterEdit(before: string, run: GuideRun, after: string): { run: GuideRun; share: number } {
    const edit = editedSegments(parseX12(before).x12, differenceOf(before, after));
    const next = parseX12(after).x12;
    const taken = guideRunAfter(run, { ...edit, shift: next.segmentCount - edit.count }, next)!;
    const fresh = freshRun(after);
    assert.deepEqual(shown(taken), shown(fresh.run));
    return { run: taken, share: taken.read! / fresh.segments };
  }

  it('takes the earlier pass up again in the same set when the edit adds or removes a finding', () => {
    // One set of 400 claims: a problem the edit adds is counted for the repeat limit until the
    // set ends, so the counts never meet the earlier pass's again; they need not, far from the limit.
    const broken = replacedAt(base, 'SBR*P', 120, 'SBR*Q');
    const added = runAfterEdit(base, freshRun(base).run, broken);
    assert.ok(added.run.findings.some((f) => f.rule === 'guide.code-invalid'));
    assert.ok(added.share < 0.25, `read ${(added.share * 100).toFixed(0)}% of the segments`);
    const removed = runAfterEdit(broken, added.run, base);
    assert.ok(removed.share < 0.25, `read ${(removed.share * 100).toFixed(0)}% of the segments`);
    // The moved checkpoints carry the new counts: the next edit, after the first, still meets.
    const again = runAfterEdit(broken, added.run, replacedAt(broken, 'SBR*P', 300, 'SBR*Q'));
    assert.ok(again.share < 0.25, `read ${(again.share * 100).toFixed(0)}% of the segments`);
  });

  it('reads on when one more finding makes a problem reach its repeat limit further on', () => {
    // 100 good subscribers, then REPEAT_LIMIT - 2 with a bad SBR01 (a code not in its list, one
    // problem a subscriber: qualifierRecovery.ts places the SBR), then 100 good ones.
    const parts = oneSet837(REPEAT_LIMIT + 198).split('SBR*P');
    const bad = 100 + REPEAT_LIMIT - 2;
    const text = parts.slice(0, 101).join('SBR*P') + 'SBR*Q' + parts.slice(101, bad + 1).join('SBR*Q') + 'SBR*P' + parts.slice(bad + 1).join('SBR*P');
    const unexpected = (run: GuideRun) => run.findings.filter((f) => f.rule === 'guide.code-invalid');
    const before = freshRun(text).run;
    assert.equal(unexpected(before).length, REPEAT_LIMIT - 2);
    // One more near the start: still under the limit, so the pass meets the earlier one soon,
    // and the earlier pass's later checkpoints of the set now count one more.
    const first = replacedAt(text, 'SBR*P', 10, 'SBR*Q');
    const one = runAfterEdit(text, before, first);
    assert.ok(one.share < 0.25, `read ${(one.share * 100).toFixed(0)}% of the segments`);
    assert.ok(!one.run.findings.some((f) => f.message.endsWith(LAST_LISTED)));
    // And one more after them all: it is the one the limit stops at, which only the counts the
    // moved checkpoints carry can tell.
    const second = replacedAt(first, 'SBR*P', 150, 'SBR*Q');
    const two = runAfterEdit(first, one.run, second);
    const listed = unexpected(two.run);
    assert.equal(listed.length, REPEAT_LIMIT);
    assert.ok(listed[listed.length - 1]!.message.endsWith(LAST_LISTED));
    // One fewer near the start: the limit is not reached, and the pass reads on to say so.
    const third = replacedAt(second, 'SBR*Q', 0, 'SBR*P');
    const three = runAfterEdit(second, two.run, third);
    assert.ok(!three.run.findings.some((f) => f.message.endsWith(LAST_LISTED)));
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

describe('checkpoints of a long document', () => {
  // A whole-document pass keeps at most about MAX_CHECKPOINTS (2,048) checkpoints, spaced further
  // apart than every 256 segments in a longer document; here a limit of 4 on 400 claims.
  const base = oneSet837(400);

  function sparseRun(text: string): GuideRun {
    const ix = parseX12(text).x12;
    const pass = new GuidePass({ checkpoints: true, maxCheckpoints: 4 });
    pass.segments(ix, 0, ix.segmentCount);
    pass.endPiece(ix);
    return pass.finishRun();
  }

  it('spaces its checkpoints so that there are no more than the limit', () => {
    const ix = parseX12(base).x12;
    const spacing = Math.ceil(ix.segmentCount / 4);
    assert.ok(spacing > 256);
    const sparse = sparseRun(base);
    assert.ok(sparse.checkpoints.length >= 3 && sparse.checkpoints.length <= 4, `${sparse.checkpoints.length} checkpoints`);
    const segments = sparse.checkpoints.map((c) => c.segment);
    assert.equal(segments[0], ix.table.segmentCode.indexOf(ix.idCode(segments[0]!)), 'the first HL has one');
    for (let i = 1; i < segments.length; i++) assert.ok(segments[i]! - segments[i - 1]! >= spacing, `${segments[i - 1]} to ${segments[i]}`);
    assert.deepEqual(shown(sparse), shown(freshRun(base).run));
    assert.ok(freshRun(base).run.checkpoints.length > 20, 'a short document keeps one every 256 segments or so');
  });

  it('gives the findings of a fresh read after edits, from checkpoints so spaced', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30 }), fc.constantFrom(...PLANTS)), { minLength: 1, maxLength: 3 }), (steps) => {
        let text = base;
        let run = sparseRun(text);
        for (const [where, remove, insert] of steps) {
          const at = Math.floor(where * (text.length - 200)) + 100;
          const edited = text.slice(0, at) + insert + text.slice(at + remove);
          const edit = editedSegments(parseX12(text).x12, differenceOf(text, edited));
          const next = parseX12(edited).x12;
          const after = guideRunAfter(run, { ...edit, shift: next.segmentCount - edit.count }, next);
          assert.ok(after);
          assert.deepEqual(shown(after), shown(freshRun(edited).run));
          text = edited;
          run = after;
        }
      }),
      { numRuns: 20, seed: 2048 },
    );
  });
});
