// Typing in a large 837: the server reads again only the claim an edit falls in (else its
// transaction set). Through the real server, after each edit the diagnostics, hovers, quick fixes
// and outline of the edited document must equal those of the same text opened fresh (which is
// read whole): in a document of many transaction sets, and in one that is a single set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, DocumentSymbolRequest, HoverRequest, type Diagnostic, type Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };

/** 40 claims in 8 transaction sets (or `transactions`); every fifth claim bills 43214 with 43200 (a conflict). */
function document(transactions = 8): string {
  const claims: WriterClaim[] = Array.from({ length: 40 }, (_, i) => ({
    id: `CLAIM-${i}`,
    date: day,
    lines: [
      { code: '43214', charge: '1500.00', date: day },
      { code: i % 5 === 0 ? '43200' : '99213', charge: '400.00', date: day },
      { code: '20610', charge: '80.00', date: day },
    ],
  }));
  return writeX12(claims, { transactions, lineEnding: '\n' }).text;
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

/** Edits inside the claims of one transaction set (read claim by claim), and some that are not. */
const ONE_SET_EDITS: Edit[] = [
  { name: 'a code in claim 18 becomes a bundled one', find: 'HC:99213', occurrence: 14, replace: 'HC:43200' },
  { name: 'a character typed into a charge', find: '*400.00*', occurrence: 30, replace: '*4000.00*' },
  { name: 'a whole service line deleted (SE01 now wrong)', find: 'LX*3~\nSV1*HC:20610', occurrence: 25, replace: 'LX*3~\nSV1*HC:' },
  { name: 'a line added to another claim', find: 'LX*3~', occurrence: 3, replace: 'LX*3~\nSV1*HC:20610*80.00*UN*1***1~\nLX*4~' },
  { name: 'a claim split in two by a CLM typed into it', find: 'LX*2~', occurrence: 11, replace: 'CLM*NEW*480.00***11:B:1*Y*A*Y*Y~\nLX*1~' },
  { name: 'a subscriber loop edited (read by set)', find: 'NM1*IL*1*DOE*JANE', occurrence: 20, replace: 'NM1*IL*1*ROE*JANE' },
  { name: 'an HL level changed (read by set)', find: '*22*0~', occurrence: 5, replace: '*23*0~' },
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

describe('edits in a large 837', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  /** Opens `text`, applies the edits one by one and compares each result with the same text opened fresh; returns the final text. */
  async function editAndCompare(name: string, text: string, edits: readonly Edit[]): Promise<string> {
    const uri = TestClient.uriFor(`${name}-edited.837`);
    let mirror = TextDocument.create(uri, 'x12', 1, text);
    const opened = await client.open(uri, mirror.getText());
    assert.equal(opened.diagnostics.filter((d) => d.code === 'ptp.conflict').length, 8);
    let fresh = 0;
    for (const edit of edits) {
      const text = mirror.getText();
      const start = offsetOf(text, edit.find, edit.occurrence);
      const range = { start: mirror.positionAt(start), end: mirror.positionAt(start + edit.find.length) };
      mirror = TextDocument.update(mirror, [{ range, text: edit.replace }], mirror.version + 1);
      const edited = await client.change(uri, { range, text: edit.replace });

      const freshUri = TestClient.uriFor(`${name}-fresh-${fresh++}.837`);
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
    await client.close(uri);
    return mirror.getText();
  }

  test('after every edit the server answers as for the same text opened fresh', async () => {
    const text = await editAndCompare('incremental', document(), EDITS);
    assert.equal(text.split('HC:43200').length - 1, 9, 'the edits were applied');
  });

  test('in one transaction set of 40 claims, after every edit the server answers as for the same text opened fresh', async () => {
    const text = await editAndCompare('one-set', document(1), ONE_SET_EDITS);
    assert.equal(text.split('HC:43200').length - 1, 9, 'the edits were applied');
    assert.ok(text.includes('CLM*NEW*') && text.includes('NM1*IL*1*ROE*JANE'), 'the edits were applied');
  });
});
