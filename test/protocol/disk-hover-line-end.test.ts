// Found in review (minor): a hover on a file checked from disk at a position past the end of a
// line is answered for the start of the next line. DiskChecks.hover converts the position with
// LineStarts.offsetAt, which stops a character past the line's end at the next line's start (as
// LineIndex does); the open-document path (EditableText.offsetAt, as the LSP reference
// TextDocument) stops before the line break. In a CSV whose first column is the procedure code,
// hovering past the end of row 1 shows the hover of row 2's code, with row 2's range.
// Synthetic data only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Hover } from 'vscode-languageserver-protocol/node';
import { DiskFilesRequest } from '../../server/src/lsp/protocol';
import { writeClaimsCsv } from '../unit/helpers/csv-writer';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-disk-hover-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('past the end of a line, a file checked from disk answers as the same text open in the editor (nothing), not with the next line\'s code', async () => {
  const csv = writeClaimsCsv(
    [{ id: 'R1', patientId: 'P9', lines: [{ code: '43214', date: 20260310, units: 1, charge: 50 }, { code: '43200', date: 20260310, units: 1, charge: 50 }] }],
    { columns: ['procedureCode', 'claimId', 'patientId', 'dateOfService', 'units', 'charge'], lineEnding: '\n' },
  );
  const rows = csv.split('\n');
  assert.ok(rows[2]!.startsWith('43200,'));
  const path = join(dir, 'codes-first.csv');
  writeFileSync(path, csv);
  const uri = pathToFileURL(path).toString();

  const client = new TestClient({ settings: {} });
  try {
    await client.initialize();
    const published = client.waitForDiagnostics(uri);
    await client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri] });
    await published;
    const oracle = TestClient.uriFor('review-disk-hover-oracle.csv');
    await client.open(oracle, csv, 'csv');

    const position = { line: 1, character: rows[1]!.length + 3 };
    const fromEditor = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: oracle }, position })) as Hover | null;
    const fromDisk = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
    assert.equal(fromEditor, null, 'the editor path: nothing past the end of row 1');
    assert.equal(fromDisk, null, `the disk path answered ${JSON.stringify(fromDisk?.range)}`);

    // Found in review (an integrator): a position past the document's last line answered with the
    // hover of its last code, in both paths; there is nothing there.
    const beyond = { line: 9999, character: 3 };
    const editorBeyond = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: oracle }, position: beyond })) as Hover | null;
    const diskBeyond = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: beyond })) as Hover | null;
    assert.equal(editorBeyond, null, `the editor path answered ${JSON.stringify(editorBeyond?.range)}`);
    assert.equal(diskBeyond, null, `the disk path answered ${JSON.stringify(diskBeyond?.range)}`);
    // An 837 whose last line is not empty: its last segment without a terminator (as a document
    // being typed is), where the end of the text is inside a segment.
    const x12 = TestClient.uriFor('review-hover-beyond.837');
    const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: { from: 20260310, to: 20260310 } }] }], { lineEnding: '\r\n' }).text.trimEnd().replace(/~$/, '');
    await client.open(x12, text);
    assert.ok(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: x12 }, position: { line: 0, character: 1 } }), 'a hover on its ISA (control)');
    const x12Beyond = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: x12 }, position: beyond })) as Hover | null;
    assert.equal(x12Beyond, null, `the 837 answered ${JSON.stringify(x12Beyond?.range)}`);
  } finally {
    await client.shutdown();
  }
});
