// Found in review: `fix -` and `fix --out - FILE` listed the findings they left as
// `<stdout>:23:8`, a name no editor or reader can open, even when fix changed nothing and the
// position was the input's. They are named by the text their positions count in: the input
// when fix changed nothing (`<stdin>` as check names standard input, else the file as given);
// when fix changed the text, the fixed text on standard output, whose lines may no longer be the
// input's. Run in process (cli/main.ts run).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { writeX12 } from '../unit/helpers/x12-writer';
import { CMS_TABLE, conflictClaims, indicatorOneClaims } from './cliFixtures';
import { memoryIo } from './memoryIo';

/** The `path:line:col severity rule` lines of standard error (what fix left), as path:line:col and rule. */
const findingLines = (err: string): string[] =>
  err
    .split('\n')
    .filter((line) => !line.startsWith('claimlint: ') && line !== '')
    .map((line) => line.split(' ').slice(0, 3).filter((_, i) => i !== 1).join(' '));

describe('fix to standard output names the findings it left', () => {
  let dir = '';
  let table = '';
  const review = writeX12(indicatorOneClaims, { lineEnding: '\n' }).text;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-fix-names-'));
    table = join(dir, 'ptp.txt');
    writeFileSync(table, CMS_TABLE);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('fix - that changes nothing: named <stdin>, at the positions check - gives', async () => {
    const fix = memoryIo(Buffer.from(review));
    await run(['fix', '--ptp', table, '-'], fix);
    const check = memoryIo(Buffer.from(review));
    run(['check', '--ptp', table, '-'], check);
    const left = findingLines(fix.err);
    assert.ok(left.length > 0, fix.err);
    assert.ok(left.every((line) => line.startsWith('<stdin>:')), fix.err);
    assert.deepEqual(left, findingLines(check.out));
  });

  test('fix --out - FILE that changes nothing: named by the file, as check names it', async () => {
    const path = join(dir, 'review.837');
    writeFileSync(path, review);
    const fix = memoryIo();
    await run(['fix', '--ptp', table, '--out', '-', path], fix);
    const check = memoryIo();
    run(['check', '--ptp', table, path], check);
    const left = findingLines(fix.err);
    assert.ok(left.length > 0 && left.every((line) => line.startsWith(`${path}:`)), fix.err);
    assert.deepEqual(left, findingLines(check.out));
  });

  test('fix - that removes lines: the positions are the fixed text\'s, so named <stdout>, where check of the result finds them', async () => {
    const both = writeX12([...conflictClaims, ...indicatorOneClaims], { lineEnding: '\n' }).text;
    const fix = memoryIo(Buffer.from(both));
    await run(['fix', '--ptp', table, '-'], fix);
    assert.match(fix.err, /removed 2 service lines/);
    const check = memoryIo(Buffer.from(fix.out, 'latin1'));
    run(['check', '--ptp', table, '-'], check);
    const left = findingLines(fix.err);
    assert.ok(left.length > 0, fix.err);
    assert.deepEqual(left, findingLines(check.out).map((line) => line.replace(/^<stdin>:/, '<stdout>:')));
  });
});
