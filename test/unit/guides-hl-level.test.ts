// Found in review (an EDI analyst): a patient HL (23) whose HL02 named the billing provider (20)
// instead of a subscriber (22) passed every check: the number was an open level above it. Such an
// HL now gets guide.hl-level on its HL02, read quickly or in full, and after an edit as a fresh
// analysis reads it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const full = { guideChecks: 'full' as const };
const day = { from: 20261015, to: 20261015 };

/** A claim of a dependent (2000C under 2000B): HL*1**20*1, HL*2*1*22*1, HL*3*2*23*0. */
function dependent(): string {
  const { text } = writeX12([{ id: 'C1', patientName: { last: 'DOE', first: 'JO' }, lines: [{ code: '99213', charge: '10.00', date: day }] }], { lineEnding: '\n' });
  return text;
}

const levelFindings = (text: string) => analyze(text, knowledge, undefined, undefined, full).findings.filter((f) => f.rule === 'guide.hl-level');

describe('HL02 names a parent of the level the HL hangs under', () => {
  it('a valid dependent claim has none (control)', () => {
    const text = dependent();
    assert.match(text, /\nHL\*3\*2\*23\*0/);
    assert.deepEqual(levelFindings(text), []);
  });

  it('a patient (23) whose HL02 names the billing provider (20): one finding on its HL02, and again after an edit', () => {
    const text = dependent().replace('\nHL*3*2*23*0', '\nHL*3*1*23*0');
    const [finding, ...more] = levelFindings(text);
    assert.ok(finding);
    assert.deepEqual(more, []);
    assert.equal(finding.message, 'HL 3 is a patient level (23), which hangs under a subscriber level (22); HL02 names HL 1, a billing provider level (20).');
    assert.equal(text.slice(finding.span.start, finding.span.end), '1');
    // An edit elsewhere keeps it; an edit that mends it removes it: as a fresh analysis says.
    const first = analyze(text, knowledge, undefined, undefined, full);
    const charged = text.replace('*10.00*', '*11.00*');
    assert.deepEqual(reanalyze(first, charged, knowledge, undefined, full).findings.filter((f) => f.rule === 'guide.hl-level').map((f) => f.span), levelFindings(charged).map((f) => f.span));
    const mended = text.replace('\nHL*3*1*23*0', '\nHL*3*2*23*0');
    assert.deepEqual(reanalyze(first, mended, knowledge, undefined, full).findings.filter((f) => f.rule === 'guide.hl-level'), []);
  });
});
