// A relative path in the settings resolves against the workspace folder; with no folder open it
// can only be read from the server's working directory, which the user rarely knows: a load
// problem of such a path says so (lsp/settings.ts relativePathNote). Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from './helpers/lspClient';

test('a relative path that is not found with no workspace folder open: the warning says it was relative and where it was looked for', async () => {
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: ['ncci/claimlint-no-such-table.txt'] } });
    const { problems } = (await client.waitForNotification('claimlint/loadProblems')) as { problems: string[] };
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^ncci\/claimlint-no-such-table\.txt: cannot read: file not found \(a relative path, and no workspace folder is open to resolve it against: it was looked for in the server's working directory, .+\)$/);
  } finally {
    await client.shutdown();
  }
});
