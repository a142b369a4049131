// Property (issue 13): every 837 the test generator writes as valid (test/fuzz/generators.ts,
// validX12Scenarios: 837P, 837I and 837D, 5010 and 4010, any delimiters, line endings, envelope
// layout, claim and line counts) is valid against its implementation guide: checked with
// guideChecks 'full' it gets no guide.* finding, and no x12.* finding either, only the PTP
// findings of the conflicts it bills. 837D 5010 has no guide Claimlint validates: its one
// finding is guide.not-validated.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { fuzzKnowledge, runParameters, validX12ScenarioArb, validX12Scenarios, writeX12Scenario, type X12Scenario } from '../fuzz/generators';

/** The guide.* and x12.* findings of the scenario's file, with the text each one marks. */
function structuralFindings(s: X12Scenario): string[] {
  const text = writeX12Scenario(s);
  const { findings } = analyze(text, fuzzKnowledge(), undefined, undefined, { guideChecks: 'full' });
  return findings
    .filter((f) => f.rule.startsWith('guide.') || f.rule.startsWith('x12.'))
    .map((f) => `${f.rule} at ${JSON.stringify(text.slice(f.span.start, f.span.end))}: ${f.message}`);
}

function expectedFindings(s: X12Scenario): string[] {
  return s.kind === 'dental' && s.options.version !== '4010' ? ['guide.not-validated'] : [];
}

function assertGuideValid(s: X12Scenario): void {
  const found = structuralFindings(s);
  assert.deepEqual(
    found.map((f) => f.slice(0, f.indexOf(' '))),
    expectedFindings(s),
    `${s.kind} ${s.options.version ?? '5010'}, ${s.claims.length} claims:\n${found.join('\n')}`,
  );
}

describe('guide property: the test generator writes guide-valid 837s', () => {
  it('gives no guide.* and no x12.* finding to any file it writes as valid', () => {
    fc.assert(fc.property(validX12ScenarioArb, assertGuideValid), runParameters(300, 1301));
  });

  it('and none to files of many claims over several transaction sets and interchanges', () => {
    fc.assert(fc.property(validX12Scenarios(60), assertGuideValid), runParameters(25, 1302));
  });
});
