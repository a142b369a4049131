// An 837 saved as UTF-16LE without a byte-order mark under a name with no claim extension
// (Windows tools write "I\0S\0A\0..." to a .txt): the folder walk looks for an ISA header at the
// start of such files (claimFiles.ts startsWithIsaHeader), and read the bytes as latin-1 only, so
// it passed this one by and the run said nothing about it. It is now found, and the check says
// what it is (claimlint.encoding), as when the file is named on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { startsWithIsaHeader } from '../../server/src/cli/claimFiles';
import { memoryIo } from './memoryIo';
import { writeX12 } from '../unit/helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };
const text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100', date: DAY }] }], { lineEnding: '\r\n' }).text;

test('startsWithIsaHeader reads UTF-16LE with or without its mark, and not other text', () => {
  assert.equal(startsWithIsaHeader(Buffer.from(text, 'utf16le')), true);
  assert.equal(startsWithIsaHeader(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), true);
  assert.equal(startsWithIsaHeader(Buffer.from(text, 'latin1')), true);
  assert.equal(startsWithIsaHeader(Buffer.from('Claim ID,Patient ID\n', 'utf16le')), false);
  assert.equal(startsWithIsaHeader(Buffer.from('ISAAC NEWTON,1642\n', 'utf16le')), false);
});

test('a folder run finds a BOM-less UTF-16LE 837 named .txt and says what its encoding is', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-utf16-'));
  try {
    writeFileSync(join(dir, 'batch.txt'), Buffer.from(text, 'utf16le'));
    writeFileSync(join(dir, 'notes.txt'), 'not a claim file\n');
    const io = memoryIo();
    const code = run(['check', '--format', 'json', dir], io) as number;
    const report = JSON.parse(io.out) as { files: { path: string; findings: { rule: string }[] }[] };
    assert.deepEqual(report.files.map((f) => [f.path.split(/[\\/]/).pop(), f.findings.map((x) => x.rule)]), [['batch.txt', ['claimlint.encoding']]]);
    assert.equal(code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
