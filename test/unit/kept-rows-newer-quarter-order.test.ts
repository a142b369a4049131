// ce4a74f made each PTP pair judged by the table loaded
// last that has it (a folder's newest quarter over an older one), and 1227ff0 keeps the rows of a
// table the settings name that cannot be read at a reload (lsp/keptRows.ts), merged "in the order
// the files load". That order is taken from Knowledge.files, where loadKnowledge lists the files
// folder and zip expansion could not read (its `expand` problems: a zip half downloaded, a file
// deleted before its download replaces it) before every table that did load (rules/knowledge.ts,
// `expand`: `files.push` of the problems before the entries are loaded). The server always loads
// through that expansion (runtime.ts expandRuleFiles), so while the newer quarter's zip is being
// downloaded again, its kept rows are merged BEFORE the older quarter's, and the older quarter
// decides every pair both have: an edit the newer quarter lowered to indicator 1 is an
// indicator-0 error again until the download finishes. (lsp-kept-rows.test.ts loads without
// `expand`, where a file that cannot be read keeps its place.)
// Synthetic table rows.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mock, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import type { Knowledge } from '../../server/src/core/rules/knowledge';
import { defaultSettings } from '../../server/src/lsp/settings';
import { rulesOnDisk } from './helpers/rules-on-disk';

const ptpRow = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const ptpTable = (...rows: string[]) => ['Title line', 'Column 1\tColumn 2\t*\tEffective\tDeletion\tModifier\tRationale', ...rows, ''].join('\r\n');
const zipOf = (name: string, text: string) => zipSync({ [name]: strToU8(text) }, { level: 6 });

test('a folder whose newer quarter is being downloaded again: the kept newer rows still decide the pairs both quarters have', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-kept-'));
  try {
    const older = join(dir, 'medicare-ncci-2026q1-practitioner-ptp-edits-ccipra-v321r0-f1.zip');
    const newer = join(dir, 'medicare-ncci-2026q2-practitioner-ptp-edits-ccipra-v322r0-f1.zip');
    // 2026q1: 99213/36415 indicator 0; 2026q2 lowers it to 1.
    writeFileSync(older, zipOf('ccipra-v321r0-f1.txt', ptpTable(ptpRow('99213', '36415', '0'), ptpRow('99214', '81002', '0'))));
    const newerZip = zipOf('ccipra-v322r0-f1.txt', ptpTable(ptpRow('99213', '36415', '1'), ptpRow('99214', '81002', '0')));
    writeFileSync(newer, newerZip);

    const { rules, filesChanged } = rulesOnDisk();
    const indicator = (k: Knowledge) => k.rules.lookup('99213', '36415', 20260310)?.modifierIndicator ?? null;

    rules.apply({ ...defaultSettings, ptpEditFiles: [dir] });
    await rules.whenLoaded();
    assert.equal(indicator(rules.knowledge), '1', 'the newer quarter decides');

    // The browser starts writing the newer quarter's download again: a zip cut short.
    writeFileSync(newer, newerZip.subarray(0, 40));
    const generation = rules.generation;
    // The reload waits 250 ms for the writes to settle: ticked on the mock clock, not waited for.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      filesChanged();
      mock.timers.tick(250);
    } finally {
      mock.timers.reset();
    }
    await rules.whenLoaded();
    assert.notEqual(rules.generation, generation, 'the folder was loaded again, the newer quarter\'s rows kept');
    assert.equal(indicator(rules.knowledge), '1', 'the kept newer quarter still decides 99213/36415');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
