// Found in review: file names that are not UTF-8 (a latin-1 byte, `caf\xe9.837`) were lost when a
// folder was listed as text (readdirSync gave `caf\uFFFD.837`, which names no file). Folders are now
// listed as bytes; a path is text when its bytes are UTF-8, else the bytes (filePaths.ts). These
// hold how such a path is joined, shown (each other byte as \xHH), told apart, and named by a
// file: URI in the server's Check All Claim Files (fileUriOf: pathToFileURL's spelling for text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childPath, fileUriOf, pathKey, shownPath } from '../../server/src/core/rules/filePaths';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('a name of UTF-8 bytes joins as text, as join does; any other as bytes', () => {
  assert.equal(childPath('claims/./batch/', Buffer.from('café.837')), join('claims/./batch/', 'café.837'));
  assert.equal(childPath('.', Buffer.from('a.837')), 'a.837');
  const bytes = childPath('claims/./batch/', latin1('caf\xe9.837'));
  assert.ok(Buffer.isBuffer(bytes));
  assert.deepEqual(bytes, Buffer.concat([Buffer.from(`claims${sep}batch${sep}`), latin1('caf\xe9.837')]));
  // Under a folder of bytes, every path is bytes.
  assert.deepEqual(childPath(bytes, Buffer.from('x.837')), Buffer.concat([bytes, Buffer.from(sep), Buffer.from('x.837')]));
});

test('a path of bytes is shown with each byte that is not UTF-8 as \\xHH, the UTF-8 characters as they are', () => {
  assert.equal(shownPath('plain/é.837'), 'plain/é.837');
  assert.equal(shownPath(latin1('batch/caf\xe9.837')), 'batch/caf\\xe9.837');
  assert.equal(shownPath(Buffer.concat([Buffer.from('né/'), latin1('\xff\xfe'), Buffer.from('😀'), latin1('\xf0\x9f')])), 'né/\\xff\\xfe😀\\xf0\\x9f');
  // An overlong form and a surrogate's encoding are not UTF-8.
  assert.equal(shownPath(latin1('\xc0\xaf\xed\xa0\x80')), '\\xc0\\xaf\\xed\\xa0\\x80');
});

test('two names that show alike stay apart', () => {
  const bytes = latin1('caf\xe9.837');
  assert.notEqual(pathKey(bytes), pathKey('caf\\xe9.837'));
  assert.notEqual(pathKey(bytes), pathKey(latin1('caf\xe8.837')));
  assert.equal(pathKey(bytes), pathKey(latin1('caf\xe9.837')));
});

test('a file: URI spells a path of text as pathToFileURL does, and holds the bytes of one that is not UTF-8', { skip: process.platform === 'win32' && 'POSIX paths' }, () => {
  const odd = "/data/a b#c?d%e\\f\"g<h>i`j{k}l|m^n[o]p'q~r!s$t&u(v)w*x+y,z;=@:\té\u0001.837";
  assert.equal(fileUriOf(odd), pathToFileURL(odd).toString());
  assert.equal(fileUriOf(Buffer.from(odd)), pathToFileURL(odd).toString());
  assert.equal(fileUriOf(latin1('/data/caf\xe9 1.837')), 'file:///data/caf%E9%201.837');
});
