// Claim files checked from disk in the real VS Code (issue 14):
//
// - A 60 MB 837, generated in a temporary folder: VS Code does not hand files over 50 MB to
//   extensions, so the client asks the server to check it from disk; its diagnostics must reach
//   the Problems panel (vscode.languages.getDiagnostics) within 10 s of opening it, on the right
//   ranges, and follow a change made to the file on disk. A 60 MB claim CSV likewise.
// - Claimlint: Check All Claim Files on a folder: its files' diagnostics, a conflict across two
//   files included, without opening any of them.
import * as assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { write837, writeClaimsCsv } from '../../../bench/generate';
import type { CheckFolderRequest } from '../../../server/src/lsp/protocol';
import { writeX12 } from '../../unit/helpers/x12-writer';
import { codeOf, diagnosticsOf, extensionId } from './helpers';

const SYNC_LIMIT_BYTES = 50 * 1024 * 1024;



/** Byte offset where 0-based `line` starts in the file (an ASCII file with LF line ends). */
function lineOffset(bytes: Buffer, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = bytes.indexOf(10, offset) + 1;
  return offset;
}

function readAt(path: string, offset: number, length: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    return buffer.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a file past the limit in a tab and waits up to `waitMs` for its conflicts in the Problems
 * panel: they and how long they took. What these tests are about is checked too: VS Code never
 * gave the extension host the text.
 */
async function openPastTheLimit(uri: vscode.Uri, waitMs: number): Promise<{ conflicts: vscode.Diagnostic[]; elapsed: number }> {
  const started = Date.now();
  const arrived = diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'ptp.conflict'), waitMs);
  await vscode.commands.executeCommand('vscode.open', uri);
  const diagnostics = await arrived;
  const elapsed = Date.now() - started;
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file is not synchronised with extensions');
  return { conflicts: diagnostics.filter((d) => codeOf(d) === 'ptp.conflict'), elapsed };
}

describe('Claimlint: files past VS Code’s 50 MB limit, checked from disk', function () {
  let folder = '';
  let path = '';
  let uri: vscode.Uri;

  before(async function () {
    this.timeout(120_000);
    await vscode.extensions.getExtension(extensionId)?.activate();
    folder = mkdtempSync(join(tmpdir(), 'claimlint-large-'));
    path = join(folder, 'batch-60mb.837');
    // The bench's 837P shape (one segment per line); 4% of its claims bill 43214 with a bundled code.
    write837({ targetBytes: 60 * 1024 * 1024, linesPath: path, seed: 14 });
    uri = vscode.Uri.file(path);
  });

  after(async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('a 60 MB 837 opened in an editor tab gets its diagnostics in the Problems panel within 10 s, on the right ranges', async function () {
    this.timeout(60_000);
    const size = statSync(path).size;
    assert.ok(size > 60 * 1024 * 1024 && size > SYNC_LIMIT_BYTES, `${size} bytes`);
    const { conflicts, elapsed } = await openPastTheLimit(uri, 10_000);
    assert.ok(elapsed <= 10_000, `${elapsed} ms`);

    const bytes = readFileSync(path);
    assert.ok(conflicts.length > 100, `${conflicts.length} conflicts`);
    for (const conflict of [conflicts[0]!, conflicts[conflicts.length - 1]!]) {
      assert.equal(conflict.range.start.line, conflict.range.end.line);
      const lineStart = lineOffset(bytes, conflict.range.start.line);
      const line = bytes.toString('latin1', lineStart, bytes.indexOf(10, lineStart));
      assert.match(line, /^SV1\*HC:/, `line ${conflict.range.start.line}`);
      // The squiggle is on the column-2 code the message names.
      const code = line.slice(conflict.range.start.character, conflict.range.end.character);
      assert.match(code, /^\d{5}$/);
      assert.match(conflict.message, new RegExp(`^${code} `));
      const related = conflict.relatedInformation?.[0];
      assert.ok(related, 'related information');
      assert.equal(related.location.uri.toString(), uri.toString());
    }
  });

  it('is checked again when the file changes on disk', async function () {
    this.timeout(60_000);
    const before = vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'ptp.conflict');
    assert.ok(before.length > 0);
    // Bill the first conflict's column-2 code as 99213 (same length, so nothing else moves).
    const first = before.reduce((a, b) => (b.range.start.isBefore(a.range.start) ? b : a));
    const offset = lineOffset(readFileSync(path), first.range.start.line) + first.range.start.character;
    assert.match(readAt(path, offset, 5), /^\d{5}$/);
    const changed = diagnosticsOf(uri, (d) => !d.some((x) => codeOf(x) === 'ptp.conflict' && x.range.isEqual(first.range) && x.message === first.message), 15_000);
    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, '99213', offset, 'latin1');
    } finally {
      closeSync(fd);
    }
    const after = await changed;
    assert.ok(after.some((d) => codeOf(d) === 'ptp.conflict'), 'the other conflicts are still there');
  });

  it('a 60 MB claim CSV opened in an editor tab gets its diagnostics on the code cells, read in pieces', async function () {
    this.timeout(90_000);
    const csvPath = join(folder, 'export-60mb.csv');
    writeClaimsCsv(csvPath, { rows: 1_400_000, seed: 14 });
    const size = statSync(csvPath).size;
    assert.ok(size > 60 * 1024 * 1024, `${size} bytes`);
    const csvUri = vscode.Uri.file(csvPath);
    const { conflicts, elapsed } = await openPastTheLimit(csvUri, 60_000);
    console.log(`a 60 MB claim CSV from disk: ${conflicts.length} conflicts in ${elapsed} ms`);
    // 8.4-9 s here: this workspace loads an add-on code table (for units-aoc.test.ts), and with
    // one loaded the server keeps every dated row to the end of the file (a Type 2 add-on takes any
    // other procedure as its primary), which is most of the time (about 4 s with no add-on table,
    // timed over LSP); from the server's publishing to the Problems panel takes under a second.
    // Allowed 30 s, not the 837's 10 s: that extra work is what a slower machine would push past it.
    assert.ok(elapsed <= 30_000, `${elapsed} ms`);
    const bytes = readFileSync(csvPath);
    assert.ok(conflicts.length > 1000, `${conflicts.length} conflicts`);
    for (const conflict of [conflicts[0]!, conflicts[conflicts.length - 1]!]) {
      const lineStart = lineOffset(bytes, conflict.range.start.line);
      const row = bytes.toString('latin1', lineStart, bytes.indexOf(10, lineStart)).split(',');
      // The squiggle is on the row's code cell (the fourth), the column-2 code the message names.
      const cellStart = row.slice(0, 3).join(',').length + 1;
      assert.deepEqual([conflict.range.start.character, conflict.range.end.character], [cellStart, cellStart + row[3]!.length]);
      assert.match(conflict.message, new RegExp(`^${row[3]} `));
    }
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === csvUri.toString()) await vscode.window.tabGroups.close(tab);
    }
  });
});

describe('Claimlint: Check All Claim Files', function () {
  let folder = '';

  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    folder = mkdtempSync(join(tmpdir(), 'claimlint-folder-'));
  });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('checks every claim file under the folder without opening them; a conflict across two files lands on the column-2 file', async function () {
    this.timeout(30_000);
    const day = { from: 20260310, to: 20260310 };
    mkdirSync(join(folder, 'sub'));
    writeFileSync(join(folder, 'a.837'), writeX12([{ id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100', date: day }] }], { lineEnding: '\n' }).text);
    // Another interchange control number than a.837's: the same one would be a finding of its own.
    writeFileSync(join(folder, 'sub', 'b.837'), writeX12([{ id: 'C2', subscriberId: 'M1', lines: [{ code: '43200', charge: '100', date: day }] }], { lineEnding: '\n', firstControl: 2 }).text);
    const second = vscode.Uri.file(join(folder, 'sub', 'b.837'));
    const arrived = diagnosticsOf(second, (d) => d.length > 0, 20_000);
    const result = await vscode.commands.executeCommand<CheckFolderRequest.Result>('claimlint.checkAllFiles', vscode.Uri.file(folder));
    assert.equal(result?.found, 2);
    assert.equal(result?.checked, 2);
    assert.equal(result?.cancelled, false);
    const [conflict] = await arrived;
    assert.equal(codeOf(conflict!), 'ptp.conflict');
    // SV1*HC:43200 of b.837: line 23 (the subscriber, as the patient, has N3, N4 and DMG before the payer's NM1).
    assert.ok(conflict!.range.isEqual(new vscode.Range(22, 7, 22, 12)), JSON.stringify(conflict!.range));
    assert.match(conflict!.message, /\(a\.837, claim 1, service line 1\)/);
    assert.deepEqual(vscode.languages.getDiagnostics(vscode.Uri.file(join(folder, 'a.837'))), []);
  });
});
