// A service line's drug (2410 LIN*...*N4): LIN03 is the NDC "in 5-4-2 format", 11 digits without
// hyphens. Payers reject another form, and the guide maps bound LIN03 only to 1-48 characters (a
// public corpus file writes LIN**N4*3920293 and passes pyx12). x12.ndc-invalid says what the value
// holds; a hyphenated NDC has a certain 11-digit form, which its quick fix and fix-all write.
// Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAllWithGuides, guideFixesFor } from '../../server/src/core/guides/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { ndcElevenDigits } from '../../server/src/core/x12/drugIdentification';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20261015, to: 20261015 };
const { text: plain } = writeX12([{ id: 'C1', lines: [{ code: 'J1100', charge: '10.00', date: day }, { code: '99213', charge: '80.00', date: day }] }], { lineEnding: '\n' });

/** The first line with a drug (2410 LIN and CTP) after its date, LIN02 `qualifier` and LIN03 `ndc`. */
function withDrug(ndc: string, qualifier = 'N4'): string {
  const text = plain.replace(/(SV1\*HC:J1100\*[^~]*~\nDTP\*472\*[^~]*~\n)/, `$1LIN**${qualifier}*${ndc}~\nCTP****1*UN~\n`).replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 2}*`);
  assert.notEqual(text, plain, 'the drug was written');
  return text;
}

const analysisOf = (text: string, guideChecks: 'off' | 'envelope' | 'full' = 'full') => analyze(text, emptyKnowledge(true), undefined, undefined, { guideChecks });
const ndcFindings = (text: string, guideChecks: 'off' | 'envelope' | 'full' = 'full') => analysisOf(text, guideChecks).findings.filter((f) => f.rule === 'x12.ndc-invalid');

describe('x12.ndc-invalid: LIN03 under LIN02 N4 is 11 digits', () => {
  it('11 digits: no finding, and the file has no other (control)', () => {
    assert.deepEqual(analysisOf(withDrug('00002143380')).findings.map((f) => f.rule), []);
  });

  it('a hyphenated NDC (4-4-2): the finding on LIN03, and its fix writes the 11 digits; fix-all too', () => {
    const text = withDrug('0002-1433-80');
    const analysis = analysisOf(text);
    const [finding, ...more] = analysis.findings.filter((f) => f.rule === 'x12.ndc-invalid');
    assert.ok(finding);
    assert.deepEqual(more, []);
    assert.equal(finding.severity, 'error');
    assert.equal(finding.message, 'LIN03 (National Drug Code) under LIN02 N4 must be the NDC in 5-4-2 form, 11 digits without hyphens; it holds an NDC written with hyphens (00002143380 in 5-4-2 form)');
    assert.equal(text.slice(finding.span.start, finding.span.end), '0002-1433-80');
    const fixes = guideFixesFor(text, analysis.doc, finding);
    assert.deepEqual(fixes.map((f) => f.title), ['Write the NDC as 00002143380 (5-4-2, 11 digits without hyphens)']);
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.equal(fixed, withDrug('00002143380'));
    assert.deepEqual(analysisOf(fixed).findings.map((f) => f.rule), []);
    const all = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(all);
    assert.match(all.title, /write 1 NDC as 11 digits/i);
    assert.equal(applyEdits(text, all.edits), fixed);
  });

  it('10 digits without hyphens, 7 digits, letters, hyphens in no NDC form, all zeros: a finding each that says what is there, and no fix (which part takes the zero is not known)', () => {
    for (const [ndc, holds] of [
      ['0002143380', '10 digits: a 10-digit NDC needs a leading zero in its labeler, product or package part, which only its hyphenated form shows'],
      ['3920293', '7 digits'],
      ['ABC12345678', 'characters other than digits'],
      ['1234-567-89', "digits and hyphens in none of an NDC's forms (4-4-2, 5-3-2, 5-4-1, 5-4-2)"],
      ['00000000000', '11 zeros, which name no drug'],
    ] as const) {
      const text = withDrug(ndc);
      const analysis = analysisOf(text);
      const [finding] = analysis.findings.filter((f) => f.rule === 'x12.ndc-invalid');
      assert.ok(finding, ndc);
      assert.ok(finding.message.endsWith(`; it holds ${holds}`), finding.message);
      if (!/^0+$/.test(ndc)) assert.ok(!finding.message.includes(ndc), 'the value is not quoted');
      assert.deepEqual(guideFixesFor(text, analysis.doc, finding), [], ndc);
    }
  });

  it('in envelope mode too; not with guideChecks off; another qualifier is not judged', () => {
    assert.equal(ndcFindings(withDrug('3920293'), 'envelope').length, 1);
    assert.equal(ndcFindings(withDrug('3920293'), 'off').length, 0);
    assert.deepEqual(ndcFindings(withDrug('3920293', 'UP')), []);
  });

  it('the hyphenated forms: 4-4-2, 5-3-2 and 5-4-1 take their zero in the short part; 5-4-2 loses its hyphens; others have none', () => {
    assert.equal(ndcElevenDigits('0002-1433-80'), '00002143380');
    assert.equal(ndcElevenDigits('50580-506-02'), '50580050602');
    assert.equal(ndcElevenDigits('12345-6789-1'), '12345678901');
    assert.equal(ndcElevenDigits('12345-6789-01'), '12345678901');
    assert.equal(ndcElevenDigits('123-4567-89'), null, 'two digits short');
    assert.equal(ndcElevenDigits('1234-567-89'), null, 'two parts short');
    assert.equal(ndcElevenDigits('00002143380'), null);
  });
});
