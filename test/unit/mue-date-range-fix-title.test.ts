// The MAI 1 units fix on a line over a date range sets the units to the MUE a day times the days
// the check counts (2 a day over 3 days: 6). Its title said "Set the units of 97110 to 6 (its
// MUE)" when the MUE is 2: it now says the MUE a day and the days the 6 comes from. A one-day line
// keeps the plain title.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { writeX12 } from './helpers/x12-writer';

function knowledge(): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 2, mai: 1, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue: tables };
}

/** The units fix of the one mue.exceeded finding on a 97110 line of `units` over `date`, and the file it leaves. */
function unitsFix(units: string, date: { from: number; to: number }): { title: string; after: ReturnType<typeof analyze> } {
  const { text } = writeX12([{ id: 'A', lines: [{ code: '97110', units, charge: '90.00', date }] }], { lineEnding: '\n' });
  const analysis = analyze(text, knowledge());
  const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
  assert.ok(finding, `${units} units over the MUE`);
  const fix = fixesFor(text, analysis.doc, finding).find((f) => f.title.startsWith('Set the units'));
  assert.ok(fix, 'a units fix is offered');
  return { title: fix.title, after: analyze(applyEdits(text, fix.edits), knowledge()) };
}

describe('MUE (MAI 1) units fix title', () => {
  it('a line over 3 days is set to 6: the MUE of 2 a day for 3 days', () => {
    const { title, after } = unitsFix('9', { from: 20260310, to: 20260312 });
    assert.equal(title, 'Set the units of 97110 to 6 (its MUE of 2 a day for 3 days)');
    assert.deepEqual(after.findings.filter((f) => f.rule.startsWith('mue.')), []);
    assert.equal(after.doc.claims[0]!.lines[0]!.units, 6);
  });

  it('a one-day line is set to its MUE', () => {
    const { title, after } = unitsFix('3', { from: 20260310, to: 20260310 });
    assert.equal(title, 'Set the units of 97110 to 2 (its MUE)');
    assert.equal(after.doc.claims[0]!.lines[0]!.units, 2);
  });
});

describe('MUE (MAI 2) advice on a line over a date range', () => {
  function message(units: string, date: { from: number; to: number }, extra: { units: string; date: { from: number; to: number } } | null = null): string {
    const tables = emptyMueTables();
    tables.practitioner.add({ code: '36415', value: 2, mai: 2, rationale: 'CMS Policy', source: 'mue.csv', kind: 'practitioner' });
    const lines = [{ code: '36415', units, charge: '70.00', date }, ...(extra ? [{ code: '36415', units: extra.units, charge: '10.00', date: extra.date }] : [])];
    const { text } = writeX12([{ id: 'A', lines }], { lineEnding: '\n' });
    const finding = analyze(text, { ...emptyKnowledge(false), mue: tables }).findings.find((f) => f.rule === 'mue.exceeded');
    assert.ok(finding);
    return finding.message;
  }

  it('found in review: 7 units over 3 days were told to come down to 2; the days allow 6', () => {
    assert.match(message('7', { from: 20261015, to: 20261017 }), /Over 2 a day, the lines of 36415 are denied whole, whatever the documentation; lower the units to 6 \(2 a day over its 3 days\)\.$/);
  });

  it('with another line on those days, the allowance less what that line reports', () => {
    assert.match(message('1', { from: 20261015, to: 20261015 }, { units: '6', date: { from: 20261015, to: 20261017 } }), /its 3 days allow 6 in all, less what the other lines report on them\.$/);
  });

  it('a one-day line keeps the plain advice (control)', () => {
    assert.match(message('3', { from: 20261015, to: 20261015 }), /Every line of 36415 on the day is denied whole, whatever the documentation; lower the units to 2\.$/);
  });
});
