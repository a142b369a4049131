// Found in review: a file with a UTF-8 byte-order mark whose other bytes are not all UTF-8 (a
// latin-1 name in an 837 an old tool wrote after a UTF-8 BOM) is decoded as latin-1 with the BOM
// bytes kept as the text's first three characters (cli/files.ts decode). The 837 reader then finds
// "ï»¿ISA" at the start, reports x12.isa-missing, reads no claims and checks no coding edits: the
// indicator-0 conflict in the file is never reported, and fix leaves it. The same file without the
// BOM, or with a BOM and a UTF-8 name, is read as the 837 it is (and the editor, which hides the
// BOM, reads it too). Run in process (cli/main.ts run), as cli-units.test.ts does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { writeX12 } from '../unit/helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };

const io = () => memoryIo();

/** The 43214 + 43200 pair (built-in indicator-0 edit), CRLF, a latin-1 0xC9 in the submitter's name, after a UTF-8 BOM. */
function bomLatin1File(): Buffer {
  const { text } = writeX12([{ id: 'C1', lines: [
    { code: '43214', charge: '100.00', date: day },
    { code: '43200', charge: '50.00', date: day },
  ] }], { lineEnding: '\r\n' });
  const withName = text.replace('SUBMITTER CLINIC', 'CLINIQUE \u00c9COLE');
  assert.notEqual(withName, text);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withName, 'latin1')]);
}

describe('an 837 with a UTF-8 BOM and a latin-1 byte', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-review-bom-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('check reads it as an 837: its claim and its PTP conflict, no isa-missing', () => {
    writeFileSync(join(dir, 'bom-latin1.837'), bomLatin1File());
    const state = io();
    const code = run(['check', '--format', 'json', join(dir, 'bom-latin1.837')], state);
    const report = JSON.parse(state.out) as { files: { format: string | null; claims: number; serviceLines: number; findings: { rule: string; range: { start: { line: number } } }[] }[] };
    const [file] = report.files;
    assert.equal(file!.format, 'x12');
    assert.deepEqual(file!.findings.map((f) => f.rule), ['ptp.conflict'], JSON.stringify(file!.findings.map((f) => f.rule)));
    assert.equal(file!.claims, 1);
    assert.equal(file!.serviceLines, 2);
    assert.equal(code, 1);
  });

  test('fix removes the bundled line and keeps the BOM, the latin-1 byte and CRLF', async () => {
    const original = bomLatin1File();
    writeFileSync(join(dir, 'fix-me.837'), original);
    const state = io();
    const code = await run(['fix', join(dir, 'fix-me.837'), '--out', join(dir, 'fixed.837')], state);
    assert.equal(code, 0, state.err);
    const fixed = readFileSync(join(dir, 'fixed.837'));
    assert.deepEqual([...fixed.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    assert.ok(fixed.includes(Buffer.from('CLINIQUE \u00c9COLE', 'latin1')), 'the latin-1 byte is kept as one byte');
    const text = fixed.toString('latin1');
    assert.ok(!text.includes('HC:43200'), 'the 43200 line is removed');
    assert.ok(text.includes('HC:43214'));
    assert.ok(!text.replace(/\r\n/g, '').includes('\n'), 'CRLF kept');
  });
});
