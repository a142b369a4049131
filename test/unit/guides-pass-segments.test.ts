// The guide pass reads a piece's segments in a loop of its own after the reader's (x12/parse837.ts
// run: interleaved with the reader's work, segment by segment, it cost about a quarter more).
// GuidePass.segments(ix, from, to) must do what segment() does for each segment in turn: the same
// findings and checkpoints, over the whole piece or in ranges, and a failure inside the checks is
// reported once and stops the pass at the same segment.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GuidePass, type GuideRun } from '../../server/src/core/guides/pass';
import { parseX12 } from '../../server/src/core/x12/index';
import { tokenize } from '../../server/src/core/x12/tokenizer';
import { X12SegmentIndex } from '../../server/src/core/x12/segment-index';

const example = readFileSync(join(__dirname, '../../examples/professional-43214.837'), 'latin1');

/** The example with its claim repeated (new numbers) and a few findings planted. */
function document(): string {
  const lines = example.split('~').map((s) => s.replace(/^\s+/, '')).filter((s) => s !== '');
  const first = lines.findIndex((s) => s.startsWith('HL*2*'));
  const se = lines.findIndex((s) => s.startsWith('SE*'));
  const claim = lines.slice(first, se);
  const claims = Array.from({ length: 40 }, (_, n) => claim.map((s) => s.replace(/^HL\*2\*/, `HL*${n + 2}*`).replace(/^DMG\*D8\*(\d+)\*F$/, n % 7 === 3 ? 'DMG*D8*19700231*F' : 'DMG*D8*$1*F')));
  return [...lines.slice(0, first), ...claims.flat(), ...lines.slice(se)].join('~\n') + '~\n';
}

function shown(run: GuideRun): string[] {
  return [...run.findings.map((f) => `${f.span.start} ${f.rule} ${f.message}`), ...run.checkpoints.map((c) => `checkpoint ${c.segment} ${c.found}`)];
}

function bySegment(ix: X12SegmentIndex): GuideRun {
  const pass = new GuidePass({ checkpoints: true });
  for (let s = 0; s < ix.segmentCount; s++) pass.segment(ix, s);
  pass.endPiece(ix);
  return pass.finishRun();
}

describe('GuidePass.segments', () => {
  const text = document();
  const ix = new X12SegmentIndex(tokenize(text));

  it('finds what segment() finds for each segment in turn, over the whole piece or in ranges', () => {
    const expected = shown(bySegment(ix));
    assert.ok(expected.some((f) => f.includes('guide.')), 'the document has guide findings');
    assert.ok(expected.some((f) => f.startsWith('checkpoint')), 'and checkpoints');
    const whole = new GuidePass({ checkpoints: true });
    whole.segments(ix, 0, ix.segmentCount);
    whole.endPiece(ix);
    assert.deepEqual(shown(whole.finishRun()), expected);
    for (const cut of [1, 17, Math.floor(ix.segmentCount / 2), ix.segmentCount - 1]) {
      const parts = new GuidePass({ checkpoints: true });
      parts.segments(ix, 0, cut);
      parts.segments(ix, cut, cut);
      parts.segments(ix, cut, ix.segmentCount);
      parts.endPiece(ix);
      assert.deepEqual(shown(parts.finishRun()), expected, `cut at ${cut}`);
    }
  });

  it('gives the reader\'s pass the same findings as segment() by segment', () => {
    const doc = parseX12(text, { guide: true });
    assert.deepEqual([...doc.guideFindings!.map((f) => `${f.span.start} ${f.rule} ${f.message}`), ...doc.guideCheckpoints!.map((c) => `checkpoint ${c.segment} ${c.found}`)], shown(bySegment(ix)));
  });

  it('reads each interchange with its own separators', () => {
    // Three interchanges, the second with another element separator (the same validator goes on)
    // and the third with another component separator (a new validator): the findings are those of
    // the same file written with one set of separators (a separator is one character: the same spans).
    const body = document();
    const second = body.replace('*000000101*', '*000000102*').replace(/GS\*HC\*(.*?)\*1\*X\*/, 'GS*HC*$1*2*X*');
    const third = body.replace('*000000101*', '*000000103*').replace(/GS\*HC\*(.*?)\*1\*X\*/, 'GS*HC*$1*3*X*');
    const plain = body + second + third;
    const mixed = body + second.replace(/\*/g, '|') + third.replace(/:/g, '>');
    assert.equal(mixed.length, plain.length);
    const found = (text: string) => parseX12(text, { guide: true }).guideFindings!.map((f) => `${f.span.start} ${f.rule} ${f.message}`);
    const expected = found(plain);
    assert.ok(expected.filter((f) => f.includes('DMG02')).length === 18, 'each interchange has findings');
    assert.deepEqual(found(mixed), expected);
  });

  it('reports a failure inside the checks once and reads no segment after it', () => {
    const failing = (at: number): X12SegmentIndex => {
      const broken = Object.create(ix) as X12SegmentIndex;
      broken.idCode = (s: number) => {
        if (s === at) throw new Error('broken index');
        return ix.idCode(s);
      };
      return broken;
    };
    for (const at of [0, 40, ix.segmentCount - 1]) {
      const broken = failing(at);
      const pass = new GuidePass({ checkpoints: true });
      pass.segments(broken, 0, ix.segmentCount);
      pass.segments(broken, 0, ix.segmentCount);
      pass.endPiece(broken);
      const run = pass.finishRun();
      assert.equal(run.findings.filter((f) => f.rule === 'claimlint.internal-error').length, 1, `failure at ${at}`);
      assert.deepEqual(shown(run), shown(bySegment(broken)), `failure at ${at}`);
    }
  });
});
