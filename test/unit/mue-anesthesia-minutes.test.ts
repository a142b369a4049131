// Found in review: an 837P line whose quantity is in minutes (SV1-03 = MJ, how anesthesia
// 00100-01999 is billed: SV1-04 is the anesthesia time) is counted by checkUnits.ts as that many
// units of service against the code's MUE. MUE values are units of service (an anesthesia code's
// is 1 a day: one anesthesia service), not minutes, so every timed anesthesia line is reported
// over its MUE, and the MAI 2 fix (fix-all included) rewrites 45 minutes as "1" and cuts the
// line's charge and CLM02 to 1/45th.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(): Knowledge {
  const mue = emptyMueTables();
  // Anesthesia codes carry an MUE of 1 (one anesthesia service a day), MAI 2 in the practitioner table.
  mue.practitioner.add({ code: '00142', value: 1, mai: 2, rationale: 'Nature of Service/Procedure', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue };
}

/** One anesthesia line of 45 minutes: SV1*HC:00142:AA*900.00*MJ*45. */
function anesthesiaClaim(): string {
  const { text } = writeX12([{ id: 'A', lines: [{ code: '00142', modifiers: ['AA'], units: '45', charge: '900.00', date: DAY }] }], { lineEnding: '\n' });
  const minutes = text.replace('*UN*45*', '*MJ*45*');
  assert.match(minutes, /SV1\*HC:00142:AA\*900\.00\*MJ\*45\*/);
  return minutes;
}

describe('MUE: a quantity in minutes (SV1-03 MJ) is not a count of units of service', () => {
  it('one anesthesia service of 45 minutes is not over an MUE of 1', () => {
    const findings = analyze(anesthesiaClaim(), knowledge()).findings.filter((f) => f.rule === 'mue.exceeded');
    assert.deepEqual(findings.map((f) => f.message), []);
  });

  it('fix-all leaves the minutes and the charge of an anesthesia line as written', () => {
    const text = anesthesiaClaim();
    const analysis = analyze(text, knowledge());
    const all = fixAll(text, analysis.doc, analysis.findings);
    const fixed = all === null ? text : applyEdits(text, all.edits);
    assert.match(fixed, /SV1\*HC:00142:AA\*900\.00\*MJ\*45\*/, 'the 45 minutes and 900.00 kept');
    assert.match(fixed, /CLM\*A\*900\.00\*/, 'CLM02 kept');
  });
});

describe('MUE: anesthesia lines in minutes still count as services', () => {
  it('two anesthesia services of one day are two units over an MUE of 1, with no units fix (there is no count to lower)', () => {
    const { text } = writeX12([{ id: 'A', lines: [
      { code: '00142', modifiers: ['AA'], units: '45', charge: '900.00', date: DAY },
      { code: '00142', modifiers: ['AA'], units: '30', charge: '600.00', date: DAY },
    ] }], { lineEnding: '\n' });
    const minutes = text.replace(/\*UN\*(45|30)\*/g, '*MJ*$1*');
    const analysis = analyze(minutes, knowledge());
    const over = analysis.findings.filter((f) => f.rule === 'mue.exceeded');
    assert.equal(over.length, 1, analysis.findings.map((f) => f.message).join('\n'));
    assert.match(over[0]!.message, /2 units/);
    const all = fixAll(minutes, analysis.doc, analysis.findings);
    const fixed = all === null ? minutes : applyEdits(minutes, all.edits);
    assert.ok(!/\*MJ\*1\*/.test(fixed), 'no minutes rewritten as units');
  });
});
