// Found in review (README, Implementation guides, "Quick fixes": the certain guide and envelope
// fixes, "Set SE01 to N" among them, are "also applied by fix-all and by `claimlint fix`"; the
// usage text: "Claim counts (LX, SE01, CLM02) are kept right"). fixAllWithGuides defers a count
// fix of a transaction set that a coding fix also edits "to the next fix-all" (guides/fixes.ts),
// and cli/fix.ts runs fix-all once: a file with an indicator-0 conflict and a wrong SE01 comes out
// of `claimlint fix` with SE01 still wrong (lowered by the removed segments), fix exits 1 on an
// error it fixes itself when run a second time. Run in process (cli/main.ts run) as
// test/cli/fix-chain-message.test.ts does; synthetic claims, the built-in 43214 edits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from '../cli/memoryIo';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20261015, to: 20261015 };

/** The SE01 written, and the segments ST..SE counted, of a one-set 837. */
function se01(text: string): { written: number; counted: number } {
  const segments = text.split('~').map((s) => s.trim()).filter((s) => s !== '');
  const st = segments.findIndex((s) => s.startsWith('ST*'));
  const se = segments.findIndex((s) => s.startsWith('SE*'));
  return { written: Number(segments[se]!.split('*')[1]), counted: se - st + 1 };
}

describe('claimlint fix: a conflict and a wrong SE01 in one transaction set', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-review-doc-fix-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('one fix leaves SE01 equal to the segments of the set, and exits 0', async () => {
    const { text } = writeX12([{ id: 'C1', lines: [
      { code: '43214', charge: '100.00', date: day },
      { code: '43200', charge: '50.00', date: day },
    ] }], { lineEnding: '\n' });
    const before = se01(text);
    assert.equal(before.written, before.counted, 'the writer counts SE01 right');
    // SE01 one too high, as a hand edit that removed a segment leaves it.
    const broken = text.replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 1}*`);
    writeFileSync(join(dir, 'claims.837'), broken);
    const io = memoryIo();
    const code = await run(['fix', join(dir, 'claims.837'), '--out', join(dir, 'fixed.837')], io);
    const fixed = readFileSync(join(dir, 'fixed.837'), 'latin1');
    assert.doesNotMatch(fixed, /HC:43200/, 'the bundled line is removed');
    const after = se01(fixed);
    assert.equal(after.written, after.counted, `SE01 after one fix: ${io.err}`);
    assert.equal(code, 0, io.err);
  });
});
