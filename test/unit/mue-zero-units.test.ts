// MUE: a unit count of 0 (SV1-04 `0`, or 0 in a CSV units column) is read as 0 and counts 0 units
// against the MUE. It was taken for unreadable (checkUnits.ts tested `!(units > 0)`) and counted
// as 1, so 4 + 0 units of a code with an MAI 2 MUE of 4 were reported as "5 units", a count no
// line adds up to, with a mue.units-unknown warning calling 0 "an unreadable unit count". The
// README counts as 1 only "a line without a readable unit count"; a count below 0 is still
// counted as 1 and says so. The units fix passes over a line of 0 units: it has none to take off.
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
  tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue: tables };
}

describe('MUE: a line of 0 units adds no unit to the day', () => {
  it('837P: 4 units and 0 units of 97110 on one day are not over an MUE of 4 (MAI 2)', () => {
    const { text } = writeX12(
      [{ id: 'A', lines: [{ code: '97110', units: '4', charge: '100.00', date: DAY }, { code: '97110', units: '0', charge: '0.00', date: DAY }] }],
      { lineEnding: '\n' },
    );
    const exceeded = analyze(text, knowledge()).findings.filter((f) => f.rule === 'mue.exceeded');
    assert.deepEqual(exceeded.map((f) => f.message), []);
  });

  it('CSV: the same rows are not over the MUE', () => {
    const text = 'Claim ID,Patient ID,Date of Service,CPT,Units,Charge\nC1,P1,03/10/2026,97110,4,100.00\nC1,P1,03/10/2026,97110,0,0.00\n';
    const exceeded = analyze(text, knowledge()).findings.filter((f) => f.rule === 'mue.exceeded');
    assert.deepEqual(exceeded.map((f) => f.message), []);
  });

  it('837P: a line of 0 units gets no mue.units-unknown; a count below 0 does, and says so', () => {
    const { text } = writeX12(
      [{ id: 'A', lines: [{ code: '97110', units: '0', charge: '0.00', date: DAY }, { code: '97110', units: '-1', charge: '0.00', date: { from: 20260311, to: 20260311 } }] }],
      { lineEnding: '\n' },
    );
    const unknown = analyze(text, knowledge()).findings.filter((f) => f.rule === 'mue.units-unknown');
    assert.deepEqual(unknown.map((f) => [text.slice(f.span.start, f.span.end), f.message]), [
      ['-1', '97110 has a unit count below 0, so it is counted as 1 unit against its MUE of 4. Write the units of service on the line.'],
    ]);
  });

  it('837P: the units fix over 3 + 0 + 3 units lowers the last line to 1 and leaves the 0-unit line alone', () => {
    const { text } = writeX12(
      [{ id: 'A', lines: [{ code: '97110', units: '3', charge: '75.00', date: DAY }, { code: '97110', units: '0', charge: '0.00', date: DAY }, { code: '97110', units: '3', charge: '75.00', date: DAY }] }],
      { lineEnding: '\n' },
    );
    const analysis = analyze(text, knowledge());
    const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
    assert.ok(finding);
    assert.match(finding.message, /: 6 units of 97110 are reported for this patient and provider on 03\/10\/2026, over 3 lines/);
    const fix = fixesFor(text, analysis.doc, finding).find((f) => f.title === 'Lower the units of 97110 to its MUE of 4 for the day');
    assert.ok(fix);
    const after = analyze(applyEdits(text, fix.edits), knowledge());
    assert.deepEqual(after.findings.filter((f) => f.rule.startsWith('mue.')), []);
    assert.deepEqual(after.doc.claims[0]!.lines.map((l) => l.units), [3, 0, 1]);
  });
});
