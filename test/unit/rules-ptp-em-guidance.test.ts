// Found by a coder: an indicator-1 edit whose column-2 code is an E/M visit (99213 bundled into a
// procedure) told them to add XE, XS, XP, XU or 59, and the quick fixes offered those. CPT and the
// NCCI policy manual keep 59 and the X modifiers for procedures; the visit on the day of a
// procedure takes 25. The finding, the quick fixes and the code hover now say 25 for an E/M code,
// and the modifiers for procedures otherwise. Synthetic codes and data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixesFor } from '../../server/src/core/fixes';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

const DAY = { from: 20260310, to: 20260310 };
const knowledge = loadKnowledge({
  builtinEdits: false,
  ptpFiles: ['ccipra-v321r0-f1.txt'],
  descriptorFiles: [],
  readFile: () => practitionerPtpText(['0001A\t99213\t\t20200101\t*\t1\tCPT Manual or CMS manual coding instruction', '20610\t20605\t\t20200101\t*\t1\tMutually exclusive procedures']),
});

function analysed(codes: [string, string]) {
  const { text } = writeX12([{ id: 'A', lines: codes.map((code) => ({ code, charge: '100.00', date: DAY })) }]);
  const analysis = analyze(text, knowledge);
  const finding = analysis.findings.find((f) => f.rule === 'ptp.modifier-required')!;
  assert.ok(finding, 'the indicator-1 finding');
  return { text, analysis, finding };
}

describe('an E/M code bundled into a procedure (indicator 1): 25, not the modifiers for procedures', () => {
  it('the finding says to add 25 to the E/M line', () => {
    const { finding } = analysed(['0001A', '99213']);
    assert.match(finding.message, /If the 99213 visit was a significant, separately identifiable E\/M service, add 25 to the 99213 line; otherwise remove that line\.$/);
    assert.doesNotMatch(finding.message, /XE|59/);
  });

  it('the quick fixes: remove the line, or add 25', () => {
    const { text, analysis, finding } = analysed(['0001A', '99213']);
    assert.deepEqual(fixesFor(text, analysis.doc, finding).map((fix) => fix.title), ['Remove service line 2 (99213, bundled into 0001A)', 'Add modifier 25 to 99213 (significant, separately identifiable E/M service)']);
  });

  it('the hover of 99213 names 25', () => {
    const { text, analysis } = analysed(['0001A', '99213']);
    const hover = hoverAt(analysis, text.indexOf(':99213') + 2, knowledge)!;
    assert.match(hover.markdown, /Column 2: bundled into 0001A — unless 25 on the E\/M code shows a significant, separately identifiable visit/);
  });

  it('a procedure bundled into a procedure keeps XE, XS, XU and 59 (control; XP only for two practitioners, and these lines are one\'s)', () => {
    const { text, analysis, finding } = analysed(['20610', '20605']);
    assert.match(finding.message, /add XE, XS, XP, XU or 59 to the 20605 line/);
    assert.deepEqual(
      fixesFor(text, analysis.doc, finding).map((fix) => fix.title.split(' (')[0]),
      ['Remove service line 2', 'Add modifier XE to 20605', 'Add modifier XS to 20605', 'Add modifier XU to 20605', 'Add modifier 59 to 20605'],
    );
  });
});
