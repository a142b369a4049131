// 837I and 837D, guideChecks full: a segment that stops before a required element the reader
// also reads (a DTP without its DTP03, an SV2 or SV3 cut before its charge) is one finding, the
// guide's guide.element-missing, as when the element is there but empty; the reader's
// x12.date-invalid or x12.amount-invalid goes, as the README's "only the guide's finding is kept"
// says. With no element to place it on, the reader's finding spans the whole segment
// (x12/reading837.ts spanOr) and the guide's is an empty span at the segment's end: found in
// review, where guides/checks.ts withoutRepeats did not count an empty span at the end of a span
// as touching it; now it does.
// Synthetic files: made-up names and ids.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { NOT_EDITED_RULE } from '../../server/src/core/rules/notEdited';

/** Segments (without terminators) joined into a file, SE01 counted. */
function file(segments: readonly string[]): string {
  const st = segments.findIndex((s) => s.startsWith('ST*'));
  const se = segments.findIndex((s) => s.startsWith('SE*'));
  const out = segments.map((s, i) => (i === se ? s.replace(/^SE\*\d+/, `SE*${se - st + 1}`) : s));
  return out.join('~\n') + '~\n';
}

/** A guide-valid 5010 837I: one outpatient claim (13x), two lines. */
const INSTITUTIONAL: readonly string[] = [
  'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:',
  'GS*HC*SUBMITTER01*RECEIVER01*20240115*1200*1*X*005010X223A2',
  'ST*837*0001*005010X223A2',
  'BHT*0019*00*0001*20240115*1200*CH',
  'NM1*41*2*SUBMITTER CLINIC*****46*S000001',
  'PER*IC*CONTACT DESK*TE*5555550100',
  'NM1*40*2*EXAMPLE PAYER*****46*R000001',
  'HL*1**20*1',
  'NM1*85*2*EXAMPLE HOSPITAL*****XX*1234567893',
  'N3*1 MAIN ST',
  'N4*SPRINGFIELD*IL*000000000',
  'REF*EI*000000000',
  'HL*2*1*22*0',
  'SBR*P*18*******CI',
  'NM1*IL*1*DOE*JANE****MI*M000001',
  'N3*2 ELM ST',
  'N4*SPRINGFIELD*IL*000000000',
  'DMG*D8*19800101*F',
  'NM1*PR*2*EXAMPLE PAYER*****PI*P000001',
  'CLM*I1*500.00***13:A:1**A*Y*Y',
  'DTP*434*RD8*20240110-20240110',
  'CL1*1*7*01',
  'HI*ABK:R69',
  'LX*1',
  'SV2*0360*HC:99283*300.00*UN*1',
  'DTP*472*D8*20240110',
  'LX*2',
  'SV2*0450*HC:36415*200.00*UN*1',
  'DTP*472*D8*20240110',
  'SE*0*0001',
  'GE*1*1',
  'IEA*1*000000001',
];

/** A guide-valid 4010 837D: one claim, two lines, a tooth on the first. */
const DENTAL: readonly string[] = [
  'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*U*00401*000000001*0*T*:',
  'GS*HC*SUBMITTER01*RECEIVER01*20240115*1200*1*X*004010X097A1',
  'ST*837*0001',
  'BHT*0019*00*0001*20240115*1200*CH',
  'REF*87*004010X097A1',
  'NM1*41*2*SUBMITTER CLINIC*****46*S000001',
  'PER*IC*CONTACT DESK*TE*5555550100',
  'NM1*40*2*EXAMPLE PAYER*****46*R000001',
  'HL*1**20*1',
  'NM1*85*2*EXAMPLE DENTAL*****XX*1234567893',
  'N3*1 MAIN ST',
  'N4*SPRINGFIELD*IL*000000000',
  'REF*EI*000000000',
  'HL*2*1*22*0',
  'SBR*P*18****1***CI',
  'NM1*IL*1*DOE*JANE****MI*M000001',
  'NM1*PR*2*EXAMPLE PAYER*****PI*P000001',
  'CLM*D1*250.00***11::1*Y**Y*Y',
  'LX*1',
  'SV3*AD:D2391*150.00****1',
  'TOO*JP*3*M:O',
  'DTP*472*D8*20240110',
  'LX*2',
  'SV3*AD:D0220*100.00****1',
  'DTP*472*D8*20240110',
  'SE*0*0001',
  'GE*1*1',
  'IEA*1*000000001',
];

const knowledge = emptyKnowledge(false);

function findings(text: string): Finding[] {
  return analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings;
}

/** The valid file with its `n`-th segment equal to `from` (1-based) replaced by `to`. */
function edited(segments: readonly string[], from: string, to: string, n = 1): string {
  let seen = 0;
  const at = segments.findIndex((s) => s === from && ++seen === n);
  assert.ok(at >= 0, from);
  return file(segments.map((s, i) => (i === at ? to : s)));
}

/** Rules of the findings that sit on segment `segment` of `text` (the `n`-th with that text), its terminator excluded. */
function rulesOn(text: string, segment: string, all: readonly Finding[]): string[] {
  const start = text.indexOf(`\n${segment}~`) + 1;
  assert.ok(start > 0, segment);
  const end = start + segment.length;
  return all.filter((f) => f.span.start >= start && f.span.end <= end).map((f) => f.rule).sort();
}

describe('837I and 837D: an absent element is one finding, the guide one', () => {
  test('the valid files have no findings', () => {
    assert.deepEqual(findings(file(INSTITUTIONAL)).map((f) => `${f.rule}: ${f.message}`), []);
    // An 837D's only finding: its claims are judged by no NCCI table (information).
    assert.deepEqual(findings(file(DENTAL)).map((f) => f.rule), [NOT_EDITED_RULE]);
  });

  test('837I line DTP*472 without DTP03: guide.element-missing alone, as for an empty DTP03', () => {
    // Empty but present: one finding today.
    const empty = edited(INSTITUTIONAL, 'DTP*472*D8*20240110', 'DTP*472*D8*', 2);
    assert.deepEqual(rulesOn(empty, 'DTP*472*D8*', findings(empty)).filter((r) => r !== 'guide.trailing-separator'), ['guide.element-missing']);
    // Absent: the same problem.
    const text = edited(INSTITUTIONAL, 'DTP*472*D8*20240110', 'DTP*472*D8', 2);
    const all = findings(text);
    assert.ok(all.some((f) => f.rule === 'guide.element-missing' && f.message.includes('DTP03')), 'the guide names DTP03');
    assert.deepEqual(rulesOn(text, 'DTP*472*D8', all), ['guide.element-missing']);
  });

  test('837I statement dates DTP*434 without DTP03: guide.element-missing alone', () => {
    const text = edited(INSTITUTIONAL, 'DTP*434*RD8*20240110-20240110', 'DTP*434*RD8');
    const all = findings(text);
    assert.ok(all.some((f) => f.rule === 'guide.element-missing' && f.message.includes('DTP03')), 'the guide names DTP03');
    assert.deepEqual(rulesOn(text, 'DTP*434*RD8', all), ['guide.element-missing']);
  });

  test('837I SV2 that ends after its procedure: no x12.amount-invalid beside the guide findings', () => {
    const text = edited(INSTITUTIONAL, 'SV2*0450*HC:36415*200.00*UN*1', 'SV2*0450*HC:36415');
    const all = findings(text);
    assert.ok(all.some((f) => f.rule === 'guide.element-missing' && f.message.includes('SV203')), 'the guide names SV203');
    assert.deepEqual(
      all.filter((f) => f.rule === 'x12.amount-invalid').map((f) => f.message),
      [],
    );
  });

  test('837D SV3 that ends after its procedure: no x12.amount-invalid beside the guide findings', () => {
    const text = edited(DENTAL, 'SV3*AD:D0220*100.00****1', 'SV3*AD:D0220');
    const all = findings(text);
    assert.ok(all.some((f) => f.rule === 'guide.element-missing' && f.message.includes('SV302')), 'the guide names SV302');
    assert.deepEqual(
      all.filter((f) => f.rule === 'x12.amount-invalid').map((f) => f.message),
      [],
    );
  });

  test('837D line DTP*472 without DTP03: guide.element-missing alone', () => {
    const text = edited(DENTAL, 'DTP*472*D8*20240110', 'DTP*472*D8', 2);
    const all = findings(text);
    assert.ok(all.some((f) => f.rule === 'guide.element-missing' && f.message.includes('DTP03')), 'the guide names DTP03');
    assert.deepEqual(rulesOn(text, 'DTP*472*D8', all), ['guide.element-missing']);
  });
});
