// Found in review: `claimlint fix` says how many service lines it removed by counting the
// column-2 lines of the PTP findings the fix resolves (cli/fix.ts planFix). Fix-all removes only
// the lines a line that stays bundles (fixes.ts bundledLinesToRemove): in a chain (A bundles B, B
// bundles C) B goes and C stays, and both findings are resolved. The message then says "removed 2
// service lines" for a file that lost one, and C, which it counts as removed, is in the result.
// Run in process (cli/main.ts run), as cli-units.test.ts does. Synthetic PTP rows (not real NCCI
// edits).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { practitionerPtpText } from '../unit/helpers/ncci-tables';
import { writeX12 } from '../unit/helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };

const io = () => memoryIo();

describe('claimlint fix over a chain of indicator-0 edits', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-review-chain-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('says it removed the one line it removed', async () => {
    writeFileSync(join(dir, 'chain.txt'), practitionerPtpText(['20610\t20605\t\t20200101\t*\t0\tSynthetic', '20605\t20600\t\t20200101\t*\t0\tSynthetic']));
    const { text } = writeX12([{ id: 'C1', lines: [
      { code: '20610', charge: '100.00', date: day },
      { code: '20605', charge: '50.00', date: day },
      { code: '20600', charge: '25.00', date: day },
    ] }], { lineEnding: '\n' });
    writeFileSync(join(dir, 'claims.837'), text);
    const state = io();
    const code = await run(['fix', '--ptp', join(dir, 'chain.txt'), join(dir, 'claims.837'), '--out', join(dir, 'fixed.837')], state);
    assert.equal(code, 0, state.err);
    const fixed = readFileSync(join(dir, 'fixed.837'), 'utf8');
    // One line went (20605); 20600 conflicts with nothing once it is gone and stays.
    assert.deepEqual(fixed.match(/HC:\d+/g), ['HC:20610', 'HC:20600']);
    assert.match(state.err, /removed 1 service line\b/);
    assert.doesNotMatch(state.err, /removed 2 service lines/);
  });
});
