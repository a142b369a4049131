// The quick fix for guide.segment-leading-blanks named the segment by its id as read (guides/
// fixes.ts trimTitle: `Remove the blanks before segment ${first}`). When the text that starts
// with blanks is not a segment at all (a stray line of free text pasted into the file, which the
// tokenizer reads as one segment whose "id" is the whole line), that "id" is claim contents: the
// member's name and id went into the code action's title, shown in the lightbulb menu, the
// Problems panel and any editor log. The title now shows the id as the finding's own message does
// (guides/shown.ts shownSegmentId: "a segment with an id that is not letters and digits").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { TestClient } from './helpers/lspClient';
import { messageOf } from './helpers/text';

const root = resolve(__dirname, '../..');
const example = readFileSync(join(root, 'examples/professional-43214.837'), 'utf8');
// Synthetic: a note line with a made-up name and member id, indented, after the subscriber's N3.
const pasted = example.replace('N3*1 EXAMPLE ST~', 'N3*1 EXAMPLE ST~\n  ROE RICHARD MBR 987654321~');
const secrets = ['ROE', 'RICHARD', '987654321'];

test('the leading-blanks quick fix on a stray line of text does not quote that text in its title', async () => {
  const client = new TestClient({ settings: { builtinEdits: false, guideChecks: 'full' } });
  try {
    await client.initialize();
    const uri = TestClient.uriFor('leading-blanks-fix-title.837');
    const { diagnostics } = await client.open(uri, pasted);
    const blanks = diagnostics.find((d) => d.code === 'guide.segment-leading-blanks');
    assert.ok(blanks, `the finding is reported: ${diagnostics.map((d) => d.code).join(', ')}`);
    for (const d of diagnostics) for (const secret of secrets) assert.ok(!messageOf(d).includes(secret), 'the diagnostics do not quote it');

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: blanks.range,
      context: { diagnostics: [blanks], only: ['quickfix'], triggerKind: 1 },
    })) as CodeAction[];
    const trim = actions.find((a) => a.title.startsWith('Remove the blanks'));
    assert.ok(trim, `a fix for the blanks among ${actions.length} actions`);
    for (const action of actions) {
      for (const secret of secrets) assert.ok(!action.title.includes(secret), `a title quotes claim contents: ${JSON.stringify(action.title)}`);
    }
  } finally {
    await client.shutdown();
  }
});
