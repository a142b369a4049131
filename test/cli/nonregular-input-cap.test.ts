// Found in review (hostile input, claim files): a claim file that is not a regular file and never
// ends. `claimlint check /dev/zero` (or a pipe, `<(...)`, that streams more than the largest input)
// was read by readInput (files.ts) with readFileSync on the open descriptor, and only then compared
// with MAX_INPUT_BYTES: the read had no end, so the process grew until the machine or its limit
// stopped it (15 GB of RSS after 60 s here, no message). Such a file is now read as standard input
// is (readAllCapped), the cap applied while reading: "too large" naming the file, the other files
// checked, exit 2.
//
// The built CLI is run under a 3 GB address-space limit so that the current behaviour ends in a
// crash within seconds instead of exhausting the machine; a read capped at MAX_INPUT_BYTES fits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(__dirname, '../../server/out/cli.js');
const skip = (process.platform !== 'linux' || !existsSync('/dev/zero')) && 'needs Linux /dev/zero and ulimit';

test('check /dev/zero ends with "too large" naming it, not by growing without bound', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-devzero-'));
  try {
    writeFileSync(join(dir, 'empty.837'), '');
    const script = `ulimit -v 3000000; exec "$0" "$1" check /dev/zero empty.837`;
    const result = spawnSync('bash', ['-c', script, process.execPath, cli], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.error, undefined, `did not end within 60 s: ${String(result.error)}`);
    assert.equal(result.signal, null, `killed by ${result.signal}; stderr: ${result.stderr.slice(0, 400)}`);
    assert.equal(result.status, 2, result.stderr.slice(0, 400));
    // Read up to the cap, then refused: the same words as a regular file over it.
    assert.match(result.stderr, /^claimlint: \/dev\/zero: too large: the largest file Claimlint can check is \d+ MB$/m, result.stderr.slice(0, 400));
    // The other file is still checked.
    assert.match(result.stdout + result.stderr, /empty\.837/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
