// claimlint/checkFolder as other editors send it. A Lua `{}` is encoded as `[]`: the server
// answered -32603 "Cannot read properties of undefined (reading 'isCancellationRequested')"
// (the arguments as the library passes them are tested in lsp-check-folder-params). A
// folder that does not exist answered success with nothing found, and one given as a plain path
// (not a file: URI) checked the workspace folder instead. Each is now checked as the user meant,
// or refused as an invalid request that says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ParameterStructures, RequestType, ResponseError } from 'vscode-languageserver/node';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { exampleParts, fileOfClaims } from '../unit/helpers/example-837';
import { TestClient } from './helpers/lspClient';

async function refusal(client: TestClient, params: unknown): Promise<ResponseError<unknown>> {
  try {
    await client.connection.sendRequest(CheckFolderRequest.method, params);
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error;
  }
  assert.fail(`claimlint/checkFolder with ${JSON.stringify(params)} was answered, not refused`);
}

test('claimlint/checkFolder: no params and null check the workspace folder; a missing folder, a file, a plain path and a wrong type are refused in words', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-folder-params-'));
  const parts = exampleParts();
  writeFileSync(join(dir, 'claims.837'), fileOfClaims(parts, [parts.claims]));
  const client = new TestClient();
  try {
    await client.initialize(undefined, { workspaceFolder: dir });
    // No params (what a Lua `{}`, sent as `[]`, becomes once the library spreads it: checkFolderParams.ts), and null.
    for (const params of [undefined, null]) {
      const sent = params === undefined ? client.connection.sendRequest(CheckFolderRequest.method) : client.connection.sendRequest(CheckFolderRequest.method, params);
      const result = (await sent) as CheckFolderRequest.Result;
      assert.equal(result.folder, pathToFileURL(dir).toString(), JSON.stringify(params));
      assert.equal(result.checked, 1, JSON.stringify(params));
      assert.ok(result.errors > 0, 'the example has its PTP conflict');
    }
    // By position, as a client may send it: [{ folder }].
    const byPosition = await client.connection.sendRequest(new RequestType<CheckFolderRequest.Params, CheckFolderRequest.Result, void>(CheckFolderRequest.method, ParameterStructures.byPosition), { folder: pathToFileURL(dir).toString() });
    assert.equal(byPosition.checked, 1);

    const missing = join(dir, 'no-such-folder');
    const cases: [unknown, RegExp][] = [
      [{ folder: pathToFileURL(missing).toString() }, /^claimlint\/checkFolder: .*no-such-folder: no such folder$/],
      [{ folder: pathToFileURL(join(dir, 'claims.837')).toString() }, /^claimlint\/checkFolder: .*claims\.837: not a folder$/],
      [{ folder: dir }, /^claimlint\/checkFolder: folder should be a file: URI, not ".*claimlint-folder-params-.*"$/],
      [{ folder: 7 }, /^claimlint\/checkFolder: folder should be a file: URI, not number$/],
      ['just a string', /^claimlint\/checkFolder: its params should be an object/],
    ];
    for (const [params, message] of cases) {
      const error = await refusal(client, params);
      assert.equal(error.code, ErrorCodes.InvalidParams, JSON.stringify(params));
      assert.match(error.message, message);
    }
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
