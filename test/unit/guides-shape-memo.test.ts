// The memo of steps (guides/shapeMemo.ts) takes a segment's step again for a segment with the
// same characters, or of the same shape, after the same guide segment: the same characters in the
// id, the qualifier, codes and other dates, and only letters and digits of the same kind changed
// in free text, ids and amounts (shapeMasks.ts), and D8 dates that are dates. A different code or
// qualifier, a date that is none, or a character of another kind, is not taken; and the one pass
// that uses it finds what the exact checks find where such values are planted in claims that are
// otherwise of one shape, and where repeats of memo'd segments pass a segment's max use or a
// loop's repeat (GuideWalker.stepByPlan then declines and the walk reports them).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guideFor } from '../../server/src/core/guides/load';
import { SegmentScan } from '../../server/src/core/guides/segmentScan';
import { ShapeMemo } from '../../server/src/core/guides/shapeMemo';
import { exactOf, qualifierPositions } from '../../server/src/core/guides/shapeMasks';
import { segmentFor, findLoop } from '../../server/src/core/guides/lookups';
import { idCodeOf, type StepPlan } from '../../server/src/core/guides/transitions';
import { GuideValidator, valuesOf, type GuideFinding } from '../../server/src/core/guides/validate';
import { isValidDateAt } from '../../server/src/core/guides/valueTypes';
import { parseX12 } from '../../server/src/core/x12/index';
import { exampleParts, fileOfClaims } from './helpers/example-837';

const STAR = 42;
const COLON = 58;
const CARET = 94;
const guide = guideFor('005010X222A1')!;
/** The loop of the guide segment each test segment is placed at. */
const LOOPS: Record<string, string> = { LX: '2400', REF: '2400', NM1: '2010BA', CLM: '2300', HL: '2000B', DMG: '2010BA', DTP: '2400', SV1: '2400' };
/** A plan to the guide segment a segment is placed at: the memo hands back what it was given. */
function planFor(segment: string): StepPlan {
  const values = segment.split('*');
  const id = values[0]!;
  const next = segmentFor(findLoop(guide, LOOPS[id]!)!, id, (position) => values[position] ?? '')!;
  return { kind: 'sibling', next, required: [] } as unknown as StepPlan;
}

/** Does a memo that has taken `first` (after guide segment 5) hand its plan back for `second`, in the same text? */
function lookup(first: string, second: string, options: { from?: number; element?: number; between?: string } = {}): boolean {
  const text = `${first}~${options.between ?? ''}${second}~`;
  const a = [0, first.length] as const;
  const b = [text.length - 1 - second.length, text.length - 1] as const;
  const memo = new ShapeMemo(COLON, CARET);
  const scan = new SegmentScan();
  const code = (s: string) => idCodeOf(s.slice(0, s.indexOf('*')));
  assert.equal(memo.find(scan.window, text, a[0], a[1], STAR, code(first), 5), null);
  scan.scan(text, 0, a[0], a[1], STAR, COLON, CARET);
  const plan = planFor(first);
  memo.add(scan, guide, plan);
  const found = memo.find(scan.window, text, b[0], b[1], options.element ?? STAR, code(second), options.from ?? 5);
  assert.ok(found === null || found === plan);
  return found === plan;
}

describe('guide memo of steps', () => {
  it('takes new ids, names and amounts of the same kinds of character', () => {
    assert.ok(lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L7'));
    assert.ok(lookup('NM1*IL*1*DOE*JANE****MI*M00787234', 'NM1*IL*1*ROE*MARK****MI*Q12345678'));
    assert.ok(lookup('CLM*C000000001*942.00***11:B:1*Y*A*Y*Y', 'CLM*X123456789*100.25***11:B:1*Y*A*Y*Y'));
    assert.ok(lookup('HL*2*1*22*0', 'HL*7*3*22*0'));
  });

  it('reads an earlier segment outside its window from the text', () => {
    assert.ok(lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L7', { between: `${'N3*1 MAIN ST~'.repeat(40_000)}` }));
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*6R*C00000000AL7', { between: `${'N3*1 MAIN ST~'.repeat(40_000)}` }));
  });

  it('does not take a character of another kind in free text', () => {
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*6R*C00000000AL1'), 'a letter for a digit');
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*6R*c000000001L1'), 'a small letter for a capital');
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*6R*C00000000 L1'), 'a space for a digit');
    assert.ok(!lookup('CLM*C000000001*942.00***11:B:1*Y*A*Y*Y', 'CLM*C000000001*9420.0***11:B:1*Y*A*Y*Y'), 'a dot elsewhere');
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*6R*C0000000*1L1'), 'a separator for a digit');
  });

  it('does not take another code or qualifier of the same shape', () => {
    assert.ok(!lookup('NM1*IL*1*DOE*JANE****MI*M00787234', 'NM1*IL*1*DOE*JANE****ZZ*M00787234'), 'NM108, a code');
    assert.ok(!lookup('NM1*IL*1*DOE*JANE****MI*M00787234', 'NM1*QC*1*DOE*JANE****MI*M00787234'), 'NM101, the qualifier');
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*9F*C000000001L1'), 'REF01, the qualifier');
    assert.ok(!lookup('CLM*C000000001*942.00***11:B:1*Y*A*Y*Y', 'CLM*C000000001*942.00***11:Q:1*Y*A*Y*Y'), 'CLM05-02, a code in a composite');
    assert.ok(!lookup('SV1*HC:99203:25*160.00*UN*1***1:2', 'SV1*ZZ:99203:25*160.00*UN*1***1:2'), 'SV101-01, the qualifier in a composite');
    assert.ok(lookup('SV1*HC:99203:25*160.00*UN*1***1:2', 'SV1*HC:12345:59*999.99*UN*2***1:2'), 'new procedure, modifier, amount and units');
    assert.ok(!lookup('HL*2*1*22*0', 'HL*2*1*23*0'), 'HL03');
    assert.ok(!lookup('DMG*D8*19700101*F', 'DMG*D8*19700101*Q'), 'DMG03');
  });

  it('takes every printable character for another only where it is the same, or of the same kind in a free element', () => {
    // The memo tests four characters at once against a range per character: every character, at
    // the start, middle and end of a word of four, in a free element (REF02) and the qualifier (REF01).
    const first = 'REF*6R*C000000001L1';
    const kind = (c: string) => (/[0-9]/.test(c) ? 'digit' : /[A-Z]/.test(c) ? 'capital' : /[a-z]/.test(c) ? 'small' : c);
    for (const at of [4, 5, 7, 8, 11, 16, 17, 18]) {
      const free = at >= 7;
      for (let code = 32; code < 127; code++) {
        const c = String.fromCharCode(code);
        const second = first.slice(0, at) + c + first.slice(at + 1);
        const expected = c === first[at] || (free && kind(c) === kind(first[at]!));
        assert.equal(lookup(first, second), expected, `${JSON.stringify(c)} at ${at}`);
      }
    }
  });

  it('takes a D8 date for a D8 date only when it is a date', () => {
    assert.ok(lookup('DTP*472*D8*20240904', 'DTP*472*D8*20231231'));
    assert.ok(lookup('DTP*472*D8*20240904', 'DTP*472*D8*20240229'), 'a leap day');
    assert.ok(!lookup('DTP*472*D8*20240904', 'DTP*472*D8*20230229'), 'no leap day');
    assert.ok(!lookup('DTP*472*D8*20240904', 'DTP*472*D8*20241301'), 'month 13');
    assert.ok(!lookup('DTP*472*D8*20240904', 'DTP*472*D8*20240931'), 'September 31');
    assert.ok(!lookup('DTP*472*D8*20240904', 'DTP*472*D8*20241200'), 'day 0');
    assert.ok(!lookup('DTP*472*D8*20240904', 'DTP*472*D8*17991231'), 'before 1800');
    assert.ok(lookup('DTP*472*D8*20240904', 'DTP*472*D8*18000101'), '1800');
    assert.ok(lookup('DTP*472*D8*20240904', 'DTP*472*D8*20000229'), 'a leap day of a year of 400');
    assert.ok(!lookup('DTP*472*D8*20240904', 'DTP*472*D8*19000229'), 'no leap day in a year of 100');
    assert.ok(lookup('DTP*472*D8*20240904', 'DTP*472*D8*20241231'), 'December 31');
    assert.ok(!lookup('DMG*D8*19700101*F', 'DMG*D8*19700231*F'), 'DMG02, February 31');
    assert.ok(lookup('DMG*D8*19700101*F', 'DMG*D8*19851124*F'));
  });

  it('takes a D8 date exactly where isValidDateAt says it is one', () => {
    const dates: string[] = [];
    for (const year of [1799, 1800, 1801, 1899, 1900, 1901, 1999, 2000, 2001, 2023, 2024, 2100]) {
      for (let month = 0; month <= 13; month++) for (let day = 0; day <= 32; day++) dates.push(`${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`);
    }
    const first = 'DTP*472*D8*20240904';
    const text = [first, ...dates.map((d) => `DTP*472*D8*${d}`)].join('~') + '~';
    const memo = new ShapeMemo(COLON, CARET);
    const scan = new SegmentScan();
    const code = idCodeOf('DTP');
    memo.find(scan.window, text, 0, first.length, STAR, code, 5);
    scan.scan(text, 0, 0, first.length, STAR, COLON, CARET);
    const plan = planFor(first);
    memo.add(scan, guide, plan);
    let at = first.length + 1;
    for (const date of dates) {
      const end = at + 11 + date.length;
      assert.equal(memo.find(scan.window, text, at, end, STAR, code, 5) === plan, isValidDateAt(date, 0, 8, 'D8'), date);
      at = end + 1;
    }
  });

  it('takes a step only after the same guide segment, with the same separator and id', () => {
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L1', { from: 6 }));
    assert.ok(!lookup('REF*6R*C000000001L1', 'REF*6R*C000000002L1', { element: 0x1d }));
    assert.ok(!lookup('REF*6R*C000000001L1', 'RFF*6R*C000000002L1'));
  });

  it('takes a segment with nothing free (codes and a range) only with the same characters', () => {
    assert.ok(lookup('DTP*472*RD8*20240101-20240102', 'DTP*472*RD8*20240101-20240102'));
    assert.ok(!lookup('DTP*472*RD8*20240101-20240102', 'DTP*472*RD8*20240101-20240103'));
    assert.ok(!lookup('DTP*472*RD8*20240101-20240102', 'DTP*472*RD8*20240102-20240101'), 'a range that ends before it starts');
  });

  it('keeps segments of one length and id after one guide segment apart, the latest replacing the oldest', () => {
    const shapes = ['REF*6R*C000000001L1', 'REF*6R*1000000001L1', 'REF*6R*CC00000001L1', 'REF*6R*C0000000011L', 'REF*6R*CCC0000001L1'];
    const text = [...shapes, ...shapes.map((s) => s.replace(/1/g, '7'))].join('~') + '~';
    const memo = new ShapeMemo(COLON, CARET);
    const scan = new SegmentScan();
    const code = idCodeOf('REF');
    const plans = shapes.map((s) => planFor(s));
    const length = shapes[0]!.length;
    for (let k = 0; k < shapes.length; k++) {
      const at = k * (length + 1);
      assert.equal(memo.find(scan.window, text, at, at + length, STAR, code, 5), null, `${shapes[k]} is new`);
      scan.scan(text, k, at, at + length, STAR, COLON, CARET);
      memo.add(scan, guide, plans[k]!);
    }
    for (let k = 0; k < shapes.length; k++) {
      const at = (shapes.length + k) * (length + 1);
      // Four entries a bucket: the first shape's was replaced by the fifth's.
      assert.equal(memo.find(scan.window, text, at, at + length, STAR, code, 5), k === 0 ? null : plans[k], shapes[k]);
    }
  });

  it('adds only the segment it last looked for, and keeps its segments for another text', () => {
    const text = 'REF*6R*C000000001L1~REF*6R*C000000002L1~REF*6R*C000000003L1~';
    const memo = new ShapeMemo(COLON, CARET);
    const scan = new SegmentScan();
    const code = idCodeOf('REF');
    const plan = planFor('REF*6R*C000000001L1');
    memo.find(scan.window, text, 0, 19, STAR, code, 5);
    scan.scan(text, 1, 20, 39, STAR, COLON, CARET);
    memo.add(scan, guide, plan);
    assert.equal(memo.find(scan.window, text, 40, 59, STAR, code, 5), null, 'the second was not looked for');
    scan.scan(text, 2, 40, 59, STAR, COLON, CARET);
    memo.add(scan, guide, plan);
    assert.equal(memo.find(scan.window, text, 0, 19, STAR, code, 5), plan);
    // The next piece of a stream is another text: the entry keeps the segment's bytes, not its offset.
    const next = 'REF*6R*C000000009L1~REF*6R*C00000000AL1~REF*6R*C000000001L1~';
    assert.equal(memo.find(scan.window, next, 0, 19, STAR, code, 5), plan, 'another text');
    assert.equal(memo.find(scan.window, next, 20, 39, STAR, code, 5), null, 'a letter for a digit in another text');
    assert.equal(memo.find(scan.window, text, 20, 39, STAR, code, 5), plan, 'the first text again');
  });

  it('compares with the segment it took, whatever the text holds there later', () => {
    // Pieces of a stream: the second text holds another shape where the first held the entry's segment.
    const first = 'NM1*IL*1*DOE*JANE****MI*M00787234~';
    const memo = new ShapeMemo(COLON, CARET);
    const scan = new SegmentScan();
    const code = idCodeOf('NM1');
    const plan = planFor('NM1*IL*1*DOE*JANE****MI*M00787234');
    assert.equal(memo.find(scan.window, first, 0, 33, STAR, code, 5), null);
    scan.scan(first, 0, 0, 33, STAR, COLON, CARET);
    memo.add(scan, guide, plan);
    const second = 'NM1*IL*1*DOE*JANE****ZZ*M00787234~NM1*IL*1*ROE*MARK****MI*Q12345678~';
    assert.equal(memo.find(scan.window, second, 34, 67, STAR, code, 5), plan, 'the same shape after another at the first offset');
    assert.equal(memo.find(scan.window, second, 0, 33, STAR, code, 5), null, 'another code at the entry\'s old offset');
    const third = 'NM1*QC*1*DOE*JANE****MI*M00787234~';
    assert.equal(memo.find(scan.window, third, 0, 33, STAR, code, 5), null, 'another qualifier in a third text');
  });

  it('reads a segment\'s last word whole, whatever the bytes after its end', () => {
    // sameShape reads the last word of a segment of 4k + 1..3 characters whole: the bytes past
    // its end, the terminator and what the window held before (here UTF-8 of an earlier text,
    // bytes of 128 and more), are no part of the comparison.
    for (const value of ['1', '12', '123', '1234', '12345', '123456', '1234567']) {
      const memo = new ShapeMemo(COLON, CARET);
      const scan = new SegmentScan();
      scan.window.cover('é'.repeat(1 << 18), 0, 1 << 18);
      const first = `LX*${value}`;
      const second = `LX*${value.replace(/\d/g, '9')}`;
      const text = `${first}~${second}~`;
      const code = idCodeOf('LX');
      assert.equal(memo.find(scan.window, text, 0, first.length, STAR, code, 5), null);
      scan.scan(text, 0, 0, first.length, STAR, COLON, CARET);
      const plan = planFor(first);
      memo.add(scan, guide, plan);
      const at = first.length + 1;
      assert.equal(memo.find(scan.window, text, at, at + second.length, STAR, code, 5), plan, second);
      assert.equal(memo.find(scan.window, `${first}~LX*${value.slice(0, -1)}A~`, at, at + second.length, STAR, code, 5), null, `${second}: its last character is read`);
    }
  });

  it('takes a segment whose entry replaced a longer one in the same place', () => {
    // Entries of 22 characters fill every place, then entries of 17 to 19 take places a longer
    // segment held: the ranges past their end must be those of any character, not the older segment's.
    const memo = new ShapeMemo(COLON, CARET);
    const scan = new SegmentScan();
    const code = idCodeOf('REF');
    const plan = planFor('REF*6R*C000000001L1');
    const long = 'REF*6R*C000000001L1ABC~';
    for (let from = 0; from < 10_000; from++) {
      memo.find(scan.window, long, 0, long.length - 1, STAR, code, from);
      scan.scan(long, 0, 0, long.length - 1, STAR, COLON, CARET);
      memo.add(scan, guide, plan);
    }
    for (const segment of ['REF*6R*C000000001L1', 'REF*6R*C0000000011', 'REF*6R*C00000001L']) {
      const text = `${segment}~${segment.slice(0, 7)}${segment.slice(7).replace(/\d/g, '7')}~`;
      const at = segment.length + 1;
      for (let from = 0; from < 64; from++) {
        assert.equal(memo.find(scan.window, text, 0, segment.length, STAR, code, from), null);
        scan.scan(text, 0, 0, segment.length, STAR, COLON, CARET);
        memo.add(scan, guide, plan);
        assert.equal(memo.find(scan.window, text, at, at + segment.length, STAR, code, from), plan, `${segment} after ${from}`);
      }
    }
  });

  it('holds qualifiers, codes and other dates the same', () => {
    const scan = new SegmentScan();
    const text = 'CLM*C000000001*942.00***11:B:1*Y*A*Y*Y';
    scan.scan(text, 0, 0, text.length, STAR, COLON, CARET);
    const clm = segmentFor(findLoop(guide, '2300')!, 'CLM')!;
    const { exact, dates } = exactOf(scan, clm, qualifierPositions(guide, idCodeOf('CLM')), COLON)!;
    const shown = [...exact].map((e) => (e === 1 ? '=' : '~')).join('');
    // CLM01 and CLM02 are free, and CLM05-03 (an ID without a list); CLM05-01, CLM05-02 and CLM06 to CLM09 are codes.
    assert.equal(shown, '====~~~~~~~~~~=~~~~~~========~========');
    assert.equal(dates, null);
    const ref = qualifierPositions(guide, idCodeOf('REF'));
    assert.deepEqual(ref, { elements: 1 << 1, firsts: 0 }, 'REF01 is the qualifier of every REF');
    const nm1 = segmentFor(findLoop(guide, '2010BA')!, 'NM1')!;
    const name = 'NM1*IL*1*DOE*JANE****MI*M00787234';
    scan.scan(name, 0, 0, name.length, STAR, COLON, CARET);
    const shownName = [...exactOf(scan, nm1, qualifierPositions(guide, idCodeOf('NM1')), COLON)!.exact].map((e) => (e === 1 ? '=' : '~')).join('');
    assert.equal(shownName, '=========~~~=~~~~=======~~~~~~~~~', 'NM103, NM104 and NM109 are free; NM101, NM102 and NM108 are codes');
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

describe('guide pass with the memo of steps', () => {
  const example = exampleParts();
  const { lines, firstClaim } = example;
  const clm = lines.findIndex((s, i) => i > firstClaim && s.startsWith('CLM*'));
  const secondClaim = lines.findIndex((s, i) => i > clm && s.startsWith('CLM*'));
  // One subscriber with one claim (HL..the first claim's lines), made new for each copy: ids, names, amounts.
  const claim = lines.slice(firstClaim, secondClaim);
  const copy = (n: number) =>
    claim.map((s) =>
      s
        .replace(/^HL\*2\*/, `HL*${n + 2}*`)
        .replace('M0000001', `M${String(1000000 + n).padStart(7, '0')}`)
        .replace('DEMO-P-0001', `DEMO-P-${String(1000 + n)}`)
        .replace('*DOE*JANE*', n % 2 === 0 ? '*ROE*MARK*' : '*DOE*JANE*')
        .replace('2150.00', `${2150 + n}.00`),
    );
  const fileOf = (claims: string[][]) => fileOfClaims(example, claims);

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

describe('guide pass with the memo of steps, repeats', () => {
  const { head, claims: claim, trailer: tail } = exampleParts();

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
