// A coder's review: for 29881-RT beside 20610 (an indicator-1 pair) the quick fixes offered XE,
// XS, XP, XU and 59 and no side, and for 29881 beside 20610-LT they offered XS on the line that
// already names LT; NCCI asks for the most specific modifier that is true, and a coder adds the
// other side. XP (a separate practitioner) was offered on two lines of one practitioner.
// Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

const DAY = { from: 20260310, to: 20260310 };
const table = practitionerPtpText(['29881\t20610\t\t20200101\t*\t1\tMutually exclusive procedures']);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });

function pair(one: string[], two: string[]) {
  const { text } = writeX12([{ id: 'A', lines: [{ code: '29881', modifiers: one, charge: '900.00', date: DAY }, { code: '20610', modifiers: two, charge: '80.00', date: DAY }] }]);
  const analysis = analyze(text, knowledge);
  const finding = analysis.findings.find((f) => f.rule === 'ptp.modifier-required');
  assert.ok(finding, 'the premise: an indicator-1 pair without its modifier');
  return { text, titles: fixesFor(text, analysis.doc, finding).map((f) => f.title), fixes: fixesFor(text, analysis.doc, finding) };
}

const ptpAfter = (text: string) => analyze(text, knowledge).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);

describe('PTP quick fixes: the other side, and XP only for two practitioners', () => {
  it('29881-RT with 20610: LT on 20610 is offered before the X modifiers, and lets the pair pass', () => {
    const { text, titles, fixes } = pair(['RT'], []);
    const modifierTitles = titles.filter((t) => t.startsWith('Add modifier'));
    assert.equal(modifierTitles[0], 'Add modifier LT to 20610 (the left side: 29881 is on the right)');
    const fixed = applyEdits(text, fixes.find((f) => f.title === modifierTitles[0])!.edits);
    assert.match(fixed, /SV1\*HC:20610:LT\*/);
    assert.deepEqual(ptpAfter(fixed), []);
  });

  it('29881 with 20610-LT: RT on 29881 (the column-1 line) is offered, and lets the pair pass', () => {
    const { text, titles, fixes } = pair([], ['LT']);
    assert.equal(titles.filter((t) => t.startsWith('Add modifier'))[0], 'Add modifier RT to 29881 (the right side: 20610 is on the left)');
    const fixed = applyEdits(text, fixes.find((f) => f.title.startsWith('Add modifier RT'))!.edits);
    assert.match(fixed, /SV1\*HC:29881:RT\*/);
    assert.deepEqual(ptpAfter(fixed), []);
  });

  it('no side offered beside a bilateral line (50: both sides)', () => {
    assert.ok(!pair(['RT'], ['50']).titles.some((t) => /modifier (LT|RT)/.test(t)));
    assert.ok(!pair(['50'], ['LT']).titles.some((t) => /modifier (LT|RT)/.test(t)));
  });

  it('no side offered when neither line names one, or both name a site', () => {
    assert.ok(!pair([], []).titles.some((t) => /modifier (LT|RT)/.test(t)));
    assert.ok(!pair(['RT'], ['RT']).titles.some((t) => /modifier (LT|RT)/.test(t)));
  });

  it('XP is not offered on two lines of one practitioner (the claim\'s billing provider, no rendering provider named)', () => {
    const { titles } = pair([], []);
    assert.deepEqual(titles.filter((t) => t.startsWith('Add modifier')).map((t) => t.split(' ')[2]), ['XE', 'XS', 'XU', '59']);
  });
});
