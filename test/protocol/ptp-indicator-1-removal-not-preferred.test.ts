// For an indicator-1 PTP finding (ptp.modifier-required) the removal quick fix was marked
// isPreferred (core/fixes.ts removal(), used by ptpFixes for both indicators). A preferred action
// is what an editor's auto fix applies without showing a menu (VS Code's "Auto Fix...",
// Shift+Alt+., applies the one preferred quick fix at the cursor). For indicator 1 the README says
// the opposite of "certain": "indicator-1 conflicts are left for a person, because a modifier may
// be the right answer", and fix-all leaves them alone for that reason; the diagnostic itself says
// "add XE, XS, XP, XU or 59 ... otherwise remove that line". Auto fix deleted a service line that
// a distinct-service modifier would have kept payable. Only indicator-0 removals are preferred now.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
let dir: string;
let client: TestClient;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-ptp-indicator-1-'));
  const ptpFile = join(dir, 'user-edits.txt');
  writeFileSync(ptpFile, [
    'Synthetic PTP table for tests',
    'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier Indicator\tPTP Edit Rationale',
    '11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code',
    '',
  ].join('\r\n'));
  client = new TestClient({ settings: { ptpEditFiles: [ptpFile], builtinEdits: false } });
  await client.initialize();
});

after(async () => {
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

test('indicator 1: the removal is not the preferred fix (auto fix must not delete a line a modifier may keep)', async () => {
  const uri = TestClient.uriFor('ptp-indicator-1-removal.837');
  const { text } = writeX12([{ id: 'CLAIM-M1', lines: [{ code: '11042', charge: '210.00', date: day }, { code: '97597', charge: '95.50', date: day }] }], { lineEnding: '\n' });
  const { diagnostics } = await client.open(uri, text);
  const warning = diagnostics.find((d) => d.code === 'ptp.modifier-required');
  assert.ok(warning, `an indicator-1 finding: ${diagnostics.map((d) => d.code).join(', ')}`);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: warning.range,
    context: { diagnostics: [warning], only: ['quickfix'], triggerKind: 1 },
  })) as CodeAction[];
  assert.ok(actions.some((a) => a.title.startsWith('Add modifier')), 'modifier fixes are offered');
  const removal = actions.find((a) => a.title.startsWith('Remove'));
  assert.ok(removal, 'a removal is offered too');
  assert.notEqual(removal.isPreferred, true, `"${removal.title}" is marked preferred`);
});
