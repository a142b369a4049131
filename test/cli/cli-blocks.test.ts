// `claimlint check` of big files, read in blocks: the same report as a whole read, from a path or
// standard input, at every block boundary.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { writeClaimsCsv } from '../unit/helpers/csv-writer';
import { BLOCK_BYTES } from '../../server/src/cli/files';
import { toSarifUri } from '../../server/src/cli/report';
import { X12Stream } from '../../server/src/core/x12/stream';
import { json, useCliSession } from './cliSession';
import { day } from './cliFixtures';

const { claimlintAsync, file } = useCliSession('claimlint-cli-');

describe('claimlint check of big files, read in blocks', () => {
  /** The same report for standard input: the file's path (as given, and as a SARIF URI) becomes <stdin>'s. */
  function asStdin(output: string, format: 'text' | 'json' | 'sarif', path: string): string {
    if (format === 'text') return output.split(`${path}:`).join('<stdin>:');
    if (format === 'json') return output.split(`"path": ${JSON.stringify(path)}`).join('"path": "<stdin>"');
    return output.split(`"uri": ${JSON.stringify(toSarifUri(path))}`).join(`"uri": ${JSON.stringify(toSarifUri('<stdin>'))}`);
  }

  /**
   * Checks `name` from its path and the same bytes on standard input (always read whole), in each
   * format: the outputs must be the same. Returns the JSON report.
   */
  async function assertPathSameAsStdin(name: string, bytes: Buffer, formats: readonly ('json' | 'text' | 'sarif')[] = ['json']) {
    const runs = await Promise.all(formats.flatMap((format) => [claimlintAsync(['check', '--format', format, name]), claimlintAsync(['check', '--format', format, '-'], bytes)]));
    formats.forEach((format, i) => {
      const [fromPath, fromStdin] = [runs[2 * i]!, runs[2 * i + 1]!];
      assert.equal(fromPath.code, fromStdin.code, format);
      assert.ok(fromPath.stdout.includes(format === 'sarif' ? toSarifUri(name) : name), `${format} names the file`);
      assert.equal(asStdin(fromPath.stdout, format, name), fromStdin.stdout, `${format} output of ${name}`);
      assert.equal(fromPath.stderr, fromStdin.stderr, `${format} standard error of ${name}`);
    });
    return JSON.parse(runs[2 * formats.indexOf('json')]!.stdout) as ReturnType<typeof json>;
  }

  const BIG_CLAIMS = 16000;

  /** A little over 4 MB of 837P in 40 transaction sets: conflicts (indicator 0) on every seventh claim. */
  function bigClaims(): WriterClaim[] {
    return Array.from({ length: BIG_CLAIMS }, (_, i) => ({
      id: `C${i}`,
      date: day,
      lines: [
        { code: '43214', charge: '100.00' },
        { code: i % 7 === 0 ? '43200' : '99213', charge: '50.00' },
        { code: '85025', charge: '20.00' },
      ],
    }));
  }

  test('an 837 bigger than a block, with conflicts, a wrong SE01 and a missing SE: exactly what the same bytes on standard input print, in every format', async () => {
    const text = writeX12(bigClaims(), { transactions: 40, lineEnding: '\r\n' }).text;
    const broken = text.replace(/SE\*(\d+)\*0005~/, 'SE*9$1*0005~').replace(/SE\*\d+\*0031~\r\n/, '');
    assert.equal(broken.length, text.length - 'SE*0000*0031~\r\n'.length + 1);
    const bytes = Buffer.from(broken, 'latin1');
    assert.ok(bytes.length > BLOCK_BYTES, `${bytes.length} bytes: more than one block`);
    assert.ok(isAscii(bytes) && X12Stream.canStream(broken.slice(0, 4096)), 'a file that is read in blocks');
    file('big-blocks.837', bytes);
    const [report] = (await assertPathSameAsStdin('big-blocks.837', bytes, ['text', 'json', 'sarif'])).files;
    assert.deepEqual([report!.format, report!.claims, report!.serviceLines], ['x12', BIG_CLAIMS, 3 * BIG_CLAIMS]);
    const rules = new Set(report!.findings.map((f) => f.rule));
    for (const rule of ['ptp.conflict', 'x12.se01-count', 'x12.envelope-unclosed']) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(', ')}`);
    assert.equal(report!.findings.filter((f) => f.rule === 'ptp.conflict').length, Math.ceil(BIG_CLAIMS / 7));
  });

  test('a non-ASCII byte late in the file: read whole after all, decoded as UTF-8, output still the same as from standard input', async () => {
    // One line: were the é read as two latin-1 characters, every column after it would be off by one.
    const text = writeX12(bigClaims(), { transactions: 40 }).text;
    const last = text.lastIndexOf('DOE*JANE');
    const bytes = Buffer.from(text.slice(0, last) + 'DOE*J\u00c9NE' + text.slice(last + 'DOE*JANE'.length), 'utf8');
    assert.ok(bytes.findIndex((byte) => byte > 0x7f) > BLOCK_BYTES, 'the first non-ASCII byte is in a later block');
    file('big-late-utf8.837', bytes);
    const findings = (await assertPathSameAsStdin('big-late-utf8.837', bytes)).files[0]!.findings;
    const lastConflict = findings.filter((f) => f.rule === 'ptp.conflict').at(-1)!;
    assert.equal(lastConflict.range.start.line, 0);
    assert.ok(lastConflict.range.start.character > text.length - 2000, 'a conflict after the é');
  });

  test('a claim CSV bigger than a block: read whole, output the same as from standard input', async () => {
    const claims = Array.from({ length: 56000 }, (_, i) => ({
      id: `C${i}`,
      patientId: `P${i}`,
      lines: [{ code: '43214', date: 20260310, charge: 100 }, { code: i % 5 === 0 ? '43200' : '99213', date: 20260310, charge: 50 }],
    }));
    const bytes = Buffer.from(writeClaimsCsv(claims), 'latin1');
    assert.ok(bytes.length > BLOCK_BYTES, `${bytes.length} bytes`);
    file('big.csv', bytes);
    const [report] = (await assertPathSameAsStdin('big.csv', bytes)).files;
    assert.deepEqual([report!.format, report!.claims, report!.serviceLines], ['csv', 56000, 112000]);
    assert.equal(report!.findings.filter((f) => f.rule === 'ptp.conflict').length, 56000 / 5);
  });
});
