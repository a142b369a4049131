// Typing in a large 837: the server reads again only the transaction set an edit falls in. Through
// the real server, after each edit the diagnostics, hovers, quick fixes and outline of the edited
// document must equal those of the same text opened fresh (which is read whole).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, DocumentSymbolRequest, HoverRequest, type Diagnostic, type Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };

/** 40 claims in 8 transaction sets; every fifth claim bills 43214 with 43200 (a conflict). */
function document(): string {
  const claims: WriterClaim[] = Array.from({ length: 40 }, (_, i) => ({
    id: `CLAIM-${i}`,
    date: day,
    lines: [
      { code: '43214', charge: '1500.00', date: day },
      { code: i % 5 === 0 ? '43200' : '99213', charge: '400.00', date: day },
      { code: '20610', charge: '80.00', date: day },
    ],
  }));
  return writeX12(claims, { transactions: 8, lineEnding: '\n' }).text;
}

interface Edit {
  name: string;
  /** Where (the n-th occurrence of `find`), and what replaces it. */
  find: string;
  occurrence: number;
  replace: string;
}

const EDITS: Edit[] = [
  { name: 'a code in the fourth set becomes a bundled one', find: 'HC:99213', occurrence: 17, replace: 'HC:43200' },
  { name: 'a character typed into a charge', find: '*400.00*', occurrence: 30, replace: '*4000.00*' },
  { name: 'a bypass-free modifier added in the first set', find: 'HC:43200', occurrence: 0, replace: 'HC:43200:25' },
  { name: 'a whole service line deleted in the sixth set', find: 'LX*3~\nSV1*HC:20610', occurrence: 25, replace: 'LX*3~\nSV1*HC:' },
  { name: 'an SE01 count made wrong', find: 'SE*', occurrence: 2, replace: 'SE*9' },
  { name: 'a GE01 count made wrong (outside every set)', find: 'GE*8', occurrence: 0, replace: 'GE*7' },
];

function offsetOf(text: string, find: string, occurrence: number): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(find, at + 1);
    assert.ok(at >= 0, `occurrence ${occurrence} of ${JSON.stringify(find)}`);
  }
  return at;
}

function comparable(diagnostics: readonly Diagnostic[]): unknown {
  return diagnostics.map((d) => ({ range: d.range, message: d.message, code: d.code, severity: d.severity, related: d.relatedInformation?.map((r) => ({ range: r.location.range, message: r.message })) }));
}

describe('edits in a document of many transaction sets', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('after every edit the server answers as for the same text opened fresh', async () => {
    const uri = TestClient.uriFor('incremental-edited.837');
    let mirror = TextDocument.create(uri, 'x12', 1, document());
    const opened = await client.open(uri, mirror.getText());
    assert.equal(opened.diagnostics.filter((d) => d.code === 'ptp.conflict').length, 8);
    let fresh = 0;
    for (const edit of EDITS) {
      const text = mirror.getText();
      const start = offsetOf(text, edit.find, edit.occurrence);
      const range = { start: mirror.positionAt(start), end: mirror.positionAt(start + edit.find.length) };
      mirror = TextDocument.update(mirror, [{ range, text: edit.replace }], mirror.version + 1);
      const edited = await client.change(uri, { range, text: edit.replace });

      const freshUri = TestClient.uriFor(`incremental-fresh-${fresh++}.837`);
      const reference = await client.open(freshUri, mirror.getText());
      assert.deepEqual(comparable(edited.diagnostics), comparable(reference.diagnostics), edit.name);

      // A hover and the quick fixes on the last conflict (after the edited set), and the outline.
      const conflicts = edited.diagnostics.filter((d) => d.code === 'ptp.conflict');
      const last = conflicts[conflicts.length - 1]!;
      const ask = async (target: string) => {
        const position: Position = last.range.start;
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: target }, position });
        const actions = await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri: target },
          range: last.range,
          context: { diagnostics: [last], only: ['quickfix'] },
        });
        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: target } });
        // The same edits, but for each document's own URI and version.
        const json = JSON.stringify({ hover, actions, symbols }, (key, value) => (key === 'version' ? undefined : value));
        return JSON.parse(json.split(freshUri).join(uri));
      };
      const [mine, theirs] = [await ask(uri), await ask(freshUri)];
      assert.ok(Array.isArray(mine.actions) && mine.actions.length > 0, `${edit.name}: a removal is offered`);
      assert.deepEqual(mine, theirs, edit.name);
      await client.close(freshUri);
    }
    assert.equal(mirror.getText().split('HC:43200').length - 1, 9, 'the edits were applied');
  });
});
