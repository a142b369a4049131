// The host runtime offers what the server uses and nothing else (issue 17: Runtime.fileSize was
// declared and implemented but never called).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nodeRuntime } from '../../server/src/lsp/runtime';

test('every member of nodeRuntime is used by the server', () => {
  const dir = resolve(__dirname, '../../server/src/lsp');
  const sources = readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && name !== 'runtime.ts')
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
  const unused = Object.keys(nodeRuntime).filter((member) => !new RegExp(`runtime\\??\\.${member}\\b|\\b${member}:`).test(sources));
  assert.deepEqual(unused, []);
});
