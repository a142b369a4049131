// The server's decoder of message bodies (lsp/jsonDecoder.ts) gives what vscode-jsonrpc's own
// gives (a Buffer's UTF-8 string, other bytes through TextDecoder, then JSON.parse) for any
// bytes: ASCII, other UTF-8, a BOM, invalid UTF-8; and refuses what it refuses, with a rejection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDecoder } from 'node:util';
import fc from 'fast-check';
import { jsonDecoder } from '../../server/src/lsp/jsonDecoder';
import { runParameters } from '../fuzz/generators';

const reference = (bytes: Uint8Array): unknown => JSON.parse(bytes instanceof Buffer ? bytes.toString('utf-8') : new TextDecoder('utf-8').decode(bytes));
const body = (text: string): Buffer => Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text } }), 'utf8');

test('decodes as the library does, ASCII or not', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', '~', '*', '\r', '\n', '"', '\\', '\u0000', 'é', '€', '\u{1f600}') }), async (text) => {
      // As the library's reader hands a body (a Buffer), and as another caller might (bytes).
      for (const bytes of [body(text), new Uint8Array(body(text))]) assert.deepEqual(await jsonDecoder.decode(bytes, { charset: 'utf-8' }), reference(bytes));
    }),
    runParameters(300, 7411),
  );
});

test('a BOM, invalid UTF-8 and a body inside a larger buffer decode as the library decodes them', async () => {
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{"a":"b"}')]);
  assert.deepEqual(await jsonDecoder.decode(withBom, { charset: 'utf-8' }), reference(withBom));
  await assert.rejects(() => jsonDecoder.decode(Buffer.from(withBom), { charset: 'utf-8' }), SyntaxError, 'a Buffer keeps its BOM, as the library decodes it');
  const invalid = new Uint8Array([...Buffer.from('{"a":"'), 0xff, 0xfe, ...Buffer.from('"}')]);
  assert.deepEqual(await jsonDecoder.decode(invalid, { charset: 'utf-8' }), reference(invalid));
  assert.deepEqual(await jsonDecoder.decode(Buffer.from(invalid), { charset: 'utf-8' }), reference(Buffer.from(invalid)));
  const outer = Buffer.from('xx{"a":"ISA*00~"}yy');
  const inner = new Uint8Array(outer.buffer, outer.byteOffset + 2, outer.length - 4);
  assert.deepEqual(await jsonDecoder.decode(inner, { charset: 'utf-8' }), { a: 'ISA*00~' });
});

test('a body that is not JSON is refused, as JSON.parse refuses it', async () => {
  const refused = jsonDecoder.decode(Buffer.from('{"a":'), { charset: 'utf-8' });
  assert.ok(refused instanceof Promise, 'a promise, not a throw');
  await assert.rejects(refused, SyntaxError);
});
