// Found by a user: the element hovers of the codes a coder reads most (CLM05-1 place of service,
// CLM05-3 frequency, SBR09 filing indicator, SV103 unit basis, an HI qualifier) named the element
// and listed its valid codes but never said what the value written means. They now do, from a
// table of Claimlint's own words (data/codeMeanings.ts); only a value in the table is shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

function hoverOn(text: string, needle: string, offset: number): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hoverAt(analyze(text, knowledge), at + offset, knowledge)!.markdown;
}

describe('the element hover says what a code value means', () => {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }] }], { lineEnding: '\n' });

  it('CLM05-1 of a professional claim: the place of service', () => {
    const clm = text.slice(text.indexOf('CLM*'));
    const composite = /\*(\d\d):B:(\d)\*/.exec(clm)!;
    assert.ok(composite, clm.slice(0, 60));
    const markdown = hoverOn(text, `*${composite[1]}:B:`, 1);
    assert.match(markdown, new RegExp(`\`${composite[1]}\`: (office|[a-z])`));
  });

  it('CLM05-3: the claim frequency', () => {
    const markdown = hoverOn(text, ':B:1*', 3);
    assert.match(markdown, /`1`: original claim/);
  });

  it('SV103 UN: units', () => {
    assert.match(hoverOn(text, '*UN*', 1), /`UN`: units/);
  });

  it('an HI qualifier: ABK is the principal diagnosis', () => {
    const markdown = hoverOn(text, 'HI*ABK', 4);
    assert.match(markdown, /`ABK`: principal diagnosis \(ICD-10-CM\)/);
  });

  it('a value not in the table is not shown (control)', () => {
    const odd = text.replace('*UN*', '*QQ*');
    assert.doesNotMatch(hoverOn(odd, '*QQ*', 1), /`QQ`/);
  });
});

// Found in review: on an 837I, CLM05-1 is a facility type code (the type of bill's first digits),
// which decides whether any NCCI table judges the claim; its hover said nothing of it.
describe('CLM05-1 of an institutional claim: the facility type, and whether NCCI judges it', () => {
  for (const [facility, named, judged] of [
    ['13', 'hospital, outpatient', true],
    ['11', 'hospital, inpatient \\(Part A\\)', false],
    ['85', 'critical access hospital', true],
    ['81', 'hospice \\(not hospital-based\\)', false],
  ] as const) {
    it(`${facility}: ${named.replace(/\\/g, '')}`, () => {
      const { text } = writeX12([{ id: 'C1', facility, date: day, lines: [{ code: '43214', charge: '100.00', date: day }] }], { kind: 'institutional', lineEnding: '\n' });
      const markdown = hoverOn(text, `*${facility}:A:`, 1);
      const verdict = judged ? 'its lines are judged by the outpatient hospital NCCI table' : 'no NCCI table judges its lines \\(CMS does not apply the NCCI edits to bills of this type\\)';
      assert.match(markdown, new RegExp(`\`${facility}\`: ${named}; ${verdict}`));
    });
  }

  it('without CLM05-2 A: the facility type still, on an 837I (the checks read it so); the place of service on an 837P', () => {
    // Found in review: the hover wanted the qualifier while the checks judge the bill by CLM05-1 on every 837I.
    const { text } = writeX12([{ id: 'C1', facility: '11', date: day, lines: [{ code: '43214', charge: '100.00', date: day }] }], { kind: 'institutional', lineEnding: '\n' });
    const bare = text.replace('*11:A:1*', '*11::1*');
    assert.notEqual(bare, text);
    assert.match(hoverOn(bare, '*11::1*', 1), /`11`: hospital, inpatient \(Part A\); no NCCI table judges its lines/);
    const professional = writeX12([{ id: 'P1', lines: [{ code: '43214', charge: '100.00', date: day }] }], { lineEnding: '\n' }).text;
    const composite = /\*(\d\d):B:(\d)\*/.exec(professional)!;
    const noQualifier = professional.replace(`*${composite[1]}:B:`, `*${composite[1]}::`);
    assert.match(hoverOn(noQualifier, `*${composite[1]}::`, 1), new RegExp(`\`${composite[1]}\`: (office|[a-z])`));
  });

  it('a whole type of bill (0111) is read as its facility type, as the checks read it', () => {
    const { text } = writeX12([{ id: 'C1', facility: '0111', date: day, lines: [{ code: '43214', charge: '100.00', date: day }] }], { kind: 'institutional', lineEnding: '\n' });
    assert.match(hoverOn(text, '*0111:A:', 1), /`0111`: hospital, inpatient \(Part A\) \(facility type 11\); no NCCI table judges its lines/);
  });

  it('a value that names no facility type: judged by the outpatient hospital table, which the hover says; a name is not shown', () => {
    const { text } = writeX12([{ id: 'C1', facility: 'ZZ', date: day, lines: [{ code: '43214', charge: '100.00', date: day }] }], { kind: 'institutional', lineEnding: '\n' });
    assert.match(hoverOn(text, '*ZZ:A:', 1), /`ZZ`: not a facility type code: the claim's lines are judged by the outpatient hospital NCCI table/);
    const named = text.replace('*ZZ:A:', '*SMITH:A:');
    assert.doesNotMatch(hoverOn(named, '*SMITH:A:', 1), /SMITH`/);
  });
});

describe('a dental code is named a CDT code', () => {
  it('D0120 on an 837D line: "(CDT)", not "(HCPCS)"', () => {
    const { text } = writeX12([{ id: 'D1', date: day, lines: [{ code: 'D0120', charge: '44.00' }] }], { kind: 'dental', lineEnding: '\n' });
    const markdown = hoverOn(text, 'D0120', 1);
    assert.match(markdown, /D0120\*\* \(CDT\)/);
  });
});
