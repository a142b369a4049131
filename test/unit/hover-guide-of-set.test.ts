// Found in review (an EDI analyst): a transaction set whose ST03 names another guide than its
// group's GS08 was checked by GS08's guide but hovered and completed by ST03's, so the hover said
// "Valid codes: A" beside a finding that A is not valid. Hover and completion now use the guide
// the checks use: GS08's, or ST03's for a set with no GS.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20261015, to: 20261015 };

describe('the guide of a set whose ST03 disagrees with GS08', () => {
  it("hover answers from GS08's guide, which the checks use", () => {
    const { text: professional } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10.00', date: day }] }], { lineEnding: '\n' });
    assert.match(professional, /\*005010X222A1~?\n/);
    // ST03 made institutional; GS08 stays professional.
    const text = professional.replace(/(ST\*837\*\d+\*)005010X222A1/, '$1005010X223A2');
    assert.notEqual(text, professional);
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    assert.ok(analysis.findings.some((f) => f.rule === 'guide.version-mismatch' || /ST03/.test(f.message)), 'the mismatch is reported');
    const clm05 = text.indexOf(':B:', text.indexOf('CLM*')) + 1;
    const markdown = hoverAt(analysis, clm05, knowledge)!.markdown;
    assert.match(markdown, /005010X222A1/, "GS08's guide");
    assert.doesNotMatch(markdown, /005010X223A2/);
  });

  it("a set with no GS in a later interchange: ST03's guide, as the checks take it, not the previous interchange's GS08", () => {
    const { text: first } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10.00', date: day }] }], { lineEnding: '\n' });
    const { text: institutional } = writeX12([{ id: 'H1', date: day, lines: [{ code: '36415', charge: '10.00', revenueCode: '0300', date: day }] }], { kind: 'institutional', lineEnding: '\n' });
    // The second interchange without its GS and GE.
    const second = institutional.split('\n').filter((line) => !line.startsWith('GS*') && !line.startsWith('GE*')).join('\n');
    const text = first + second;
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    const clm05 = text.indexOf(':A:', text.indexOf('CLM*H1')) + 1;
    const markdown = hoverAt(analysis, clm05, knowledge)!.markdown;
    assert.match(markdown, /005010X223A2/, "ST03's guide");
    assert.ok(!analysis.findings.some((f) => f.rule === 'guide.code-invalid' && f.span.start === clm05), 'the checks take A there too');
    // Nor is its ST03 compared with the first interchange's GS08 (found by the code review).
    assert.ok(!analysis.findings.some((f) => f.rule === 'guide.version-mismatch' && /does not match GS08/.test(f.message)), JSON.stringify(analysis.findings.map((f) => f.message)));
  });
});
