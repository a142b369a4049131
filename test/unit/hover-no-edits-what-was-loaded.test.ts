// A code with no PTP edit: the hover says what was looked at. "No PTP edits ... in the loaded
// practitioner table" was shown with no table loaded at all, only the built-in 43214 set (or with
// the built-in set turned off and nothing else): a coder read it as "this code pairs with nothing"
// where nothing but 43214's five pairs had been checked. Now it names the built-in set, or says no
// table is loaded, with the setting that loads one. Synthetic claim; a one-row synthetic table.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge, loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeX12 } from './helpers/x12-writer';

const CSV = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,10/15/2026,99213,1\n';

function hoverOf(text: string, code: string, knowledge: Knowledge): string {
  const hover = hoverAt(analyze(text, knowledge), text.indexOf(code), knowledge);
  assert.ok(hover, `a hover on ${code}`);
  return hover.markdown;
}

describe('the hover of a code no loaded edit names', () => {
  it('with only the built-in set: names it, and the setting that loads the CMS table', () => {
    const markdown = hoverOf(CSV, '99213', emptyKnowledge());
    assert.match(markdown, /No PTP edits on 10\/15\/2026 in the built-in 43214 set, the only practitioner edits loaded/);
    assert.match(markdown, /`claimlint\.ptpEditFiles`/);
    assert.doesNotMatch(markdown, /in the loaded practitioner table/);
  });

  it('on an 837I with only the built-in set: the hospital table and its setting', () => {
    const day = { from: 20261015, to: 20261015 };
    const text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10.00', date: day }] }], { kind: 'institutional' }).text;
    const markdown = hoverOf(text, '99213', emptyKnowledge());
    assert.match(markdown, /in the built-in 43214 set, the only outpatient hospital edits loaded/);
    assert.match(markdown, /`claimlint\.hospitalPtpEditFiles`/);
  });

  it('with the built-in set off and no table: says no table is loaded, so no pair is checked', () => {
    const markdown = hoverOf(CSV, '99213', emptyKnowledge(false));
    assert.match(markdown, /No practitioner PTP table is loaded \(`claimlint\.ptpEditFiles`\), so no pair is checked/);
  });

  it('with a table loaded that has no edit of the code: "in the loaded table", as before', () => {
    const table = practitionerPtpText(['11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code']);
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: ['/t/ccipra-ptp.txt'], descriptorFiles: [], readFile: () => table });
    assert.deepEqual(knowledge.problems, []);
    assert.match(hoverOf(CSV, '99213', knowledge), /No PTP edits on 10\/15\/2026 in the loaded practitioner table\./);
  });
});
