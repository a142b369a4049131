// Quick fixes for guide and envelope findings (issue 13, "in the editor"): HL renumbering, SE01 /
// GE01 / IEA01 recounts, the ISA padded to its fixed widths, blanks before segments removed, and
// fix-all with them. Every fix is applied and the result read again with guideChecks full: the
// text is the one expected and the findings it answered (and no others) are gone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fitIsaField, fixAllWithGuides, guideFixAll, guideFixesFor, guideQuickFixes, hasGuideFix } from '../../server/src/core/guides/fixes';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);
const full = (text: string): Analysis => analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
const envelope = (text: string): Analysis => analyze(text, knowledge, undefined, undefined, { guideChecks: 'envelope' });
const rules = (findings: readonly Finding[]) => findings.map((f) => f.rule).sort();

// ---- a hand-written 837P: one billing provider, subscribers, a patient, one-line claims

const ISA = 'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *260101*1200*^*00501*000000101*0*T*:';

function subscriber(hl: number, parent: number, children: 0 | 1, id: string): string[] {
  return [`HL*${hl}*${parent}*22*${children}`, children ? 'SBR*P********CI' : 'SBR*P*18*******CI', `NM1*IL*1*DOE*JANE****MI*${id}`, 'N3*1 EXAMPLE ST', 'N4*ANYTOWN*PA*19000', 'DMG*D8*19700101*F', 'NM1*PR*2*DEMO HEALTH PLAN*****PI*PAYER01'];
}

function patient(hl: number, parent: number): string[] {
  return [`HL*${hl}*${parent}*23*0`, 'PAT*19', 'NM1*QC*1*DOE*JOHN', 'N3*1 EXAMPLE ST', 'N4*ANYTOWN*PA*19000', 'DMG*D8*20100101*M'];
}

/** A claim with one line per [code, charge], CLM02 their sum. */
function claim(id: string, lines: [string, string][] = [['99213', '100.00']]): string[] {
  const total = lines.reduce((sum, [, charge]) => sum + Math.round(Number(charge) * 100), 0);
  return [
    `CLM*${id}*${(total / 100).toFixed(2)}***11:B:1*Y*A*Y*Y`,
    'HI*ABK:J069',
    ...lines.flatMap(([code, charge], i) => [`LX*${i + 1}`, `SV1*HC:${code}*${charge}*UN*1***1`, 'DTP*472*D8*20251215']),
  ];
}

/** ST..SE around a body that starts after the billing provider (HL 1); SE01 counted unless `se01` says otherwise. */
function transaction(control: string, body: string[], se01?: number): string[] {
  const segments = [
    `ST*837*${control}*005010X222A1`,
    'BHT*0019*00*REF0001*20260101*1200*CH',
    'NM1*41*2*DEMO BILLING SERVICE*****46*DEMO01',
    'PER*IC*DEMO CONTACT*TE*5550100000',
    'NM1*40*2*DEMO HEALTH PLAN*****46*PAYER01',
    'HL*1**20*1',
    'NM1*85*2*EXAMPLE CLINIC*****XX*1999999984',
    'N3*100 SAMPLE WAY',
    'N4*ANYTOWN*PA*190000000',
    'REF*EI*990000001',
    ...body,
  ];
  return [...segments, `SE*${se01 ?? segments.length + 1}*${control}`];
}

function file(transactions: string[][], envelope: { isa?: string; ge01?: number; iea01?: number; iea02?: string } = {}): string {
  return [
    envelope.isa ?? ISA,
    'GS*HC*SUBMITTER01*RECEIVER01*20260101*1200*7*X*005010X222A1',
    ...transactions.flat(),
    `GE*${envelope.ge01 ?? transactions.length}*7`,
    `IEA*${envelope.iea01 ?? 1}*${envelope.iea02 ?? '000000101'}`,
  ]
    .map((s) => `${s}~\n`)
    .join('');
}

/** The one fix offered for the first finding of `rule`, applied; the re-analysis is returned with it. */
function applyFixOf(text: string, rule: string): { fixed: string; title: string; answered: Finding[]; after: Analysis } {
  const before = full(text);
  const finding = before.findings.find((f) => f.rule === rule);
  assert.ok(finding, `a ${rule} finding in ${rules(before.findings).join(', ')}`);
  const fixes = guideFixesFor(text, before.doc, finding);
  assert.equal(fixes.length, 1, `one fix for ${rule}`);
  const fixed = applyEdits(text, fixes[0]!.edits);
  return { fixed, title: fixes[0]!.title, answered: fixes[0]!.findings, after: full(fixed) };
}

/** A finding that an ISA field is not its fixed width: in full, the guide's on an ISA element (it stands for x12.isa-width). */
function isaWidthFinding(analysis: Analysis): Finding | undefined {
  const isaEnd = analysis.text.indexOf('~');
  return analysis.findings.find((f) => f.rule === 'x12.isa-width' || (f.rule.startsWith('guide.element-') && f.span.end <= isaEnd));
}

/** No finding of the answered rules is left, and none that was not there before. */
function assertNothingNew(before: string, after: Analysis, goneRules: string[]): void {
  const left = rules(after.findings);
  for (const rule of goneRules) assert.ok(!left.includes(rule), `${rule} is gone: ${left.join(', ')}`);
  const earlier = rules(full(before).findings);
  for (const rule of left) {
    const count = (list: string[]) => list.filter((r) => r === rule).length;
    assert.ok(count(left) <= count(earlier), `${rule} is not new (${count(earlier)} before, ${count(left)} after)`);
  }
}

const threeSubscribers = (numbers: { a: number; b: number; p: number; c: number }) =>
  [
    ...subscriber(numbers.a, 1, 0, 'A1'),
    ...claim('C1'),
    ...subscriber(numbers.b, 1, 1, 'B1'),
    ...patient(numbers.p, numbers.b),
    ...claim('C2'),
    ...subscriber(numbers.c, 1, 0, 'C1'),
    ...claim('C3'),
  ];

test('the hand-written 837P is clean with guideChecks full', () => {
  assert.deepEqual(rules(full(file([transaction('0001', threeSubscribers({ a: 2, b: 3, p: 4, c: 5 }))])).findings), []);
});

describe('HL renumbering', () => {
  test('a subscriber loop deleted by hand: HL01 renumbered 2, 3, 4 and the patient\'s HL02 follows its subscriber', () => {
    const body = [...subscriber(3, 1, 1, 'B1'), ...patient(4, 3), ...claim('C2'), ...subscriber(5, 1, 0, 'C1'), ...claim('C3')];
    const text = file([transaction('0001', body)]);
    const { fixed, title, after } = applyFixOf(text, 'guide.hl-sequence');
    assert.equal(title, 'Renumber HL01 in order and HL02 to match');
    const expected = file([transaction('0001', [...subscriber(2, 1, 1, 'B1'), ...patient(3, 2), ...claim('C2'), ...subscriber(4, 1, 0, 'C1'), ...claim('C3')])]);
    assert.equal(fixed, expected);
    assert.deepEqual(rules(after.findings), []);
  });

  test('a subscriber loop moved down: the numbers follow the new order and the patient keeps its subscriber', () => {
    const body = [...subscriber(2, 1, 0, 'A1'), ...claim('C1'), ...subscriber(5, 1, 0, 'C1'), ...claim('C3'), ...subscriber(3, 1, 1, 'B1'), ...patient(4, 3), ...claim('C2')];
    const text = file([transaction('0001', body)]);
    // The patient's HL02 names its subscriber's HL01 as written: only the HL01s are out of order.
    assert.deepEqual([...new Set(rules(full(text).findings))], ['guide.hl-sequence']);
    const { fixed, after } = applyFixOf(text, 'guide.hl-sequence');
    const expected = file([transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...claim('C1'), ...subscriber(3, 1, 0, 'C1'), ...claim('C3'), ...subscriber(4, 1, 1, 'B1'), ...patient(5, 4), ...claim('C2')])]);
    assert.equal(fixed, expected);
    assert.deepEqual(rules(after.findings), []);
  });

  test('every HL finding of one transaction set shares one fix; another set is left alone', () => {
    const broken = [...subscriber(3, 1, 1, 'B1'), ...patient(4, 3), ...claim('C2')];
    const text = file([transaction('0001', broken), transaction('0002', threeSubscribers({ a: 2, b: 3, p: 4, c: 5 }))]);
    const analysis = full(text);
    const hl = analysis.findings.filter((f) => f.rule.startsWith('guide.hl-'));
    // Subscriber 3 and its patient 4: two HL01s out of sequence (the patient's HL02 names 3 as written: right).
    assert.deepEqual(hl.map((f) => f.rule), ['guide.hl-sequence', 'guide.hl-sequence']);
    const fixes = guideQuickFixes(text, analysis.doc, hl);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0]!.findings.length, 2);
    assert.equal(applyEdits(text, fixes[0]!.edits), file([transaction('0001', [...subscriber(2, 1, 1, 'B1'), ...patient(3, 2), ...claim('C2')]), transaction('0002', threeSubscribers({ a: 2, b: 3, p: 4, c: 5 }))]));
  });

  test('no fix when the numbers do not say whose child a level is: a repeated HL01, an HL02 naming no open level', () => {
    const repeated = file([transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...claim('C1'), ...subscriber(2, 1, 0, 'C1'), ...claim('C3')])]);
    // The patient (parent 2) after subscriber 3: a patient moved under another subscriber, or a mistake.
    const orphan = file([transaction('0001', [...subscriber(2, 1, 1, 'A1'), ...subscriber(3, 1, 1, 'B1'), ...patient(5, 2), ...claim('C2')])]);
    for (const text of [repeated, orphan]) {
      const analysis = full(text);
      const hl = analysis.findings.filter((f) => f.rule === 'guide.hl-sequence' || f.rule === 'guide.hl-parent');
      assert.ok(hl.length > 0);
      assert.deepEqual(guideQuickFixes(text, analysis.doc, hl), []);
    }
  });
});

describe('SE01, GE01 and IEA01', () => {
  const good = file([transaction('0001', threeSubscribers({ a: 2, b: 3, p: 4, c: 5 }))]);

  test('SE01 one too high (a segment deleted by hand): set to the segments counted', () => {
    const text = file([transaction('0001', threeSubscribers({ a: 2, b: 3, p: 4, c: 5 }), 43)]);
    const { fixed, title, after } = applyFixOf(text, 'x12.se01-count');
    assert.match(title, /^Set SE01 to \d+ \(the segments in the transaction set\)$/);
    assert.equal(fixed, good);
    assert.deepEqual(rules(after.findings), []);
  });

  test('GE01 and IEA01: set to the transaction sets and the groups counted', () => {
    const two = [transaction('0001', threeSubscribers({ a: 2, b: 3, p: 4, c: 5 })), transaction('0002', [...subscriber(2, 1, 0, 'A1'), ...claim('C1')])];
    const text = file(two, { ge01: 1, iea01: 3 });
    const ge = applyFixOf(text, 'x12.ge01-count');
    assert.equal(ge.title, 'Set GE01 to 2 (the transaction sets in the group)');
    assert.equal(ge.fixed, file(two, { iea01: 3 }));
    assertNothingNew(text, ge.after, ['x12.ge01-count']);
    const iea = applyFixOf(ge.fixed, 'x12.iea01-count');
    assert.equal(iea.title, 'Set IEA01 to 1 (the groups in the interchange)');
    assert.equal(iea.fixed, file(two));
    assert.deepEqual(rules(iea.after.findings), []);
  });

  test('a trailer without its count element gets no fix (where the count goes is not certain)', () => {
    const text = good.replace(/SE\*\d+\*0001~/, 'SE~');
    const analysis = full(text);
    const finding = analysis.findings.find((f) => f.rule === 'x12.se01-count');
    assert.ok(finding);
    assert.deepEqual(guideFixesFor(text, analysis.doc, finding), []);
  });
});

describe('ISA fixed widths', () => {
  const body = [transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...claim('C1')])];
  const good = file(body);

  test('an unpadded ISA: AN fields padded with spaces, ISA10 and ISA13 with zeros, ISA08 trimmed of its extra blanks, IEA02 written as ISA13', () => {
    const text = file(body, { isa: 'ISA*00**00**ZZ*SUBMITTER01*ZZ*RECEIVER01       *260101*1200*^*00501*101*0*T*:', iea02: '101' });
    const before = full(text);
    // In full the guide's element findings stand for the envelope's ISA width finding (checks.ts REPEATED_BY_GUIDE).
    assert.ok(!rules(before.findings).includes('x12.isa-width'));
    assert.ok(rules(before.findings).includes('guide.element-length'));
    assert.ok(rules(envelope(text).findings).includes('x12.isa-width'));
    const { fixed, title, after } = applyFixOf(text, 'guide.element-length');
    // In envelope the same fix hangs on x12.isa-width.
    const inEnvelope = envelope(text);
    const width = inEnvelope.findings.find((f) => f.rule === 'x12.isa-width')!;
    assert.equal(applyEdits(text, guideFixesFor(text, inEnvelope.doc, width)[0]!.edits), fixed);
    assert.equal(title, 'Pad the ISA fields to their fixed widths (106 characters) and IEA02 to match ISA13');
    assert.equal(fixed, good);
    assert.equal(fixed.indexOf('~'), 105);
    assert.deepEqual(rules(after.findings), []);
  });

  test('other delimiters (| > { and no line breaks): the same delimiters, now at their fixed places', () => {
    const delimited = (text: string) => text.replaceAll('*', '|').replaceAll(':', '>').replaceAll('^', '{').replaceAll('~\n', '~');
    const text = delimited(file(body, { isa: 'ISA*00**00**ZZ*SUBMITTER01*ZZ*RECEIVER01*260101*930*^*00501*101*0*T*:', iea02: '101' }));
    const { fixed, after } = applyFixOf(text, 'guide.element-length');
    assert.equal(fixed, delimited(good).replace('|260101|1200|', '|260101|0930|'));
    assert.deepEqual(after.doc.interchanges[0]!.delimiters, { element: '|', component: '>', repetition: '{', segment: '~' });
    assert.deepEqual(rules(after.findings), []);
  });

  test('IEA02 the same number as ISA13, written short: the fix on IEA02 writes it as ISA13 does', () => {
    const text = file(body, { iea02: '101' });
    const analysis = full(text);
    assert.deepEqual(rules(analysis.findings), ['guide.element-length', 'x12.iea02-control']);
    const fixes = guideQuickFixes(text, analysis.doc, analysis.findings);
    assert.deepEqual(fixes.map((f) => [f.title, f.findings.length]), [['Write IEA02 as ISA13 writes it (000000101)', 2]]);
    assert.equal(applyEdits(text, fixes[0]!.edits), good);
  });

  test('IEA02 another number than ISA13: the ISA is still padded, but the IEA02 finding gets no fix', () => {
    const text = file(body, { isa: 'ISA*00**00**ZZ*SUBMITTER01*ZZ*RECEIVER01*260101*1200*^*00501*000000101*0*T*:', iea02: '000000555' });
    const analysis = full(text);
    const control = analysis.findings.find((f) => f.rule === 'x12.iea02-control');
    const width = isaWidthFinding(analysis);
    assert.ok(control && width);
    assert.deepEqual(guideFixesFor(text, analysis.doc, control), []);
    const fixes = guideFixesFor(text, analysis.doc, width);
    assert.equal(fixes.length, 1);
    assert.equal(applyEdits(text, fixes[0]!.edits), file(body, { iea02: '000000555' }));
  });

  test('no fix when a value would have to be guessed or the delimiters would change', () => {
    const cases = [
      'ISA*00**00**ZZ*SUBMITTER01-LONGER*ZZ*RECEIVER01*260101*1200*^*00501*101*0*T*:', // ISA06 16 characters, none blank
      'ISA*00**00**Z*SUBMITTER01*ZZ*RECEIVER01*260101*1200*^*00501*101*0*T*:', // ISA05 a one-letter code
      'ISA*00**00**ZZ*SUBMITTER01*ZZ*RECEIVER01*2601*1200*^*00501*101*0*T*:', // ISA09 two digits short
      'ISA*00**00**ZZ*SUBMITTER01*ZZ*RECEIVER01*260101*1200*^ *00501*101*0*T*:', // ISA11 '^ ' is no separator; '^' would be one
    ];
    for (const isa of cases) {
      const text = file(body, { isa, iea02: '101' });
      const analysis = full(text);
      const width = isaWidthFinding(analysis);
      assert.ok(width, isa);
      assert.deepEqual(guideFixesFor(text, analysis.doc, width), [], isa);
    }
  });

  test('fitting one field', () => {
    const cases: [number, string, string | null][] = [
      [13, '101', '000000101'],
      [13, ' 101 ', '000000101'],
      [13, '0000000101', '000000101'],
      [13, '1234567890', null],
      [13, '10A', null],
      [9, '60101', '060101'],
      [9, '2601', null],
      [9, '261301', '261301'], // already its width: left as written (its own finding says why)
      [10, '930', '0930'],
      [10, '960', null],
      [6, 'X', 'X              '],
      [6, 'SUBMITTER01     ', 'SUBMITTER01    '],
      [6, 'SUBMITTER0123456', null],
      [2, '', '          '],
      [1, '0', null],
      [1, '00  ', '00'],
      [11, '^', '^'],
    ];
    for (const [k, value, expected] of cases) assert.equal(fitIsaField(k, value), expected, `ISA${String(k).padStart(2, '0')} ${JSON.stringify(value)}`);
  });
});

describe('segments starting with blanks', () => {
  test('the blanks before every such segment go in one fix, and the LX is read again', () => {
    const good = file([transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...claim('C1')])]);
    const text = good.replace('LX*1~', '\u000bLX*1~').replace('DTP*472', '\u000c DTP*472');
    const before = rules(full(text).findings);
    assert.ok(before.includes('guide.segment-leading-blanks'));
    assert.ok(before.includes('x12.lx-sequence'), 'the reader does not see the LX');
    const { fixed, title, after } = applyFixOf(text, 'guide.segment-leading-blanks');
    assert.equal(title, 'Remove the blanks before 2 segments');
    assert.equal(fixed, good);
    assert.deepEqual(rules(after.findings), []);
  });
});

describe('which findings have a fix', () => {
  test('guide element findings only on the ISA and IEA', () => {
    const text = file([transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...claim('C1')])]).replace('NM1*IL*1*DOE*JANE****MI*A1', 'NM1*IL*1*DOE*JANE****MI*' + 'A'.repeat(81));
    const analysis = full(text);
    const length = analysis.findings.find((f) => f.rule === 'guide.element-length');
    assert.ok(length);
    assert.equal(hasGuideFix(analysis.doc, length), false);
    assert.deepEqual(guideFixesFor(text, analysis.doc, length), []);
  });
});

describe('fix-all', () => {
  test('every guide fix at once: HL numbers, SE01, the ISA and the blanks', () => {
    const body = [...subscriber(3, 1, 1, 'B1'), ...patient(4, 3), ...claim('C2'), ...subscriber(5, 1, 0, 'C1'), ...claim('C3')];
    const text = file([transaction('0001', body, 99)], { isa: 'ISA*00**00**ZZ*SUBMITTER01*ZZ*RECEIVER01*260101*1200*^*00501*101*0*T*:', iea02: '101' }).replace('HI*ABK:J069', '\u000bHI*ABK:J069');
    const analysis = full(text);
    const fix = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.equal(fix.kind, 'source.fixAll');
    assert.equal(fix.title, 'Renumber HL01/HL02 in 1 transaction set, recount SE01, pad the ISA fields and remove the blanks before 1 segment');
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, file([transaction('0001', [...subscriber(2, 1, 1, 'B1'), ...patient(3, 2), ...claim('C2'), ...subscriber(4, 1, 0, 'C1'), ...claim('C3')])]));
    assert.deepEqual(rules(full(fixed).findings), []);
    // The reader does not see the HI behind the vertical tab: what follows from that (a segment
    // missing or unexpected, the lines' diagnosis pointers naming no code) goes with the blank.
    const hiddenHi = new Set(['x12.lx-sequence', 'guide.segment-missing', 'guide.segment-unexpected', 'x12.diagnosis-pointer']);
    assert.deepEqual(rules(fix.findings), rules(analysis.findings.filter((f) => !hiddenHi.has(f.rule))));
  });

  test('with coding fixes: the set a line removal edits gets the count of its segments left in SE01 (one that was wrong too), the other set is fixed now', () => {
    // Set 0001: 43200 is bundled into 43214 (PTP indicator 0) and SE01 is one too high. Set 0002: an HL gap.
    const bundled = claim('C1', [['43214', '1500.00'], ['43200', '400.00']]);
    const gap = [...subscriber(3, 1, 0, 'B1'), ...claim('C2')];
    const count = transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...bundled]).length;
    const text = file([transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...bundled], count + 1), transaction('0002', gap)]);
    const analysis = full(text);
    assert.deepEqual(rules(analysis.findings), ['guide.hl-sequence', 'ptp.conflict', 'x12.se01-count']);
    const fix = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.equal(fix.title, 'Remove 1 service line; renumber HL01/HL02 in 1 transaction set');
    const once = applyEdits(text, fix.edits);
    const removed = claim('C1', [['43214', '1500.00']]);
    // SE01 counts what is left (not what it said less the three segments taken, which was one too high).
    assert.equal(once, file([transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...removed]), transaction('0002', [...subscriber(2, 1, 0, 'B1'), ...claim('C2')])]));
    assert.deepEqual(rules(full(once).findings), []);
  });

  test('blanks before a segment of a set that a line removal edits wait for the next fix-all', () => {
    const bundled = claim('C1', [['43214', '1500.00'], ['43200', '400.00']]);
    const good = file([transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...bundled])]);
    const text = good.replace('HI*ABK:J069', '\u000bHI*ABK:J069');
    const analysis = full(text);
    // The reader does not see the HI behind the vertical tab, so the lines' pointers name no code.
    assert.deepEqual(rules(analysis.findings), ['guide.segment-leading-blanks', 'ptp.conflict', 'x12.diagnosis-pointer']);
    const fix = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.equal(fix.title, 'Remove 1 service line');
    const once = applyEdits(text, fix.edits);
    assert.ok(once.includes('\u000bHI'));
    const again = full(once);
    assert.deepEqual(rules(again.findings), ['guide.segment-leading-blanks', 'x12.diagnosis-pointer']);
    const twice = applyEdits(once, fixAllWithGuides(once, again.doc, again.findings)!.edits);
    assert.deepEqual(rules(full(twice).findings), []);
  });

  test('an ST read only once its blanks are removed: GE01 is not recounted from the text as read now', () => {
    // The reader does not see the second set's ST (it starts with a form feed): it counts one set where GE01 says two.
    const two = [transaction('0001', [...subscriber(2, 1, 0, 'A1'), ...claim('C1')]), transaction('0002', [...subscriber(2, 1, 0, 'B1'), ...claim('C2')])];
    const text = file(two).replace('ST*837*0002', '\u000cST*837*0002');
    const analysis = full(text);
    assert.ok(rules(analysis.findings).includes('x12.ge01-count'));
    const fix = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.equal(fix.title, 'Remove the blanks before 1 segment');
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, file(two));
    assert.deepEqual(rules(full(fixed).findings), []);
  });

  test('guideFixAll has nothing to do on a clean file', () => {
    const text = file([transaction('0001', threeSubscribers({ a: 2, b: 3, p: 4, c: 5 }))]);
    const analysis = full(text);
    assert.equal(guideFixAll(text, analysis.doc, analysis.findings), null);
    assert.equal(fixAllWithGuides(text, analysis.doc, analysis.findings), null);
  });
});
