// Found in review: Check All Claim Files pairs lines across the folder's files, and a diagnostic's
// message names the other file's line, but its related information pointed at nothing there (the
// related lines of a finding were kept only within its own file). The diagnostic now carries that
// line as related information under the other file's URI, at its place in that file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };

test('a pair across two files of the folder: the diagnostic links to the other file\'s line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-folder-related-'));
  try {
    // Blank lines first, so that a range taken from the wrong file's lines would be off.
    const first = '\n\n' + writeX12([{ id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100', date: DAY }] }], { lineEnding: '\n' }).text;
    writeFileSync(join(dir, 'a.837'), first);
    // Another interchange control number: the same one would be a finding of its own (a receiver rejects it again).
    writeFileSync(join(dir, 'b.837'), writeX12([{ id: 'C2', subscriberId: 'M1', lines: [{ code: '43200', charge: '100', date: DAY }] }], { lineEnding: '\n', firstControl: 2 }).text);
    const firstUri = pathToFileURL(join(dir, 'a.837')).toString();
    const secondUri = pathToFileURL(join(dir, 'b.837')).toString();
    const client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    try {
      await client.initialize(undefined, { workspaceFolder: dir });
      const published = client.waitForDiagnostics(secondUri);
      const result = await client.connection.sendRequest(CheckFolderRequest.type, {});
      assert.equal(result.errors, 1);
      const conflict = (await published).diagnostics.find((d) => d.code === 'ptp.conflict');
      assert.ok(conflict, 'the pair is found across the files');
      const lines = first.split('\n');
      const line = lines.findIndex((l) => l.includes('43214'));
      const character = lines[line]!.indexOf('43214');
      assert.deepEqual(conflict.relatedInformation, [
        { location: { uri: firstUri, range: { start: { line, character }, end: { line, character: character + 5 } } }, message: 'Column 1 code 43214 is on this line' },
      ]);
    } finally {
      await client.shutdown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
