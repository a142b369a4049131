// A claim CSV saved as UTF-16LE with its byte-order mark (Excel's "Unicode Text", tab-separated)
// and checked from disk (a file past VS Code's 50 MB limit, claimlint/diskFiles, or Check All
// Claim Files, which reads every file the same way) gets the findings of the same text open in
// the editor. checkFileFromDisk (lsp/diskRead.ts) once handed it to checkCsvInBlocks, which reads
// the bytes after the BOM as characters when they are all below 0x80, as UTF-16LE text of ASCII
// characters is (a NUL after each): the reader saw "C\0l\0a\0..." and reported one
// claimlint.encoding error at 1:1 instead of the ptp.conflict (found in review). Now a UTF-16 file
// is read whole, decoded by its BOM, as the CLI and the editor do. Synthetic data only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskFilesRequest } from '../../server/src/lsp/protocol';
import { TestClient } from './helpers/lspClient';

const text = [
  'Claim ID\tPatient ID\tDate of Service\tCPT\tUnits\tCharge',
  'C1\tP1\t03/10/2026\t43214\t1\t100.00',
  'C1\tP1\t03/10/2026\t43200\t1\t50.00',
  '',
].join('\r\n');

let dir = '';
let client: TestClient;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-disk-utf16-'));
  client = new TestClient({ settings: {} });
  await client.initialize();
});
after(async () => {
  await client.shutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a UTF-16LE claim CSV with its byte-order mark, checked from disk, gets the diagnostics of the same text open in the editor', async () => {
  const path = join(dir, 'unicode-text-export.csv');
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const uri = pathToFileURL(path).toString();

  const published = client.waitForDiagnostics(uri);
  const result = await client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri] });
  assert.deepEqual(result.files.map((f) => f.state), ['checked']);
  const fromDisk = (await published).diagnostics;

  const opened = await client.open(TestClient.uriFor('utf16-oracle.csv'), text, 'csv');
  const shown = (ds: typeof fromDisk) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
  assert.deepEqual(shown(opened.diagnostics), ['ptp.conflict@2:17-2:22']);
  assert.deepEqual(shown(fromDisk), shown(opened.diagnostics));
});
