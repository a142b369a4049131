// The run memo (guides/runMemo.ts) takes a run of segments after a loop's first segment in one
// step when the same shapes followed the same first segment before (in a stream of a million
// segments or more; here from the first). Property: the guide pass
// finds exactly what it finds without it (the same pass handed one segment at a time, which
// takes no run), on files the generator writes as valid (many claims of few shapes, several sets
// and interchanges, any delimiters and line endings), on files of one claim copied many times with
// new ids (runs kept and taken) where one copy is then broken (a character changed, a segment
// written twice or left out), and where repeats of a run's segments pass a max use or a repeat.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GuidePass } from '../../server/src/core/guides/pass';
import { parseX12 } from '../../server/src/core/x12/index';
import { runParameters, validX12Scenarios, writeX12Scenario } from '../fuzz/generators';
import { exampleParts, fileOfClaims } from './helpers/example-837';

/** The pass's findings, the segments handed over all at once (runs taken) or one at a time (none). */
function findings(text: string, oneAtATime: boolean): string[] {
  const ix = parseX12(text).x12;
  const pass = new GuidePass({ checkpoints: true, runsFrom: 0 });
  if (oneAtATime) for (let s = 0; s < ix.segmentCount; s++) pass.segment(ix, s);
  else pass.segments(ix, 0, ix.segmentCount);
  return pass.finishRun().findings.map((f) => `${f.span.start}-${f.span.end} ${f.rule} ${f.severity} ${f.message}`);
}

function assertSame(text: string): void {
  assert.deepEqual(findings(text, false), findings(text, true));
}

const example = exampleParts();
const claim = example.claims;

/** Copy n of the example's claims (its HLs renumbered), with new ids, names and amounts. */
const HLS = claim.filter((s) => s.startsWith('HL*')).length;

function copy(n: number): string[] {
  const shift = n * HLS;
  return claim.map((s) =>
    s
      .replace(/^HL\*(\d+)\*(\d*)\*/, (_, own: string, parent: string) => `HL*${Number(own) + shift}*${parent === '' || parent === '1' ? parent : String(Number(parent) + shift)}*`)
      .replace(/M0000001/g, `M${String(1000000 + n).padStart(7, '0')}`)
      .replace(/DEMO-P-0001/g, `DEMO-P-${String(1000 + n)}`)
      .replace(/\*DOE\*JANE\*/g, n % 3 === 0 ? '*ROE*MARK*' : '*DOE*JANE*')
      .replace(/2150\.00/g, `${2150 + n}.00`),
  );
}

function fileOf(claims: string[][], lineBreaks: boolean): string {
  return fileOfClaims(example, claims, lineBreaks ? '\n' : '');
}

describe('guide run memo', () => {
  it('finds what the pass without it finds, on files the generator writes as valid', () => {
    fc.assert(fc.property(validX12Scenarios(40), (s) => assertSame(writeX12Scenario(s))), runParameters(40, 1701));
  });

  it('finds what the pass without it finds where one copy of a claim of one shape is broken', () => {
    const edit = fc.record({
      copies: fc.integer({ min: 3, max: 8 }),
      which: fc.nat(),
      segment: fc.nat(),
      at: fc.nat(),
      kind: fc.constantFrom('character', 'twice', 'left out', 'blank before'),
      character: fc.constantFrom('A', 'z', '7', ' ', '*', ':', '^', '-', '.', '#', '\u00e9'),
      lineBreaks: fc.boolean(),
    });
    fc.assert(
      fc.property(edit, (e) => {
        const claims = Array.from({ length: e.copies }, (_, n) => copy(n));
        const broken = claims[1 + (e.which % (e.copies - 1))]!;
        const k = e.segment % broken.length;
        const s = broken[k]!;
        if (e.kind === 'character') {
          const at = e.at % s.length;
          broken[k] = s.slice(0, at) + e.character + s.slice(at + 1);
        } else if (e.kind === 'twice') broken.splice(k, 0, s);
        else if (e.kind === 'left out') broken.splice(k, 1);
        else broken[k] = ` ${s}`;
        assertSame(fileOf(claims, e.lineBreaks));
      }),
      runParameters(300, 1702),
    );
  });

  it('finds what the pass without it finds when repeats of a segment pass its max use', () => {
    for (let k = 0; k < claim.length; k++) {
      for (const times of [2, 3]) {
        const claims = [0, 1, 2, 3].map(copy);
        const changed = copy(4).flatMap((s, j) => (j === k ? new Array<string>(times).fill(s) : [s]));
        assertSame(fileOf([...claims, changed, copy(5), changed, copy(6)], true));
      }
    }
  });

  it('takes the runs of one group in the next group, whose walker is new, as the pass without them reads it', () => {
    // The second group's walker enters, in a run taken, loops it has not entered itself (its
    // frames are made with it: fullWalk.ts poolOf). Its GS06 and the IEA01 count are wrong: the
    // same findings either way.
    const text = fileOf(Array.from({ length: 12 }, (_, n) => copy(n)), false);
    const gs = text.indexOf('GS*');
    const iea = text.indexOf('IEA*');
    const twoGroups = text.slice(0, iea) + text.slice(gs, iea) + text.slice(iea);
    assert.ok(twoGroups.split('GS*').length === 3);
    assertSame(twoGroups);
    assert.ok(findings(twoGroups, false).some((f) => f.includes('guide.control-number-repeated')));
  });

  it('takes runs: a file of copies of one claim is read with them as without', () => {
    const text = fileOf(Array.from({ length: 30 }, (_, n) => copy(n)), false);
    assertSame(text);
    assert.deepEqual(findings(text, false), []);
  });
});
