// Found in review (a hospital analyst helping a dental office): a 5010 837D, which no guide map
// reads, hovered its elements as TOO-03-1 and CLM-05-1 while every file a guide reads hovers them
// as TOO03-01 and CLM05-01; and CLM05-2 B said "professional claim" on a dental one. One form now,
// the guides'.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { elementReference } from '../../server/src/core/hover/x12Dictionary';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

describe('element references in hovers', () => {
  it('are written as the guides write them: CLM02, SV101, CLM05-01, SV101-02', () => {
    assert.equal(elementReference('CLM', 2), 'CLM02');
    assert.equal(elementReference('SV1', 1), 'SV101');
    assert.equal(elementReference('CLM', 5, 1), 'CLM05-01');
    assert.equal(elementReference('SV1', 1, 2), 'SV101-02');
    assert.equal(elementReference('TOO', 3, 1), 'TOO03-01');
  });

  it('a 5010 837D (no guide map) hovers CLM05-02 so, and its B as a place of service of a professional or dental claim', () => {
    const { text } = writeX12([{ id: 'D1', lines: [{ code: 'D0120', charge: '50.00', date: { from: 20261101, to: 20261101 } }] }], { kind: 'dental', lineEnding: '\n' });
    const knowledge = emptyKnowledge(true);
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    const clm05 = text.indexOf(':B:', text.indexOf('CLM*')) + 1;
    const markdown = hoverAt(analysis, clm05, knowledge)!.markdown;
    assert.match(markdown, /^\*\*CLM05-02\*\*/);
    assert.match(markdown, /place of service \(professional or dental claim\)/);
  });
});
