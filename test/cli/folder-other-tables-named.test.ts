// Found in review: a CSV that is not a claim export, named on the command line AND lying in a
// folder also given, was reported as information (exit 0), as if only found in the folder; the
// message itself says a file named is an error. A file named is now judged as named, whichever
// of the two arguments comes first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';

for (const order of ['file first', 'folder first']) {
  test(`non-claim CSV named on the command line and inside a folder given (${order}): still an error`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-named-'));
    try {
      writeFileSync(join(dir, 'claims.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,99213,1\n');
      const named = join(dir, 'payments.tsv');
      writeFileSync(named, 'Batch\tDeposit\tPosted\nB1\t120.00\t03/12/2026\n');
      const io = memoryIo();
      const args = order === 'file first' ? [named, dir] : [dir, named];
      const code = run(['check', '--format', 'json', ...args], io) as number;
      const report = JSON.parse(io.out) as { files: { path: string; findings: { rule: string; severity: string }[] }[] };
      const file = report.files.find((f) => f.path.endsWith('payments.tsv'))!;
      assert.deepEqual(file.findings.map((x) => `${x.severity} ${x.rule}`), ['error claimlint.unrecognized-format']);
      assert.equal(code, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
