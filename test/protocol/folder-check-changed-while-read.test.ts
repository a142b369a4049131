// Found in review (Check All Claim Files). Synthetic data only.
//
// checkFileFromDisk (lsp/diskRead.ts) says when a file changed while it was being read
// (`changed`: its size, mtime or inode differ after the read). The check of one file from disk
// (lsp/diskCheck.ts) reads such a file again; the CLI refuses it ("changed while it was being
// checked; check it again", cli/files.ts). The folder run (lsp/folderCheck.ts runFolder) ignored
// the flag and published what it read, part old text and part new: a pipeline that rewrote a
// claim file while the user ran Check All left a conflict in the Problems panel on a line that no
// longer billed the bundled code, and the run said nothing about the file. It now reads the file
// again (a few times at most), else names it among the files that could not be read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkDoneProgress, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-disk-changed-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a file rewritten while the folder run reads it is read again or named as changed, not published half old', async () => {
  // About 16 MB: its read takes a good part of a second. Only the first claim bills 43200 with 43214.
  const claims: WriterClaim[] = Array.from({ length: 60_000 }, (_, i) => ({
    id: `C${i}`,
    subscriberId: `M${i}`,
    lines: [
      { code: '43214', charge: '100.00', date: DAY },
      { code: i === 0 ? '43200' : '99213', charge: '50.00', date: DAY },
    ],
  }));
  const text = writeX12(claims, { transactions: 6, lineEnding: '\n' }).text;
  const path = join(dir, 'a.837');
  writeFileSync(path, text);
  const at = text.indexOf('HC:43200');
  const uri = pathToFileURL(path).toString();

  const client = new TestClient({ settings: { guideChecks: 'envelope' } });
  try {
    await client.initialize(undefined, { workspaceFolder: dir });
    await client.settingsTaken(1);
    // The file's publications from here on (the client records every publication).
    const from = client.publications.length;
    const seen = (): PublishDiagnosticsParams[] => client.publications.slice(from).filter((p) => p.uri === uri);
    // Once the run has started on the file and answered a request between its reads (the server
    // takes requests between blocks of a file): 43200 becomes 99213 in place (same length), no
    // conflict left in the file. A server that took the request before its first block reads the
    // new text whole, which the assertion accepts too; either way nothing half old is published.
    let rewritten: Promise<void> | null = null;
    client.connection.onProgress(WorkDoneProgress.type, 'review-changed', (value) => {
      if (rewritten === null && value.kind === 'report' && /^1 of 1/.test(value.message ?? '')) {
        rewritten = client.barrier().then(() => {
          const fd = openSync(path, 'r+');
          writeSync(fd, 'HC:99213', at);
          closeSync(fd);
        });
      }
    });
    const result = await client.connection.sendRequest(CheckFolderRequest.type, { workDoneToken: 'review-changed' });
    assert.ok(rewritten !== null, 'the file was rewritten during the run');
    await rewritten;

    const namedAsChanged = result.unreadable.some((line) => line.startsWith('a.837:'));
    const last = seen().at(-1);
    const codes = last?.diagnostics.map((d) => d.code) ?? [];
    assert.ok(
      namedAsChanged || (last !== undefined && !codes.includes('ptp.conflict')),
      `the file on disk has no conflict; the run published ${JSON.stringify(codes)} for it and answered ${JSON.stringify(result)}`,
    );
  } finally {
    await client.shutdown();
  }
});
