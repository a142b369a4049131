// Found in a pipeline developer's review: warnings could not fail a CI run (an indicator-1
// conflict without its modifier always exited 0). --fail-on sets the least severity that makes
// the exit code 1, for check and for fix's remaining findings. Synthetic claims.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeX12 } from '../unit/helpers/x12-writer';
import { useCliSession } from './cliSession';
import { CMS_TABLE, indicatorOneClaims } from './cliFixtures';

const { claimlint, file } = useCliSession('claimlint-fail-on-');

describe('--fail-on', () => {
  test('a file with one warning (ptp.modifier-required): 0 by default and with error, 1 with warning or information', () => {
    file('ptp.txt', CMS_TABLE);
    file('review.837', writeX12(indicatorOneClaims, { lineEnding: '\n' }).text);
    const check = (...extra: string[]) => claimlint(['check', '--ptp', 'ptp.txt', ...extra, 'review.837']);
    const plain = check();
    assert.match(plain.stdout, /warning ptp\.modifier-required/);
    assert.equal(plain.code, 0);
    assert.equal(check('--fail-on', 'error').code, 0);
    assert.equal(check('--fail-on', 'warning').code, 1);
    assert.equal(check('--fail-on', 'information').code, 1);
  });

  test('fix: the indicator-1 conflict it leaves fails the run with --fail-on warning', () => {
    file('ptp.txt', CMS_TABLE);
    file('left.837', writeX12(indicatorOneClaims, { lineEnding: '\n' }).text);
    assert.equal(claimlint(['fix', '--ptp', 'ptp.txt', 'left.837']).code, 0);
    assert.equal(claimlint(['fix', '--ptp', 'ptp.txt', '--fail-on', 'warning', 'left.837']).code, 1);
  });

  test('a value that is no severity is a usage error', () => {
    const run = claimlint(['check', '--fail-on', 'warnings', 'x.837']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--fail-on must be error, warning or information, not 'warnings'/);
  });
});
