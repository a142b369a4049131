// Claim contents in messages: the MUE messages say the units as written (rules/checkUnits.ts
// exceeded: "this line reports N units", "N units of CODE are reported for this patient and
// provider on ...", related "N units of CODE counted here"). A member id or an SSN without
// dashes typed (or shifted by an export) into the units (SV104 of an 837P, a CSV Units cell)
// reads as a huge unit count and goes over the MUE; such a count was once quoted in full. A unit
// count of 6 or more digits is now described, as x12/values.ts shownNumber describes such
// values (README "Health information"). Checked in messages, related messages and quick-fix
// titles. Synthetic ids only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixesFor } from '../../server/src/core/fixes';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerMueCsv } from './helpers/ncci-tables';
import { writeX12 } from './helpers/x12-writer';

const MUE = practitionerMueCsv(['99213,1,2 Date of Service Edit: Policy,Clinical: Data', '97110,4,1 Line Edit,Clinical: Data']);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], mueFiles: ['mue.csv'], descriptorFiles: [], readFile: () => MUE });
const day = { from: 20260310, to: 20260310 };
const MEMBER_ID = '918273645';
const SSN_DIGITS = '987654329';

/** Every message, related message and quick-fix title of the analysis. */
function shown(text: string): string[] {
  const analysis = analyze(text, knowledge);
  const out: string[] = [];
  for (const f of analysis.findings) {
    out.push(f.message, ...(f.related ?? []).map((r) => r.message));
    for (const fix of fixesFor(text, analysis.doc, f)) out.push(fix.title);
  }
  assert.ok(analysis.findings.some((f) => f.rule === 'mue.exceeded'), `the units are over the MUE (the premise): ${analysis.findings.map((f) => f.rule).join(', ')}`);
  return out;
}

describe('an id in the units is not quoted by the MUE messages', () => {
  assert.deepEqual(knowledge.problems, []);
  for (const id of [MEMBER_ID, SSN_DIGITS]) {
    it(`837P SV104 ${id} on 99213 (MAI 2)`, () => {
      const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '99213', charge: '10.00', units: id, date: day }] }], { lineEnding: '\n' });
      assert.deepEqual(shown(text).filter((m) => m.includes(id.slice(0, 6))), []);
    });

    it(`CSV Units ${id} on 97110 (MAI 1)`, () => {
      const text = ['Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge', `C1,P1,2026-03-10,97110,${id},10.00`, ''].join('\n');
      assert.deepEqual(shown(text).filter((m) => m.includes(id.slice(0, 6))), []);
    });
  }
});
