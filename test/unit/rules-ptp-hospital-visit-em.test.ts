// Found in review (a hospital billing analyst): G0463, the hospital outpatient clinic visit OPPS
// pays instead of 99213, was not taken for an E/M code. Modifier 25 on it did not let an
// indicator-1 hospital edit pass, the finding and the quick fixes asked for 59 or an X modifier
// (which CMS says not to put on an E/M service), and 59 on it let the pair pass. G0463 and the
// type B emergency visits G0380-G0384 are now E/M codes (data/evaluationManagement.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixesFor } from '../../server/src/core/fixes';
import { isEvaluationAndManagement } from '../../server/src/core/procedureCodes';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

const DAY = { from: 20260310, to: 20260310 };

// Synthetic rows in the CMS layout, loaded as the outpatient hospital table.
const table = practitionerPtpText(['12001\tG0463\t\t20200101\t*\t1\tStandards of medical / surgical practice']);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], hospitalPtpFiles: ['ccioph-v323r0-f1.txt'], descriptorFiles: [], readFile: () => table });

function analyzed(visitModifiers: string[]) {
  const { text } = writeX12([{ id: 'A', lines: [{ code: '12001' }, { code: 'G0463', modifiers: visitModifiers }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }], { kind: 'institutional' });
  const analysis = analyze(text, knowledge);
  return { text, analysis, ptp: analysis.findings.filter((f) => f.rule.startsWith('ptp.')) };
}

describe('the hospital visit codes are E/M codes', () => {
  it('G0463 and G0380-G0384 are, G0464 and G0379 are not; CPT 99202-99499 still are', () => {
    for (const code of ['G0463', 'g0463', 'G0380', 'G0384', '99202', '99213', '99499']) assert.equal(isEvaluationAndManagement(code), true, code);
    for (const code of ['G0464', 'G0379', 'G0385', '99201', '99500', '43214']) assert.equal(isEvaluationAndManagement(code), false, code);
  });

  it('25 on G0463 lets the indicator-1 hospital edit pass', () => {
    assert.deepEqual(analyzed(['25']).ptp, []);
  });

  it('59 on G0463 does not, and the finding says why and asks for 25', () => {
    const { ptp } = analyzed(['59']);
    assert.equal(ptp.length, 1);
    assert.equal(ptp[0]!.rule, 'ptp.modifier-required');
    assert.match(ptp[0]!.message, /add 25 to the G0463 line/);
    assert.match(ptp[0]!.message, /59 on the G0463 line does not count on an E\/M code/);
  });

  it('the quick fix adds 25, not 59 or an X modifier', () => {
    const { text, analysis, ptp } = analyzed([]);
    assert.equal(ptp.length, 1);
    const titles = fixesFor(text, analysis.doc, ptp[0]!).map((fix) => fix.title).filter((title) => title.startsWith('Add modifier'));
    assert.deepEqual(titles.map((title) => title.split(' ')[2]), ['25']);
  });
});
