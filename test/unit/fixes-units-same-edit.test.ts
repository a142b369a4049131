// A coder's review: an MAI 2 day over its MUE whose last line is a claim's only line offered
// "Lower the units of 97110 to its MUE" and "Remove claim 2 and its only service line", and the
// two were one and the same edit (the units come off that line whole, which removes it, and the
// claim with it). Only the first is offered now, its title naming what it removes; where lowering
// keeps part of the line, both are.
// Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'CMS Policy', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue: tables };
}

/** Claim 1: 97110 x4 and 99213; claim 2: 97110 x`units` alone, the same patient, provider and day. */
function twoClaims(units: number): string {
  return writeX12([
    { id: 'A', lines: [{ code: '97110', charge: '100.00', units: '4', date: DAY }, { code: '99213', charge: '80.00', date: DAY }] },
    { id: 'B', lines: [{ code: '97110', charge: `${25 * units}.00`, units: String(units), date: DAY }] },
  ], { lineEnding: '\n' }).text;
}

function titles(text: string): { titles: string[]; fixes: ReturnType<typeof fixesFor> } {
  const analysis = analyze(text, knowledge());
  const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
  assert.ok(finding, analysis.findings.map((f) => f.rule).join(', '));
  const fixes = fixesFor(text, analysis.doc, finding);
  return { titles: fixes.map((f) => f.title), fixes };
}

describe('MUE fixes that would be one edit are offered once', () => {
  it('the units come off the last claim\'s only line whole: lowering them is the fix, not also "Remove claim 2"', () => {
    const text = twoClaims(2);
    const { titles: offered, fixes } = titles(text);
    assert.deepEqual(offered, ['Lower the units of 97110 to its MUE of 4 for the day (removes claim 2 and its only service line)']);
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.deepEqual(analyze(fixed, knowledge()).findings.map((f) => f.rule), []);
    assert.equal((fixed.match(/CLM\*/g) ?? []).length, 1, 'claim 2 went, with its only line');
  });

  it('part of the line stays: lowering and removing are two answers, both offered', () => {
    // 4 + 1 + ... : claim 1 holds 3 units, claim 2 holds 3; lowering leaves claim 2 with 1 unit.
    const text = writeX12([
      { id: 'A', lines: [{ code: '97110', charge: '75.00', units: '3', date: DAY }, { code: '99213', charge: '80.00', date: DAY }] },
      { id: 'B', lines: [{ code: '97110', charge: '75.00', units: '3', date: DAY }] },
    ], { lineEnding: '\n' }).text;
    const { titles: offered, fixes } = titles(text);
    assert.deepEqual(offered, ['Lower the units of 97110 to its MUE of 4 for the day', 'Remove claim 2 and its only service line (97110 over its MUE)']);
    assert.notDeepEqual(fixes[0]!.edits, fixes[1]!.edits);
  });
});
