// Found in review: `claimlint check outbound/` on a folder with no claim file in it exited 2 and
// summed up "0 files checked ...; 1 file could not be read", as if the folder were an unreadable
// input: a nightly job over an empty outbound folder failed. Such a folder is noted on standard
// error (what it looked for), counted apart in the summary, kept out of the report's unreadable
// inputs, and exits 0; a path that does not exist is still unreadable (exit 2). Run in process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-empty-folder-'));
  mkdirSync(join(dir, 'outbound'));
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'readme.txt'), 'nothing to bill\n');
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const LOOKED_FOR = 'no claim files in this folder (looked for .837, .837p, .837i, .837d, .x12, .edi, .csv, .tsv and files starting with ISA), so nothing in it was checked';

test('an empty folder: a note naming it and what was looked for, exit 0, nothing called unreadable', () => {
  const folder = join(dir, 'outbound');
  const io = memoryIo();
  assert.equal(run(['check', folder], io), 0, io.err);
  const lines = io.err.split('\n');
  assert.equal(lines[0], `claimlint: ${folder}: ${LOOKED_FOR}`);
  assert.equal(lines[1], 'claimlint: 0 files checked, 0 claims, 0 service lines: 0 errors, 0 warnings; 1 folder held no claim files');
  assert.doesNotMatch(io.err, /could not be read/);
  // No file was checked, so no edit was: the note that only the built-in ones were is not given.
  assert.doesNotMatch(io.err, /built-in CPT 43214/);
  assert.equal(io.out, '');
});

test('a folder of other files only, in JSON and SARIF: not in unreadable, the run successful, exit 0', () => {
  const folder = join(dir, 'notes');
  const json = memoryIo();
  assert.equal(run(['check', '--format', 'json', folder], json), 0, json.err);
  assert.deepEqual(JSON.parse(json.out), { files: [] });
  assert.match(json.err, new RegExp(`^claimlint: ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no claim files in this folder`));
  const sarif = memoryIo();
  assert.equal(run(['check', '--format', 'sarif', folder], sarif), 0, sarif.err);
  assert.equal(JSON.parse(sarif.out).runs[0].invocations[0].executionSuccessful, true);
});

test('a path that does not exist is still unreadable input: exit 2', () => {
  const io = memoryIo();
  assert.equal(run(['check', join(dir, 'no-such-folder')], io), 2, io.err);
  assert.match(io.err, /no-such-folder: no such file\n/);
  assert.match(io.err, /; 1 file could not be read\n/);
});
