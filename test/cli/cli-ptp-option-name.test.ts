// Found in review: a PTP table that stops the run was named with the wrong option. The message is
// meant to name "the option that gave it" (rulesLoading.ts), but ruleFileOption() guessed from the
// table kind: a missing --ptp-hospital file has no table kind (knowledge.ts, expand problems) and
// was reported as --ptp, and a --ptp file whose name contains "ccioph" as --ptp-hospital. The
// loaded file's record now says when it came from the hospital list (LoadedFile.hospitalList).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBuiltCli } from './harness';

const harness = useBuiltCli('claimlint-ptp-option-');

function claims(): void {
  writeFileSync(join(harness.dir(), 'claims.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,99213,1\n');
}

test('a missing --ptp-hospital table is named as --ptp-hospital', () => {
  claims();
  const run = harness.claimlint(['check', '--ptp-hospital', 'missing-hospital.txt', 'claims.csv']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^claimlint: --ptp-hospital missing-hospital\.txt: /m, run.stderr);
});

test('an unusable --ptp table whose name says ccioph is named as --ptp, the option that gave it', () => {
  claims();
  writeFileSync(join(harness.dir(), 'ccioph-notes.txt'), 'not a table\n');
  const run = harness.claimlint(['check', '--ptp', 'ccioph-notes.txt', 'claims.csv']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^claimlint: --ptp ccioph-notes\.txt: /m, run.stderr);
});
