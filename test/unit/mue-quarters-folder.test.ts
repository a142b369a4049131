// Found in review: CMS publishes the MUE tables every quarter, one CSV per table and quarter, named
// by its effective date as MM-DD-YYYY (MCR_MUE_PractitionerServices_Eff_07-01-2026.csv); the rows
// carry no dates. A folder of the downloads is read in name order (ruleFiles.ts) and a code loaded
// again takes the row loaded last (mue.ts MueTable.add), so of Eff_10-01-2026 and Eff_01-01-2027
// the October 2026 file ("10-..." sorts after "01-...") wins, and a claim of February 2027 is judged
// by the older quarter's value. The quarter in force on the date of service (or at least the newest
// quarter) should decide.
import { byEffectiveDate, effectiveDateInName } from '../../server/src/core/rules/quarterOrder';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { readFileCapped } from '../../server/src/core/rules/readFile';
import { expandRuleFilePaths } from '../../server/src/core/rules/ruleFiles';
import { writeX12 } from './helpers/x12-writer';

const HEADER = '"HCPCS/\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n';

function table(value: number): string {
  return `${HEADER}97110,${value},3 Date of Service Edit: Clinical,Clinical: Data\n`;
}

describe('MUE tables of two quarters in one folder', () => {
  it('a claim of February 2027 is judged by the table effective 01-01-2027, not the one of 10-01-2026', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-mue-quarters-'));
    try {
      const folder = join(dir, 'mue');
      mkdirSync(folder);
      writeFileSync(join(folder, 'MCR_MUE_PractitionerServices_Eff_10-01-2026.csv'), table(4));
      writeFileSync(join(folder, 'MCR_MUE_PractitionerServices_Eff_01-01-2027.csv'), table(6));
      const knowledge = loadKnowledge({
        builtinEdits: false,
        ptpFiles: [],
        descriptorFiles: [],
        mueFiles: [folder],
        readFile: (path) => readFileCapped(path),
        expand: (paths) => expandRuleFilePaths(paths),
      });
      assert.deepEqual(knowledge.problems, []);
      const day = { from: 20270201, to: 20270201 };
      const { text } = writeX12([{ id: 'A', lines: [{ code: '97110', units: '5', charge: '150.00', date: day }] }], { lineEnding: '\n' });
      const findings = analyze(text, knowledge).findings.filter((f) => f.rule.startsWith('mue.'));
      assert.deepEqual(findings.map((f) => f.message), [], '5 units are within the 2027 MUE of 6');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the date a CMS table name gives', () => {
  it('MUE Eff_MM-DD-YYYY, PTP quarters, ISO dates; none for other names', () => {
    assert.equal(effectiveDateInName('MCR_MUE_PractitionerServices_Eff_01-01-2027.csv'), 20270101);
    assert.equal(effectiveDateInName('MCR_MUE_OutpatientHospitalServices_Eff_10-01-2026.zip'), 20261001);
    assert.equal(effectiveDateInName('medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip'), 20260701);
    assert.equal(effectiveDateInName('aoc_2026-04-01.txt'), 20260401);
    assert.equal(effectiveDateInName('ccipra-v322r0-f1.txt'), 0);
    assert.equal(effectiveDateInName('mue-13-45-2026.csv'), 0);
  });

  it('orders names oldest first, names without a date first and by name', () => {
    const names = ['b.csv', 'MUE_Eff_01-01-2027.csv', 'a.csv', 'MUE_Eff_10-01-2026.csv', 'MUE_Eff_04-01-2026.csv'];
    assert.deepEqual([...names].sort(byEffectiveDate), ['a.csv', 'b.csv', 'MUE_Eff_04-01-2026.csv', 'MUE_Eff_10-01-2026.csv', 'MUE_Eff_01-01-2027.csv']);
  });
});
