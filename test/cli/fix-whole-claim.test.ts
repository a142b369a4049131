// Found by a user: `fix` removed a claim whole (its only line was bundled into another claim's)
// and said only "removed 1 service line": the claim was gone without a word. It now says which.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { writeX12 } from '../unit/helpers/x12-writer';
import { memoryIo } from './memoryIo';

const day = { from: 20260310, to: 20260310 };
let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-whole-claim-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a claim whose only line is removed goes whole, and fix says so', async () => {
  const file = join(dir, 'two-claims.837');
  writeFileSync(file, writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1500.00', date: day }] }, { id: 'C2', lines: [{ code: '43200', charge: '400.00', date: day }] }]).text);
  const io = memoryIo();
  const code = await run(['fix', file], io);
  assert.equal(code, 0, io.err);
  const lines = io.err.trim().split('\n');
  assert.equal(lines[0], `claimlint: ${file}: removed 1 service line bundled into another line, resolving 1 NCCI conflict with modifier indicator 0`);
  assert.equal(lines[1], `claimlint: ${file}: claim 2 was left with no service line and removed whole`);
  assert.ok(!readFileSync(file, 'utf8').includes('CLM*C2*'), 'the claim is gone');
});
