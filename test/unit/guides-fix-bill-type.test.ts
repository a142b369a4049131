// Found in review (a hospital billing analyst): an 837I whose CLM05-1 holds the whole type of bill
// (131, 0131) where the guide takes its facility type code (13) got only guide.element-length, and
// no fix. The fix writes the two digits when CLM05-3 already holds the bill's last digit (its
// frequency); with another frequency there, a person decides.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAllWithGuides, guideFixesFor } from '../../server/src/core/guides/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const full = { guideChecks: 'full' as const };
const day = { from: 20261015, to: 20261015 };

function bill(facility: string, frequency = '1'): string {
  return writeX12([{ id: 'H1', date: day, facility, frequency, lines: [{ code: '36415', charge: '10.00', revenueCode: '0300', date: day }] }], { kind: 'institutional', lineEnding: '\n' }).text;
}

const lengthFindings = (text: string) => analyze(text, knowledge, undefined, undefined, full).findings.filter((f) => f.rule === 'guide.element-length');

describe('a whole type of bill in CLM05-1', () => {
  for (const written of ['131', '0131']) {
    it(`${written} with CLM05-3 1: the fix writes 13, and the file is then clean of it (quick fix and fix-all)`, () => {
      const text = bill(written);
      const [finding] = lengthFindings(text);
      assert.ok(finding, 'the guide says CLM05-01 is too long');
      const analysis = analyze(text, knowledge, undefined, undefined, full);
      const [fix] = guideFixesFor(text, analysis.doc, finding);
      assert.ok(fix);
      assert.equal(fix.title, `Write CLM05-1 as 13 (the facility type code: ${written} is the whole type of bill, whose frequency 1 is CLM05-3)`);
      const fixed = applyEdits(text, fix.edits);
      assert.match(fixed, /\*13:A:1\*/);
      assert.deepEqual(lengthFindings(fixed), []);
      const all = fixAllWithGuides(text, analysis.doc, analysis.findings);
      assert.ok(all);
      assert.equal(applyEdits(text, all.edits), fixed);
      // Found in a user review: fix-all (and the CLI's fix) said it wrote a code "with its leading zeros right".
      assert.match(all.title, /write 1 claim's CLM05-1 as the facility type code/i);
      assert.doesNotMatch(all.title, /leading zeros/);
    });
  }

  for (const [written, expected] of [['137:A:', '13:A:7'], ['0138:A', '13:A:8'], ['137', '13:A:7']] as const) {
    it(`${written}, CLM05-3 empty or absent: the fix writes CLM05 as ${expected}, its frequency where the guide takes it (found by a hospital billing analyst)`, () => {
      const text = bill('131').replace('*131:A:1*', `*${written}*`);
      assert.ok(text.includes(`*${written}*`));
      const analysis = analyze(text, knowledge, undefined, undefined, full);
      const [finding] = lengthFindings(text);
      assert.ok(finding);
      const [fix] = guideFixesFor(text, analysis.doc, finding);
      assert.ok(fix);
      assert.match(fix.title, new RegExp(`^Write CLM05 as ${expected} \\(${written.split(':')[0]} in CLM05-1 is the whole type of bill`));
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.includes(`*${expected}*`));
      // Nothing is left on the CLM (CLM05's length, its missing frequency) but what the frequency
      // now says: a replacement or void names the claim it is for (REF*F8), which this one does not.
      const clm = fixed.indexOf('CLM*');
      const after = analyze(fixed, knowledge, undefined, undefined, full).findings.filter((f) => f.span.start >= clm && f.span.end <= fixed.indexOf('~', clm));
      assert.deepEqual(after.map((f) => f.rule), ['x12.payer-claim-number-missing']);
      const before = analyze(text, knowledge, undefined, undefined, full).findings.filter((f) => f.span.start >= clm && f.span.end <= text.indexOf('~', clm));
      assert.ok(before.some((f) => f.rule === 'guide.element-length') && !before.some((f) => f.rule === 'x12.payer-claim-number-missing'), 'before: the length, and no frequency read');
    });
  }

  it('with another frequency in CLM05-3 (137 beside 1), no fix: which is right is for a person', () => {
    const text = bill('137', '1');
    const [finding] = lengthFindings(text);
    assert.ok(finding);
    assert.deepEqual(guideFixesFor(text, analyze(text, knowledge, undefined, undefined, full).doc, finding), []);
  });

  it("on an 837P, CLM05-1 is the place of service: 111 gets no such fix (found by the code review)", () => {
    const { text } = writeX12([{ id: 'P1', facility: '111', lines: [{ code: '99213', charge: '10.00', date: day }] }], { lineEnding: '\n' });
    const [finding] = lengthFindings(text);
    assert.ok(finding, 'the guide says CLM05-01 is too long');
    assert.deepEqual(guideFixesFor(text, analyze(text, knowledge, undefined, undefined, full).doc, finding), []);
  });
});
