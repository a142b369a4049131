// claimlint/checkFolder's arguments as the JSON-RPC library passes them to a handler registered by
// method: the params (an object, or an array spread into arguments), then the cancellation token.
// `params: []` (a Lua `{}` from Neovim) leaves the token alone; the server read it as the params
// and crashed on an undefined token (-32603).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { checkFolderArguments } from '../../server/src/lsp/checkFolderParams';

const token = new CancellationTokenSource().token;

test('no params, [] spread to nothing, and null: the workspace folder, with the token', () => {
  for (const args of [[token], [null, token], [undefined, token]]) {
    const read = checkFolderArguments(args);
    assert.deepEqual(read.params, {});
    assert.equal(read.token, token);
  }
});

test('an object by name or as the one positional param: its folder and progress token', () => {
  const read = checkFolderArguments([{ folder: 'file:///claims', workDoneToken: 'p1', other: 1 }, token]);
  assert.deepEqual(read.params, { folder: 'file:///claims', workDoneToken: 'p1' });
  assert.equal(read.token, token);
});

test('params that are not an object, or a folder that is not a file: URI, are InvalidParams in words', () => {
  const cases: [unknown[], RegExp][] = [
    [['a', token], /its params should be an object/],
    [[{ folder: '/claims' }, token], /folder should be a file: URI, not "\/claims"$/],
    [[{ folder: ['file:///claims'] }, token], /folder should be a file: URI, not object$/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => checkFolderArguments(args), (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams && message.test(error.message));
  }
});
