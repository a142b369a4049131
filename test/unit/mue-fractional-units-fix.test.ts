// MUE units written as a part of a unit. For MAI 2 and 3 the day's units are summed as written
// and the sum rounded up (README: "two lines of 0.5 units are 1"), so 0.6 + 0.6 units (1.2, counted
// 2) are over an MUE of 1. The units fix (fixesMue.ts unitsWithinMue) takes off the units written over
// the value (0.2), not the rounded-up count less the value (a whole unit, which removed line 2 and
// left line 1 at 0.2 units and 20.00 of 120.00): the day keeps 1 unit and 100.00, in the quick
// fix, fix-all and so `claimlint fix`. The mue.exceeded message says the units written (2.5, 1.2)
// and what they are counted as, not the rounded-up count as if it were written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { writeX12, type WriterLine } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: 'J1100', value: 1, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue: tables };
}

function claimFile(): string {
  return writeX12(
    [{ id: 'A', lines: [{ code: 'J1100', units: '0.6', charge: '60.00', date: DAY }, { code: 'J1100', units: '0.6', charge: '60.00', date: DAY }] }],
    { lineEnding: '\n' },
  ).text;
}

/** The J1100 units left in the file, and CLM02. */
function after(fixed: string, k: Knowledge): { units: number; clm02: number | null } {
  const doc = analyze(fixed, k).doc;
  const units = doc.claims.flatMap((c) => c.lines).filter((l) => l.code === 'J1100').reduce((sum, l) => sum + (l.units ?? 0), 0);
  return { units: Math.round(units * 1000) / 1000, clm02: doc.claims[0]?.totalCharge ?? null };
}

describe('MUE units fix (MAI 2) on fractional units', () => {
  it('0.6 + 0.6 units over an MUE of 1: the quick fix leaves 1 unit for the day (charge 100.00), not 0.2', () => {
    const k = knowledge();
    const text = claimFile();
    const analysis = analyze(text, k);
    const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
    assert.ok(finding, 'the day (1.2 units, counted 2) is over the MUE of 1');
    const fix = fixesFor(text, analysis.doc, finding).find((f) => /units/i.test(f.title));
    assert.ok(fix, 'a units fix is offered');
    const fixed = applyEdits(text, fix.edits);
    assert.deepEqual(analyze(fixed, k).findings.filter((f) => f.rule.startsWith('mue.')), []);
    assert.deepEqual(after(fixed, k), { units: 1, clm02: 100 }, 'only the 0.2 unit over the MUE (20.00) comes off');
  });

  it('fix-all (and so `claimlint fix`) likewise keeps 1 unit', () => {
    const k = knowledge();
    const text = claimFile();
    const analysis = analyze(text, k);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.deepEqual(after(applyEdits(text, fix.edits), k), { units: 1, clm02: 100 });
  });
});

describe('mue.exceeded message on fractional units', () => {
  function finding(row: { value: number; mai: 1 | 2 }, lines: WriterLine[]) {
    const tables = emptyMueTables();
    tables.practitioner.add({ code: 'J1100', rationale: '', source: 'mue.csv', kind: 'practitioner', ...row });
    const { text } = writeX12([{ id: 'A', lines }], { lineEnding: '\n' });
    const found = analyze(text, { ...emptyKnowledge(false), mue: tables }).findings.filter((f) => f.rule === 'mue.exceeded');
    assert.equal(found.length, 1);
    return found[0]!.message;
  }

  it('MAI 1: 2.5 units are reported as 2.5, counted as 3', () => {
    const message = finding({ value: 2, mai: 1 }, [{ code: 'J1100', units: '2.5', charge: '25.00', date: DAY }]);
    assert.match(message, /: this line reports 2\.5 units, counted as 3 \(a part of a unit counts as a unit\)\. The whole line is denied\. Report at most 2 on this line;/);
  });

  it('MAI 1 over a date range: the units written, their days and the share a day', () => {
    const message = finding({ value: 2, mai: 1 }, [{ code: 'J1100', units: '7', charge: '70.00', date: { from: 20260310, to: 20260312 } }]);
    assert.match(message, /: this line reports 7 units over 3 days, 2\.333 a day, counted as 3 \(a part of a unit counts as a unit\)\. The whole line is denied\. Report at most 2 a day \(6 in all\) on this line;/);
  });

  it('MAI 2: the day reports 1.2 units, counted as 2', () => {
    const message = finding({ value: 1, mai: 2 }, [
      { code: 'J1100', units: '0.6', charge: '60.00', date: DAY },
      { code: 'J1100', units: '0.6', charge: '60.00', date: DAY },
    ]);
    assert.match(message, /: 1\.2 units of J1100 are reported for this patient and provider on 03\/10\/2026, over 2 lines \(service line 1 and this one\), counted as 2 \(a part of a unit counts as a unit\)\. /);
  });

  it('whole units are not said to be counted as anything else', () => {
    const message = finding({ value: 1, mai: 2 }, [{ code: 'J1100', units: '2', charge: '20.00', date: DAY }]);
    assert.match(message, /: 2 units of J1100 are reported for this patient and provider on 03\/10\/2026\. /);
  });
});
