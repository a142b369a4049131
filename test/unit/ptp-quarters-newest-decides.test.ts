// A folder of CMS PTP downloads from two quarters. ruleFiles.ts loads a folder
// "oldest quarter first: of two quarters' tables, the newer one's rows are loaded last and win",
// but the rule set (ptpTable.ts activeAt) never lets a later file's row replace an earlier one's:
// it ranks the rows of a pair by indicator first (0 over 1 over 9), then effective date, and only
// then by the order added. Each CMS quarterly file is a complete snapshot of the table (deleted
// edits keep their row, with the deletion date filled in), so when the newer quarter deletes an
// edit, lowers its indicator from 0 to 1, or voids it retroactively (indicator 9, deletion date =
// effective date, as real CMS rows do), the older quarter's row for the same pair stays in force
// and the claim is judged by a table CMS has replaced. Synthetic rows (not real NCCI edits).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { readFileCapped } from '../../server/src/core/rules/readFile';
import { expandRuleFilePaths, tableKindFromName } from '../../server/src/core/rules/ruleFiles';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeX12 } from './helpers/x12-writer';

const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-ptp-quarters-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const OLDER = 'medicare-ncci-2026q2-practitioner-ptp-edits-ccipra-v321r0-f1.txt';
const NEWER = 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.txt';
const row = (deletion: string, indicator: string) => ['29881', '29877', '', '20200101', deletion, indicator, 'Mutually exclusive procedures'].join('\t');

let folders = 0;
/** A folder holding the Q2 2026 and Q3 2026 practitioner tables, each with one row for 29881/29877. */
function knowledgeOfQuarters(olderRow: string, newerRow: string) {
  const folder = join(dir, `ptp-${folders++}`);
  mkdirSync(folder);
  writeFileSync(join(folder, OLDER), practitionerPtpText([olderRow]));
  writeFileSync(join(folder, NEWER), practitionerPtpText([newerRow]));
  const knowledge = loadKnowledge({
    builtinEdits: false,
    ptpFiles: [folder],
    descriptorFiles: [],
    readFile: (path) => readFileCapped(path),
    expand: (paths) => expandRuleFilePaths(paths),
    tableOfName: tableKindFromName,
  });
  assert.deepEqual(knowledge.problems, []);
  assert.deepEqual(knowledge.files.map((f) => f.source.split('/').pop()), [OLDER, NEWER], 'the older quarter is loaded first');
  return knowledge;
}

/** PTP findings of one 837P claim: 29881 and 29877 on 08/01/2026 (in the newer quarter), the 29877 line with these modifiers. */
function ptpFindings(knowledge: ReturnType<typeof knowledgeOfQuarters>, modifiers: string[] = []) {
  const day = { from: 20260801, to: 20260801 };
  const { text } = writeX12(
    [{ id: 'C1', lines: [{ code: '29881', charge: '900.00', date: day }, { code: '29877', charge: '300.00', date: day, modifiers }] }],
    { lineEnding: '\n' },
  );
  return analyze(text, knowledge).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => `${f.rule}: ${f.message}`);
}

describe('PTP tables of two quarters in one folder: the newer quarter decides', () => {
  it('an edit the newer quarter deleted on 06/30/2026 is not reported for 08/01/2026', () => {
    const knowledge = knowledgeOfQuarters(row('*', '0'), row('20260630', '0'));
    assert.equal(knowledge.tables.practitioner.lookup('29881', '29877', 20260801), null, 'no edit in force on 08/01/2026 in the Q3 table');
    assert.deepEqual(ptpFindings(knowledge), []);
  });

  it('an edit the newer quarter changed from indicator 0 to 1 is a warning, and modifier 59 clears it', () => {
    const knowledge = knowledgeOfQuarters(row('*', '0'), row('*', '1'));
    assert.equal(knowledge.tables.practitioner.lookup('29881', '29877', 20260801)?.modifierIndicator, '1');
    assert.deepEqual(ptpFindings(knowledge, ['59']), [], 'modifier 59 satisfies the Q3 edit (indicator 1)');
  });

  it('an edit the newer quarter voided (indicator 9, deleted on its effective date) is not reported', () => {
    const knowledge = knowledgeOfQuarters(row('*', '1'), row('20200101', '9'));
    assert.equal(knowledge.tables.practitioner.lookup('29881', '29877', 20260801), null);
    assert.deepEqual(ptpFindings(knowledge), []);
  });
});
