// Found in review: a settings change that names the same rule files loads them all again
// (lsp/rules.ts apply: only a load still in progress is recognised as the same files). A change
// of claimlint.guideChecks alone therefore replaces the rules twice (once for the new mode, once
// for the reloaded knowledge), and each replacement re-reads every file checked from disk: files
// over 50 MB are read twice for one click in the settings UI. A didChangeConfiguration that
// changes nothing (VS Code's client sends one when it registers for the section; Neovim sends one
// after initialize) reloads every rule file, re-analyses every open document from scratch and
// re-reads every file checked from disk. Synthetic data only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskFilesRequest } from '../../server/src/lsp/protocol';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };
/** An 837 of `count` claims, one of them with a conflict. */
function claims(count: number): string {
  const lines = [{ code: '43214', charge: '100.00', date: DAY }, { code: '43200', charge: '50.00', date: DAY }];
  return writeX12(Array.from({ length: count }, (_, i) => ({ id: `C${i + 1}`, lines })), { lineEnding: '\n' }).text;
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-reload-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('changing guideChecks re-reads a file checked from disk once; pushing unchanged settings reloads nothing', async () => {
  const path = join(dir, 'big.837');
  writeFileSync(path, claims(1));
  const uri = pathToFileURL(path).toString();
  const client = new TestClient({ settings: {} });
  try {
    await client.initialize();
    await client.settingsTaken(1);
    const logs = (): string[] => client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    const diskReads = (): number => logs().filter((m) => /^Claimlint: checked big\.837 from disk:/.test(m)).length;
    const rulesLoaded = (): number => logs().filter((m) => m.startsWith('Claimlint rules loaded:')).length;
    /**
     * Every read of a file checked from disk queued so far is done: the files are read one at a
     * time, and a newly listed file is read after them (the request resolves once it is).
     */
    let barriers = 0;
    const readsDone = async (): Promise<void> => {
      const other = join(dir, `other-${++barriers}.837`);
      writeFileSync(other, claims(1));
      await client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri, pathToFileURL(other).toString()] });
    };
    // Resolves once the file is read.
    await client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri] });
    const loads0 = rulesLoaded();
    assert.equal(diskReads(), 1);

    await client.changeSettings({ guideChecks: 'envelope' });
    await client.settingsTaken(2);
    await readsDone();
    assert.deepEqual({ diskReads: diskReads(), rulesLoaded: rulesLoaded() - loads0 }, { diskReads: 2, rulesLoaded: 0 }, 'one change of the setting: the file is read again once, the same rule files are not reloaded');

    await client.changeSettings({ guideChecks: 'envelope' });
    await client.settingsTaken(3);
    await readsDone();
    assert.deepEqual({ diskReads: diskReads(), rulesLoaded: rulesLoaded() - loads0 }, { diskReads: 2, rulesLoaded: 0 }, 'the same settings again: no rule file is reloaded and no file is re-read');
  } finally {
    await client.shutdown();
  }
});
