// A reload after a table changes on disk waits 250 ms for the writes to settle, then loads the
// files of the settings in force *then*: a settings change within those 250 ms (a script that
// writes the table and then the settings, the user saving a table and switching the setting off)
// is not undone by a load of the old settings' files (lsp/rules.ts). The watcher is called by the
// test and the 250 ms are ticked on node:test's mock clock, so nothing waits on the wall clock.
// Synthetic table rows.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mock, test } from 'node:test';
import type { Knowledge } from '../../server/src/core/rules/knowledge';
import { defaultSettings } from '../../server/src/lsp/settings';
import { rulesOnDisk } from './helpers/rules-on-disk';

const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const table = (...rows: string[]) => ['Title line', 'Column 1\tColumn 2\t*\tEffective\tDeletion\tModifier\tRationale', ...rows, ''].join('\r\n');

test("a settings change made just after a table file changed is not undone by the reload of the old settings' files", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-reload-settings-'));
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const path = join(dir, 'ptp.txt');
    writeFileSync(path, table(row('99213', '36415', '1')));
    const { rules, filesChanged } = rulesOnDisk();
    const indicator = (k: Knowledge) => k.rules.lookup('99213', '36415', 20260310)?.modifierIndicator ?? null;

    rules.apply({ ...defaultSettings, ptpEditFiles: [path], builtinEdits: false });
    await rules.whenLoaded();
    assert.equal(indicator(rules.knowledge), '1');

    // The table is saved (its watcher fires, a reload waits 250 ms), and right after the table is taken out of the settings.
    writeFileSync(path, table(row('99213', '36415', '0')));
    filesChanged();
    rules.apply({ ...defaultSettings, ptpEditFiles: [], builtinEdits: false });
    await rules.whenLoaded();
    assert.equal(indicator(rules.knowledge), null, 'the settings change is in use');

    // The 250 ms pass: whatever reload was waiting must not bring the table back.
    mock.timers.tick(1000);
    await rules.whenLoaded();
    assert.equal(indicator(rules.knowledge), null, 'the table no longer in the settings gives no edit');
  } finally {
    mock.timers.reset();
    rmSync(dir, { recursive: true, force: true });
  }
});
