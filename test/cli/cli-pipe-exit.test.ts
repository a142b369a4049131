// Found in review: when the reader of standard output goes away (`claimlint check big.837 | head`),
// the CLI exited 0 (main.ts: `process.exit(process.exitCode ?? 0)`, exitCode not yet set), although
// the findings it had already written were errors. Under `set -o pipefail` a CI step then passed
// on a file with NCCI conflicts. It now exits 141 (128 + SIGPIPE, as a shell reports `yes | head`):
// the report was cut short and the rest of the run never happened, so no verdict is claimed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, useBuiltCli } from './harness';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';

const harness = useBuiltCli('claimlint-pipe-exit-');

const DAY = { from: 20260310, to: 20260310 };

test('check | head -n 1 under pipefail: the errors found are not reported as success', { skip: process.platform === 'win32' && 'needs bash' }, () => {
  // 3,000 claims with an indicator-0 conflict each: a report far bigger than a pipe holds.
  const claims: WriterClaim[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `C${i}`,
    subscriberId: `M${i}`,
    lines: [{ code: '43214', charge: '10.00', date: DAY }, { code: '43200', charge: '5.00', date: DAY }],
  }));
  const path = join(harness.dir(), 'many.837');
  writeFileSync(path, writeX12(claims, { lineEnding: '\n' }).text);
  const whole = harness.claimlint(['check', 'many.837']);
  assert.equal(whole.code, 1, 'the file has errors');
  const piped = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${cli}" check "${path}" | head -n 1 >/dev/null`], { encoding: 'utf8' });
  assert.equal(piped.status, 141, `exit status of the pipeline: ${piped.status}; stderr: ${piped.stderr}`);
  assert.equal(piped.stderr, '', 'a reader that went away is not an error to report');
});
