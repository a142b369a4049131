// The shape memo (guides/shapeMemo.ts) takes a segment's step again for a segment of the same
// shape after the same guide segment: the same characters in the id, the qualifier, codes and
// dates, and only letters and digits of the same kind changed in free text, ids and amounts
// (shapeMasks.ts). A different code, qualifier or date of the same length, or a character of
// another kind, is not taken; and the one pass that uses it finds what the exact checks find
// where such values are planted in claims that are otherwise of one shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guideFor } from '../../server/src/core/guides/load';
import { SegmentScan } from '../../server/src/core/guides/segmentScan';
import { ShapeMemo } from '../../server/src/core/guides/shapeMemo';
import { shapeMasksOf } from '../../server/src/core/guides/shapeMasks';
import { idCodeOf, type StepPlan } from '../../server/src/core/guides/transitions';
import { GuideValidator, valuesOf, type GuideFinding } from '../../server/src/core/guides/validate';
import { parseX12 } from '../../server/src/core/x12/index';

const STAR = 42;
const COLON = 58;
const CARET = 94;
const PLAN = { kind: 'sibling', next: { id: 'X' }, required: [] } as unknown as StepPlan;
const guide = guideFor('005010X222A1')!;

/** A memo that has taken `first` (after guide segment 5), asked about `second` in the same text. */
function lookup(first: string, second: string, options: { from?: number; element?: number; between?: string } = {}): StepPlan | null {
  const text = `${first}~${options.between ?? ''}${second}~`;
  const a = [0, first.length] as const;
  const b = [text.length - 1 - second.length, text.length - 1] as const;
  const memo = new ShapeMemo(COLON, CARET);
  const scan = new SegmentScan();
  const code = (s: string) => idCodeOf(s.slice(0, s.indexOf('*')));
  assert.equal(memo.find(scan.window, text, a[0], a[1], STAR, code(first), 5), null);
  scan.scan(text, 0, a[0], a[1], STAR, COLON, CARET);
  memo.add(scan, guide, PLAN);
  return memo.find(scan.window, text, b[0], b[1], options.element ?? STAR, code(second), options.from ?? 5);
}

describe('guide shape memo', () => {
  it('takes new ids, names and amounts of the same kinds of character', () => {
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L7'), PLAN);
    assert.equal(lookup('NM1*IL*1*DOE*JANE****MI*M00787234', 'NM1*IL*1*ROE*MARK****MI*Q12345678'), PLAN);
    assert.equal(lookup('CLM*C000000001*942.00***11:B:1*Y*A*Y*Y', 'CLM*X123456789*100.25***11:B:1*Y*A*Y*Y'), PLAN);
    assert.equal(lookup('HL*2*1*22*0', 'HL*7*3*22*0'), PLAN);
  });

  it('reads an earlier segment outside its window from the text', () => {
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L7', { between: `${'N3*1 MAIN ST~'.repeat(40_000)}` }), PLAN);
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C00000000AL7', { between: `${'N3*1 MAIN ST~'.repeat(40_000)}` }), null);
  });

  it('does not take a character of another kind in free text', () => {
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C00000000AL1'), null, 'a letter for a digit');
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*c000000001L1'), null, 'a small letter for a capital');
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C00000000 L1'), null, 'a space for a digit');
    assert.equal(lookup('CLM*C000000001*942.00***11:B:1*Y*A*Y*Y', 'CLM*C000000001*9420.0***11:B:1*Y*A*Y*Y'), null, 'a dot elsewhere');
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C0000000*1L1'), null, 'a separator for a digit');
  });

  it('does not take another code, qualifier or date of the same shape', () => {
    assert.equal(lookup('NM1*IL*1*DOE*JANE****MI*M00787234', 'NM1*IL*1*DOE*JANE****ZZ*M00787234'), null, 'NM108, a code');
    assert.equal(lookup('NM1*IL*1*DOE*JANE****MI*M00787234', 'NM1*QC*1*DOE*JANE****MI*M00787234'), null, 'NM101, the qualifier');
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*9F*C000000001L1'), null, 'REF01, the qualifier');
    assert.equal(lookup('CLM*C000000001*942.00***11:B:1*Y*A*Y*Y', 'CLM*C000000001*942.00***99:B:1*Y*A*Y*Y'), null, 'CLM05-01, a code in a composite');
    assert.equal(lookup('HL*2*1*22*0', 'HL*2*1*23*0'), null, 'HL03');
    assert.equal(lookup('DMG*D8*19700101*F', 'DMG*D8*19700101*Q'), null, 'DMG03');
    assert.equal(lookup('DMG*D8*19700101*F', 'DMG*D8*19700231*F'), null, 'DMG02, a date');
  });

  it('takes a step only after the same guide segment, with the same separator and id', () => {
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L1', { from: 6 }), null);
    assert.equal(lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L1', { element: 0x1d }), null);
    assert.equal(lookup('REF*6R*C000000001L1', 'RFF*6R*C000000002L1'), null);
  });

  it('keeps no entry for a segment with nothing free (a date and codes: the step memo has it)', () => {
    assert.equal(lookup('DTP*472*D8*20240904', 'DTP*472*D8*20240904'), null);
  });

  it('holds every qualifier and code exactly in its masks', () => {
    const masks = shapeMasksOf(guide);
    const ref = masks.get(idCodeOf('REF'))!;
    assert.equal(ref.qualifier, 1);
    // REF02 is a code in some REF of the guide, free text in REF*6R.
    const exact = (mask: number, position: number) => ((mask >>> position) & 1) === 1;
    assert.ok(exact(ref.base, 1));
    const clm = masks.get(idCodeOf('CLM'))!;
    assert.ok(!exact(clm.base, 1) && !exact(clm.base, 2), 'CLM01 and CLM02 are free');
    assert.ok(exact(clm.base, 5) && exact(clm.base, 6), 'CLM05 and CLM06 hold codes');
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

describe('guide pass with the shape memo', () => {
  const example = readFileSync(join(__dirname, '../../examples/professional-43214.837'), 'latin1');
  const lines = example.split('~').map((s) => s.replace(/^\s+/, '')).filter((s) => s !== '');
  const firstClaim = lines.findIndex((s) => s.startsWith('HL*2*'));
  const clm = lines.findIndex((s, i) => i > firstClaim && s.startsWith('CLM*'));
  const secondClaim = lines.findIndex((s, i) => i > clm && s.startsWith('CLM*'));
  const head = lines.slice(0, firstClaim);
  // One subscriber with one claim (HL..the first claim's lines), made new for each copy: ids, names, amounts.
  const claim = lines.slice(firstClaim, secondClaim);
  const se = lines.findIndex((s) => s.startsWith('SE*'));
  const tail = lines.slice(se + 1);
  const copy = (n: number) =>
    claim.map((s) =>
      s
        .replace(/^HL\*2\*/, `HL*${n + 2}*`)
        .replace('M0000001', `M${String(1000000 + n).padStart(7, '0')}`)
        .replace('DEMO-P-0001', `DEMO-P-${String(1000 + n)}`)
        .replace('*DOE*JANE*', n % 2 === 0 ? '*ROE*MARK*' : '*DOE*JANE*')
        .replace('2150.00', `${2150 + n}.00`),
    );
  const fileOf = (claims: string[][]) => {
    const st = head.findIndex((s) => s.startsWith('ST*'));
    const body = [...head, ...claims.flat()];
    const count = body.length - st + 1;
    return [...body, `SE*${count}*0001`, ...tail].join('~\n') + '~\n';
  };

  it('finds what the exact checks find where a claim of one shape holds a wrong code, qualifier or date', () => {
    const clean = fileOf([0, 1, 2, 3, 4, 5].map(copy));
    assert.deepEqual(onePass(clean), secondPass(clean));
    const variants: [RegExp, string][] = [
      [/^DMG\*D8\*19700101\*F$/, 'DMG*D8*19700101*Q'],
      [/^DMG\*D8\*19700101\*F$/, 'DMG*D8*19700231*F'],
      [/\*MI\*/, '*ZZ*'],
      [/^NM1\*IL\*/, 'NM1*QC*'],
      [/^SBR\*P\*/, 'SBR*Q*'],
      [/\*22:B:1\*/, '*22:Q:1*'],
      [/^N4\*ANYTOWN\*PA\*/, 'N4*ANYTOWN*QQ*'],
      [/^HL\*(\d+)\*1\*22\*0$/, 'HL*$1*1*23*0'],
      [/^CLM\*([^*]*)\*(\d+)\.00\*/, 'CLM*$1*$2.0A*'],
    ];
    for (const [pattern, replacement] of variants) {
      const claims = [0, 1, 2, 3, 4, 5].map(copy);
      const k = claims[4]!.findIndex((s) => pattern.test(s));
      assert.ok(k >= 0, `${pattern} in the claim`);
      claims[4]![k] = claims[4]![k]!.replace(pattern, replacement);
      const text = fileOf(claims);
      const expected = secondPass(text);
      assert.ok(expected.length > secondPass(clean).length, `${claims[4]![k]} is a finding`);
      assert.deepEqual(onePass(text), expected, claims[4]![k]);
    }
  });
});
