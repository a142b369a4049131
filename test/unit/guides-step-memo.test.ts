// The step memo (guides/stepMemo.ts) takes a segment's step again only for the same characters
// after the same guide segment, read with the same element separator in the same text: a
// difference anywhere, or a hash collision, is not taken (the memo compares the characters). And
// the one pass that uses it finds what the exact checks find, where repeats of memo'd segments
// pass a segment's max use or a loop's repeat (GuideWalker.stepByPlan then declines and the walk
// reports them).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWindow } from '../../server/src/core/guides/byteWindow';
import { StepMemo } from '../../server/src/core/guides/stepMemo';
import type { StepPlan } from '../../server/src/core/guides/transitions';
import { GuideValidator, valuesOf, type GuideFinding } from '../../server/src/core/guides/validate';
import { parseX12 } from '../../server/src/core/x12/index';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const STAR = 42;
/** Plans stand in for the walker's: the memo hands back what it was given. */
const PLAN_A = { kind: 'sibling', next: { id: 'REF' }, required: [] } as unknown as StepPlan;

/** Segment spans of a text of `~`-terminated segments (what follows the last terminator is none). */
function spans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('~', at);
    if (end < 0) break;
    out.push([at, end]);
    at = end + 1;
  }
  return out;
}

describe('guide step memo', () => {
  it('takes the same characters after the same guide segment only, wherever a difference lies', () => {
    for (let length = 1; length <= 13; length++) {
      for (let at = 0; at < length; at++) {
        const first = `REF*${'x'.repeat(length)}`;
        const other = `REF*${'x'.repeat(at)}y${'x'.repeat(length - at - 1)}`;
        const text = `${first}~${first}~${other}~${first}~`;
        const [a, b, c, d] = spans(text);
        const memo = new StepMemo();
        const window = new ByteWindow();
        assert.equal(memo.find(window, text, a![0], a![1], STAR, 5), null);
        memo.add(a![0], a![1], PLAN_A);
        assert.equal(memo.find(window, text, b![0], b![1], STAR, 5), PLAN_A, 'the same characters');
        assert.equal(memo.find(window, text, c![0], c![1], STAR, 5), null, `${other} is not ${first}`);
        assert.equal(memo.find(window, text, d![0], d![1], STAR, 6), null, 'after another guide segment');
        assert.equal(memo.find(window, text, d![0], d![1], 0x1d, 5), null, 'another element separator');
      }
    }
  });

  it('adds only the segment it last looked for', () => {
    const text = 'N3*1 MAIN~N3*1 MAIN~N3*1 MAIN~';
    const [a, b, c] = spans(text);
    const memo = new StepMemo();
    const window = new ByteWindow();
    memo.find(window, text, a![0], a![1], STAR, 5);
    memo.add(b![0], b![1], PLAN_A);
    assert.equal(memo.find(window, text, c![0], c![1], STAR, 5), null);
  });

  it('forgets its segments with another text', () => {
    const text = 'N3*1 MAIN~N3*1 MAIN~';
    const [a, b] = spans(text);
    const memo = new StepMemo();
    const window = new ByteWindow();
    memo.find(window, text, a![0], a![1], STAR, 5);
    memo.add(a![0], a![1], PLAN_A);
    const copy = `${text} `;
    assert.equal(memo.find(window, copy, b![0], b![1], STAR, 5), null);
    assert.equal(memo.find(window, text, b![0], b![1], STAR, 5), null, 'emptied for the other text');
  });

  it('compares the characters of segments that hash alike', () => {
    // Two 16-character segments of the same hash: it reads their first, middle and last four
    // bytes (offsets 0, 6 and 12), and they differ in the bytes between.
    const window = new ByteWindow();
    const first = 'REF*ABCDEFGHIJKL';
    const second = 'REF*XYCDEFZWIJKL';
    assert.equal(StepMemo.hashOf(window, second, 0, 16), StepMemo.hashOf(window, first, 0, 16), `${second} hashes as ${first}`);
    for (const tail of ['', 'é']) {
      const text = `${first}~${second}~${first}~${tail}`;
      const [a, b, c] = spans(text);
      const memo = new StepMemo();
      const w = new ByteWindow();
      memo.find(w, text, a![0], a![1], STAR, 9);
      memo.add(a![0], a![1], PLAN_A);
      assert.equal(memo.find(w, text, b![0], b![1], STAR, 9), null, `${second} is not ${first}`);
      assert.equal(memo.find(w, text, c![0], c![1], STAR, 9), tail === '' ? PLAN_A : null);
    }
  });
});

/** The exact checks as a second pass (as guides-one-pass.test.ts). */
function secondPass(text: string): string[] {
  const ix = parseX12(text).x12;
  const d = ix.delimitersOf(0);
  const validator = new GuideValidator({ componentSeparator: d.component, repetitionSeparator: d.repetition });
  for (let i = 0; i < ix.segmentCount; i++) validator.segment({ id: ix.segmentId(i), elements: valuesOf(ix, i) }, i);
  return validator.finish().map((f: GuideFinding) => `${f.segment} ${f.rule} ${f.message}`);
}

function onePass(text: string): string[] {
  const doc = parseX12(text, { guide: true });
  return doc.guideFindings!.map((f) => `${doc.x12.segmentAt(f.span.start)} ${f.rule} ${f.message}`);
}

describe('guide pass with the step memo', () => {
  const example = readFileSync(join(__dirname, '../../examples/professional-43214.837'), 'latin1');
  const lines = example.split('~').map((s) => s.replace(/^\s+/, '')).filter((s) => s !== '');
  const firstClaim = lines.findIndex((s) => s.startsWith('HL*2*'));
  const se = lines.findIndex((s) => s.startsWith('SE*'));
  const head = lines.slice(0, firstClaim);
  const claim = lines.slice(firstClaim, se);
  const tail = lines.slice(se);

  it('finds what the exact checks find when repeats of a segment pass its max use', () => {
    // Every segment of the claim in turn written 1 to 4 times, in claims repeated word for word.
    for (let k = 0; k < claim.length; k++) {
      for (const times of [2, 3, 4]) {
        const changed = claim.flatMap((s, j) => (j === k ? new Array<string>(times).fill(s) : [s]));
        const text = [...head, ...claim, ...claim, ...changed, ...changed, ...claim, ...tail].join('~\n') + '~\n';
        assert.deepEqual(onePass(text), secondPass(text), `${claim[k]} x ${times}`);
      }
    }
  });

  it('says a service line of another claim type once in each set, when the line is a repeat', () => {
    // ST03 names the institutional guide in a group of professional claims: SV1 is the other type.
    const st = head.findIndex((s) => s.startsWith('ST*'));
    const set = [...head.slice(st), ...claim, ...claim, tail[0]!].map((s) => (s.startsWith('ST*') ? s.replace('005010X222A1', '005010X223A2') : s));
    const text = [...head.slice(0, st), ...set, ...set, ...tail.slice(1)].join('~\n') + '~\n';
    const found = onePass(text);
    assert.deepEqual(found, secondPass(text));
    assert.equal(found.filter((f) => f.includes('service line')).length, 2, found.join('\n'));
  });
});
