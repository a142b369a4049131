// Check All Claim Files compares ISA13 across the folder's files as the CLI's --guide full does
// (core/x12/controlNumbersAcrossFiles.ts): with guideChecks full (the default), a file that uses an
// earlier file's interchange control number for the same sender and receiver gets
// guide.control-number-repeated on its ISA13, with the earlier ISA13 as related information; read
// from disk or open in the editor alike. With guideChecks envelope, nothing.
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
const RULE = 'guide.control-number-repeated';
const ISA13 = { line: 0, character: 90 };

function claimFile(id: string, firstControl: number): string {
  return writeX12([{ id, subscriberId: id, lines: [{ code: '99213', charge: '100.00', date: DAY }] }], { lineEnding: '\n', firstControl }).text;
}

async function folderRun(guideChecks: 'full' | 'envelope', openSecond: boolean): Promise<{ diagnostics: Map<string, { code?: string | number; range: unknown; relatedInformation?: unknown }[]>; uris: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-folder-isa13-'));
  try {
    const names = ['a.837', 'b.837', 'c.837'];
    const texts = [claimFile('A1', 7), claimFile('B1', 7), claimFile('C1', 8)];
    names.forEach((name, i) => writeFileSync(join(dir, name), texts[i]!));
    const uris = names.map((name) => pathToFileURL(join(dir, name)).toString());
    const client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true, guideChecks } });
    try {
      await client.initialize(undefined, { workspaceFolder: dir });
      if (openSecond) await client.open(uris[1]!, texts[1]!);
      const published = uris.map((uri) => client.waitForDiagnostics(uri, (p) => p.version === undefined || openSecond));
      const result = await client.connection.sendRequest(CheckFolderRequest.type, {});
      assert.equal(result.checked, 3);
      const diagnostics = new Map<string, { code?: string | number; range: unknown; relatedInformation?: unknown }[]>();
      for (const [i, p] of published.entries()) diagnostics.set(uris[i]!, (await p).diagnostics);
      return { diagnostics, uris };
    } finally {
      await client.shutdown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const openSecond of [false, true]) {
  test(`the second file's ISA13 repeats the first's: one error on it, related to the first${openSecond ? ' (open in the editor)' : ''}`, async () => {
    const { diagnostics, uris } = await folderRun('full', openSecond);
    const repeated = [...diagnostics.entries()].flatMap(([uri, list]) => list.filter((d) => d.code === RULE).map((d) => ({ uri, ...d })));
    assert.equal(repeated.length, 1, JSON.stringify(repeated));
    assert.equal(repeated[0]!.uri, uris[1]);
    assert.deepEqual(repeated[0]!.range, { start: ISA13, end: { line: 0, character: 99 } });
    assert.deepEqual(repeated[0]!.relatedInformation, [
      { location: { uri: uris[0], range: { start: ISA13, end: { line: 0, character: 99 } } }, message: 'The earlier interchange with this control number' },
    ]);
  });
}

test('with guideChecks envelope the folder check does not compare them (control)', async () => {
  const { diagnostics } = await folderRun('envelope', false);
  assert.deepEqual([...diagnostics.values()].flat().filter((d) => d.code === RULE), []);
});
