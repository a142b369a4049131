// The CLI's own parts, in process: argument parsing, positions, the streamed JSON, decoding and
// encoding, the atomic write, and the progress bar (with a fake terminal and clock).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArguments, UsageError } from '../../server/src/cli/arguments';
import { decode, forEachEncodedChunk, OutputError, writeAtomically } from '../../server/src/cli/files';
import { inputFindings, run, type Io } from '../../server/src/cli/main';
import { BIG_INPUT_BYTES, Progress, SLOW_AFTER_MS } from '../../server/src/cli/progress';
import { createReporter, Positions, toJsonFinding, toSarifUri, type FileResult } from '../../server/src/cli/report';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { LineIndex } from '../../server/src/core/text';
import { writeX12 } from '../unit/helpers/x12-writer';

describe('parseArguments', () => {
  test('every option, in both spellings, with files and -', () => {
    assert.deepEqual(parseArguments(['check', '--format', 'sarif', '--ptp', 'a.txt', '--ptp=b.csv', '--descriptors', 'd.csv', '--descriptors=e.tsv', '--no-builtin-edits', 'x.837', '-']), {
      command: 'check',
      format: 'sarif',
      ptpFiles: ['a.txt', 'b.csv'],
      descriptorFiles: ['d.csv', 'e.tsv'],
      builtinEdits: false,
      out: null,
      files: ['x.837', '-'],
    });
    assert.deepEqual(parseArguments(['fix', '--out=y.837', 'x.837']).out, 'y.837');
    assert.deepEqual(parseArguments(['fix', 'x.837', '--out', '-']).out, '-');
    assert.deepEqual(parseArguments(['check', '--', '--odd-name.837', '-']).files, ['--odd-name.837', '-']);
    assert.equal(parseArguments(['check', '--format=json', 'x']).format, 'json');
    assert.equal(parseArguments(['--version']).command, 'version');
    assert.equal(parseArguments(['fix', '--help']).command, 'help');
  });

  test('usage errors', () => {
    for (const argv of [
      [],
      ['x.837'],
      ['--ptp', 'a', 'check'],
      ['check'],
      ['check', '--format'],
      ['check', '--format', 'csv', 'x'],
      ['check', '--ptp', '--format', 'x'],
      ['check', '--ptp='],
      ['check', '--no-builtin-edits=yes', 'x'],
      ['check', '-x', 'x'],
      ['fix', 'a', 'b'],
      ['fix', '--out', 'a', '--out', 'b', 'x'],
      ['fix', '--format', 'text', 'x'],
      ['check', '--out', 'o', 'x'],
      ['check', '-', 'a', '-'],
    ]) {
      assert.throws(() => parseArguments(argv), UsageError, JSON.stringify(argv));
    }
  });
});

describe('Positions', () => {
  test('agrees with LineIndex (LSP positions) on any mix of CR, LF and CRLF, at every offset', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '~', '\n', '\r', '\r\n', 'é', '😀'), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const offsets = Array.from({ length: text.length + 3 }, (_, i) => i - 1);
        const positions = new Positions(text, [...offsets].reverse());
        const lines = new LineIndex(text);
        for (const offset of offsets) assert.deepEqual(positions.at(Math.max(0, Math.min(offset, text.length))), lines.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
      }),
    );
  });

  test('forFindings covers spans and related spans', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const finding: Finding = { rule: 'r', severity: 'error', message: 'm', span: { start: 4, end: 9 }, related: [{ span: { start: 11, end: 12 }, message: 'x' }] };
    const positions = Positions.forFindings(text, [finding]);
    assert.deepEqual(positions.range(finding.span), { start: { line: 1, character: 1 }, end: { line: 2, character: 2 } });
    assert.deepEqual(positions.range(finding.related![0]!.span), { start: { line: 3, character: 1 }, end: { line: 3, character: 2 } });
  });
});

describe('reporters', () => {
  const knowledge = emptyKnowledge(true);

  function fileResult(path: string, text: string, findings: Finding[]): FileResult {
    return { path, format: 'x12', claims: 2, serviceLines: 3, findings, positions: Positions.forFindings(text, findings) };
  }

  const text = 'ISA~\nCLM*1~\nSV1*HC:43200~\n';
  const findings: Finding[] = [
    { rule: 'ptp.conflict', severity: 'error', message: 'm1', span: { start: 19, end: 24 }, codes: ['43214', '43200'], related: [{ span: { start: 5, end: 8 }, message: 'here' }] },
    { rule: 'x12.se01-count', severity: 'warning', message: 'multi\nline', span: { start: 0, end: 3 } },
  ];

  test('the streamed JSON is exactly JSON.stringify(report, null, 2), for no files, a clean file and files with findings', () => {
    const cases: FileResult[][] = [[], [fileResult('clean.837', text, [])], [fileResult('a.837', text, findings), fileResult('b.837', text, []), fileResult('c "q".837', text, findings.slice(0, 1))]];
    for (const results of cases) {
      let out = '';
      const reporter = createReporter('json', (chunk) => (out += chunk), knowledge, false);
      for (const result of results) reporter.file(result);
      reporter.finish();
      const expected = {
        files: results.map((r) => ({ path: r.path, format: r.format, claims: r.claims, serviceLines: r.serviceLines, findings: r.findings.map((f) => toJsonFinding(f, r.positions)) })),
      };
      assert.equal(out, JSON.stringify(expected, null, 2) + '\n');
    }
  });

  test('text lines are single lines even when a message is not', () => {
    let out = '';
    const reporter = createReporter('text', (chunk) => (out += chunk), knowledge, false);
    reporter.file(fileResult('a.837', text, findings));
    reporter.finish();
    assert.equal(out, 'a.837:3:8 error ptp.conflict m1\na.837:1:1 warning x12.se01-count multi line\n');
  });

  test('SARIF is valid JSON for any number of files and results, with rule indexes in the order rules appear', () => {
    let out = '';
    const reporter = createReporter('sarif', (chunk) => (out += chunk), knowledge, false);
    reporter.file(fileResult('a.837', text, findings));
    reporter.unreadable('gone.837', 'no such file');
    reporter.configurationProblem('t.txt:3: bad row');
    reporter.file(fileResult('b.837', text, [findings[1]!]));
    reporter.finish();
    const log = JSON.parse(out);
    const sarifRun = log.runs[0];
    assert.deepEqual(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id), ['ptp.conflict', 'x12.se01-count']);
    assert.deepEqual(sarifRun.results.map((r: { ruleIndex: number; locations: { physicalLocation: { artifactLocation: { index: number } } }[] }) => [r.ruleIndex, r.locations[0]!.physicalLocation.artifactLocation.index]), [
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
    assert.equal(sarifRun.results[0].relatedLocations[0].physicalLocation.region.startLine, 2);
    assert.equal(sarifRun.invocations[0].toolConfigurationNotifications[0].message.text, 't.txt:3: bad row');
  });

  test('SARIF URIs: relative paths with forward slashes and escapes, absolute paths as file URIs', () => {
    assert.equal(toSarifUri('claims/a b#1?.837'), 'claims/a%20b%231%3F.837');
    assert.equal(toSarifUri('claims\\x.837'), 'claims/x.837');
    assert.equal(toSarifUri('/tmp/x y.837'), 'file:///tmp/x%20y.837');
  });
});

describe('decoding and encoding', () => {
  const roundTrip = (bytes: Buffer): Buffer => {
    const decoded = decode(bytes);
    const chunks: Buffer[] = [];
    forEachEncodedChunk(decoded.text, decoded.encoding, decoded.bom, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  };

  test('ASCII, UTF-8, UTF-8 with a BOM, latin-1 and UTF-16LE with a BOM are read and written back byte for byte', () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.from('ISA*00~\n', 'latin1'), 'ascii', 'ISA*00~\n'],
      [Buffer.from('NM1*CAF\u00c9*\u00fc~', 'utf8'), 'utf8', 'NM1*CAF\u00c9*\u00fc~'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Claim ID,CPT\n\u00e9,1\n', 'utf8')]), 'utf8', 'Claim ID,CPT\n\u00e9,1\n'],
      [Buffer.from('NM1*CAF\u00c9~', 'latin1'), 'latin1', 'NM1*CAF\u00c9~'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Claim ID\tCPT\r\n\u00e9\t43214\r\n', 'utf16le')]), 'utf16le', 'Claim ID\tCPT\r\n\u00e9\t43214\r\n'],
    ];
    for (const [bytes, encoding, text] of cases) {
      const decoded = decode(bytes);
      assert.equal(decoded.encoding, encoding);
      assert.equal(decoded.text, text, 'a BOM is not part of the text');
      assert.deepEqual(roundTrip(bytes), bytes);
    }
  });

  test('any bytes survive decoding and encoding unchanged', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (array) => {
      const bytes = Buffer.from(array);
      assert.deepEqual(roundTrip(bytes), bytes);
    }));
  });

  test('a surrogate pair on a chunk boundary is not split', () => {
    const text = 'a'.repeat((1 << 20) - 1) + '😀' + 'b';
    const chunks: Buffer[] = [];
    forEachEncodedChunk(text, 'utf8', false, (chunk) => chunks.push(chunk));
    assert.ok(chunks.length >= 2);
    assert.equal(Buffer.concat(chunks).toString('utf8'), text);
  });
});

describe('writeAtomically', () => {
  function folder(): string {
    return mkdtempSync(join(tmpdir(), 'claimlint-write-'));
  }

  test('a write that fails part way leaves the target as it was and no temporary file', () => {
    const dir = folder();
    try {
      const target = join(dir, 'claims.837');
      writeFileSync(target, 'ORIGINAL');
      let calls = 0;
      assert.throws(
        () =>
          writeAtomically(target, (write) => {
            write(Buffer.from('NEW PART 1'));
            write(Buffer.from('NEW PART 2'));
          }, { afterChunk: () => { if (++calls === 1) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' }); } }),
        (error: unknown) => error instanceof OutputError && error.message === 'no space left on the device',
      );
      assert.equal(readFileSync(target, 'utf8'), 'ORIGINAL');
      assert.deepEqual(readdirSync(dir), ['claims.837']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('replaces the file a symbolic link points at, keeps the link and the mode', () => {
    const dir = folder();
    try {
      const real = join(dir, 'real.837');
      const link = join(dir, 'link.837');
      writeFileSync(real, 'OLD');
      chmodSync(real, 0o604);
      symlinkSync(real, link);
      writeAtomically(link, (write) => write(Buffer.from('NEW')));
      assert.ok(lstatSync(link).isSymbolicLink());
      assert.equal(readFileSync(real, 'utf8'), 'NEW');
      assert.equal(statSync(real).mode & 0o777, 0o604);
      assert.deepEqual(readdirSync(dir).sort(), ['link.837', 'real.837']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a target folder that does not exist is an OutputError and creates nothing', () => {
    const dir = folder();
    try {
      assert.throws(() => writeAtomically(join(dir, 'missing', 'x.837'), (write) => write(Buffer.from('x'))), (error: unknown) => error instanceof OutputError && error.message === 'no such directory');
      assert.ok(!existsSync(join(dir, 'missing')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('progress bar', () => {
  function fake(isTty: boolean, files: { path: string; size: number | null }[], columns = 80) {
    let time = 0;
    const writes: string[] = [];
    const progress = new Progress({ isTty, write: (text) => writes.push(text), now: () => time, files, columns });
    return { progress, writes, advance: (ms: number) => (time += ms) };
  }

  test('nothing at all when standard error is not a terminal', () => {
    const { progress, writes, advance } = fake(false, [{ path: 'big.837', size: 100 * BIG_INPUT_BYTES }]);
    advance(10 * SLOW_AFTER_MS);
    progress.update(0, 'checking');
    progress.finish();
    assert.deepEqual(writes, []);
  });

  test('small, quick work on a terminal draws nothing; once it has taken long, the bar appears', () => {
    const { progress, writes, advance } = fake(true, [{ path: 'a.837', size: 1000 }, { path: 'b.837', size: 3000 }]);
    progress.update(0, 'reading');
    progress.update(0, 'checking');
    progress.fileDone(0);
    assert.deepEqual(writes, []);
    advance(SLOW_AFTER_MS);
    progress.update(1, 'checking');
    assert.equal(writes.length, 1);
    assert.equal(writes[0], '\rclaimlint [#######.............]  32% 2/2 checking b.837\x1b[K');
    progress.finish();
    assert.equal(writes[1], '\r\x1b[K');
  });

  test('a big input shows the bar from the start, with its size; stdin learns its size when read', () => {
    const { progress, writes } = fake(true, [{ path: '-', size: null }]);
    progress.update(0, 'reading');
    assert.deepEqual(writes, []);
    progress.update(0, 'checking', 50 * 1024 * 1024);
    assert.equal(writes.at(-1), '\rclaimlint [##..................]  10% checking standard input (50 MB)\x1b[K');
    progress.clear();
    progress.clear();
    assert.deepEqual(writes.slice(-1), ['\r\x1b[K'], 'clear erases once');
  });

  test('a long path is cut at its start so the line never wraps', () => {
    const long = `/very/${'deep/'.repeat(40)}claims-2026.837`;
    const { progress } = fake(true, [{ path: long, size: BIG_INPUT_BYTES }], 72);
    progress.update(0, 'writing');
    const line = progress.render();
    assert.ok(line.length <= 71, line);
    assert.ok(line.endsWith('claims-2026.837 (8 MB)'), line);
    assert.ok(line.includes('…'));
  });
});

describe('run (in process)', () => {
  function io(stdin = ''): Io & { out: string; err: string } {
    const state = {
      out: '',
      err: '',
      stdout: (data: string | Uint8Array) => (state.out += typeof data === 'string' ? data : Buffer.from(data).toString('latin1')),
      stderr: (text: string) => (state.err += text),
      readStdin: () => Buffer.from(stdin, 'latin1'),
      isTty: false,
    };
    return state;
  }

  test('check of standard input and fix to standard output agree with the bundle-free code path', () => {
    const day = { from: 20260310, to: 20260310 };
    const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '10.00' }, { code: '43200', charge: '5.00' }] }], { lineEnding: '\n' });
    const check = io(text);
    assert.equal(run(['check', '--format', 'json', '-'], check), 1);
    assert.equal(JSON.parse(check.out).files[0].serviceLines, 2);
    const fix = io(text);
    assert.equal(run(['fix', '-'], fix), 0);
    assert.ok(!fix.out.includes('43200'));
    assert.ok(fix.out.includes('SE*'));
  });

  test('a file that is only whitespace is empty (a warning); other unknown content is an error', () => {
    assert.deepEqual(inputFindings(' \r\n\t', null).map((f) => [f.rule, f.severity]), [['claimlint.empty-file', 'warning']]);
    assert.deepEqual(inputFindings('%PDF-1.4', null).map((f) => [f.rule, f.severity]), [['claimlint.unrecognized-format', 'error']]);
    assert.deepEqual(inputFindings('ISA*', 'x12'), []);
  });
});
