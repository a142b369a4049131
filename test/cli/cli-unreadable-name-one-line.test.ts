// Found in review: standard error names a file that cannot be read on one line (README: exit 2,
// "one line on stderr naming the file"), but printed its name raw, so a name with a line break
// split that line and a line-based reader (grep, a CI log parser) read the tail of the name as a
// line of its own. The name is now escaped as the text report escapes it (report.ts
// pathOnOneLine: a line break as \n), by check and by fix. Run in process (cli/main.ts run).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';

/** Standard error's lines, the last line break dropped. */
const linesOf = (err: string): string[] => err.replace(/\n$/, '').split('\n');

describe('a file that cannot be read is named on one line of standard error', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-unreadable-name-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('check: a missing file whose name holds a line break, with a file that is read', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,99213,1\n');
    const io = memoryIo();
    const code = await run(['check', join(dir, 'gone\nexport.837'), good], io);
    assert.equal(code, 2, io.err);
    const lines = linesOf(io.err);
    assert.equal(lines.length, 3, io.err);
    assert.ok(lines[0]!.startsWith(`claimlint: ${join(dir, 'gone\\nexport.837')}: `), lines[0]);
    assert.match(lines[1]!, /^claimlint: 1 file checked, .*; 1 file could not be read$/);
    assert.match(lines[2]!, /^claimlint: note: no NCCI table was loaded/);
  });

  test('check: a folder without claim files whose name holds a line break', { skip: process.platform === 'win32' && 'no line breaks in Windows file names' }, async () => {
    const folder = join(dir, 'empty\r\nfolder');
    mkdirSync(folder);
    const io = memoryIo();
    const code = await run(['check', folder], io);
    assert.equal(code, 0, io.err);
    const lines = linesOf(io.err);
    // The folder's note on one line, then the summary (no file checked: no built-in-only note).
    assert.equal(lines.length, 2, io.err);
    assert.ok(lines[0]!.startsWith(`claimlint: ${join(dir, 'empty\\r\\nfolder')}: no claim files in this folder`), lines[0]);
    assert.match(lines[1]!, /^claimlint: 0 files checked, .*; 1 folder held no claim files$/);
  });

  test('fix: a missing file whose name holds a line break', async () => {
    const io = memoryIo();
    const code = await run(['fix', join(dir, 'gone\nagain.837')], io);
    assert.equal(code, 2, io.err);
    const lines = linesOf(io.err);
    assert.equal(lines.length, 1, io.err);
    assert.ok(lines[0]!.startsWith(`claimlint: ${join(dir, 'gone\\nagain.837')}: `), lines[0]);
  });
});
