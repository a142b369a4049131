// Format Document on an 837 whose lines end in a lone CR (classic Mac line ends, as some claim
// systems still write them, and as Neovim sends a buffer with fileformat=mac) writes CR, the
// file's own line break. layoutEdits (core/layout.ts) once wrote CRLF when the text held one, else
// LF: a file already one segment per line got an edit per segment turning every CR into LF, and a
// half-formatted file came out with mixed CR and LF line ends (found in review). Synthetic data only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentFormattingRequest, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const oneLine = writeX12(
  [
    { id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }] },
    { id: 'C2', lines: [{ code: '20610', charge: '80.00', date: day }] },
  ],
  { lineEnding: '' },
).text;
const perLineCr = oneLine.split('~').join('~\r'); // a CR after every terminator, the last included

let client: TestClient;
before(async () => {
  client = new TestClient();
  await client.initialize();
});
after(async () => {
  await client.shutdown();
});

async function format(name: string, text: string): Promise<string> {
  const uri = TestClient.uriFor(name);
  await client.open(uri, text);
  const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[] | null;
  await client.close(uri);
  return TextDocument.applyEdits(TextDocument.create(uri, 'x12', 1, text), edits ?? []);
}

test('Format Document leaves an 837 already one segment per line with CR line ends as it is', async () => {
  assert.ok(!perLineCr.includes('\n') && perLineCr.split('\r').length > 20);
  const formatted = await format('format-cr.837', perLineCr);
  assert.equal(formatted.includes('\n'), false, 'no LF written into a file whose lines end in CR');
  assert.equal(formatted, perLineCr);
});

test('Format Document of a half-formatted CR file breaks the joined segments with CR, not LF', async () => {
  // The first half one segment per line (CR), the rest joined on one line.
  const cut = perLineCr.indexOf('CLM*');
  const half = perLineCr.slice(0, cut) + perLineCr.slice(cut).split('\r').join('');
  const formatted = await format('format-half-cr.837', half);
  assert.equal(formatted.includes('\n'), false, `mixed line ends: ${JSON.stringify(formatted.slice(0, 200))}`);
  assert.equal(formatted, perLineCr.replace(/\r$/, ''));
});
