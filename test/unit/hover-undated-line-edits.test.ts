// Found in review: the code hover of a line without a date of service (a CSV without a date column,
// an empty date cell, a date that cannot be read). codeHover.ts asks the table for the edits
// "without a date", which is every row the table ever held: it lists, under the plain heading
// "PTP edits", an edit deleted years ago and one not yet in effect as if they applied, and a pair
// whose indicator changed from 0 to 1 in both groups at once ("no modifier allowed" and "unless an
// NCCI modifier"). Synthetic table rows only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';

const PTP = practitionerPtpText([
  '11111\t22222\t\t20200101\t*\t0\tsynthetic, in force',
  // Deleted at the end of 2021.
  '11111\t33333\t\t20200101\t20211231\t1\tsynthetic, deleted',
  // Indicator 0 until 2023, then 1.
  '11111\t66666\t\t20200101\t20231231\t0\tsynthetic',
  '11111\t66666\t\t20240101\t*\t1\tsynthetic',
]);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['/t/ptp.txt'], descriptorFiles: [], readFile: () => PTP });

/** The hover's edit lines that name `code`. */
function linesNaming(markdown: string, code: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('- ') && line.includes(code));
}

for (const [name, csv] of [
  ['no date column', 'Claim ID,Patient ID,CPT/HCPCS,Units\nC1,M1,11111,1\n'],
  ['an empty date cell', 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,,11111,1\n'],
] as const) {
  describe(`code hover on a line with ${name}`, () => {
    const analysis = analyze(csv, knowledge);
    const hover = hoverAt(analysis, csv.indexOf('11111'), knowledge);

    it('does not list a pair as both "no modifier allowed" and "unless an NCCI modifier"', () => {
      assert.ok(hover);
      const lines = linesNaming(hover.markdown, '66666');
      const contradictory = lines.some((l) => l.includes('no modifier allowed')) && lines.some((l) => l.includes('unless an NCCI modifier'));
      assert.ok(!contradictory, hover.markdown);
    });

    it('does not show an edit deleted in 2021 as applying', () => {
      assert.ok(hover);
      for (const line of linesNaming(hover.markdown, '33333')) {
        assert.match(line, /deleted|2021/i, `listed as applying:\n${hover.markdown}`);
      }
    });
  });
}

describe('the undated line\'s hover says what it shows', () => {
  const csv = 'Claim ID,Patient ID,CPT/HCPCS,Units\nC1,M1,11111,1\n';
  const analysis = analyze(csv, knowledge);
  const hover = hoverAt(analysis, csv.indexOf('11111'), knowledge);

  it('the edits in force today, and that the line is not checked', () => {
    assert.ok(hover);
    assert.match(hover.markdown, /PTP edits in force today \(\d\d\/\d\d\/\d{4}\)/);
    assert.match(hover.markdown, /no date of service, so no edit is checked on it/);
    assert.deepEqual(linesNaming(hover.markdown, '22222').length, 1);
  });
});
