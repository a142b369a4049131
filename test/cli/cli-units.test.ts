// The CLI's own parts, in process: argument parsing, positions (in a text and in its pieces), the
// check of a file read in blocks, the streamed JSON, decoding and encoding, the atomic write, and
// the progress bar (with a fake terminal and clock).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArguments, UsageError } from '../../server/src/cli/arguments';
import { isAscii } from 'node:buffer';
import { decode, InputError } from '../../server/src/cli/files';
import { forEachEncodedChunk, OutputError, writeAtomically } from '../../server/src/cli/atomicWrite';
import { run, type Io } from '../../server/src/cli/main';
import { withInputFindings } from '../../server/src/cli/inputFindings';
import { BIG_INPUT_BYTES, Progress, SLOW_AFTER_MS } from '../../server/src/cli/progress';
import { byPosition, createReporter, offsetsOf, Positions, toJsonFinding, toSarifUri, type FileResult } from '../../server/src/cli/report';
import { checkInBlocks, type BlockSizes } from '../../server/src/cli/stream';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { LineIndex } from '../../server/src/core/text';
import { X12Stream } from '../../server/src/core/x12/stream';
import { anyDocumentArb, fuzzKnowledge, mutatedDocumentArb, runParameters, writeX12Scenario, x12ScenarioArb } from '../fuzz/generators';
import { writeTransactions, writeX12 } from '../unit/helpers/x12-writer';

describe('parseArguments', () => {
  test('every option, in both spellings, with files and -', () => {
    assert.deepEqual(parseArguments(['check', '--format', 'sarif', '--ptp', 'a.txt', '--ptp=b.csv', '--ptp-hospital', 'h.zip', '--ptp-hospital=oph/', '--each-file', '--descriptors', 'd.csv', '--descriptors=e.tsv', '--no-builtin-edits', 'x.837', '-']), {
      command: 'check',
      format: 'sarif',
      ptpFiles: ['a.txt', 'b.csv'],
      hospitalPtpFiles: ['h.zip', 'oph/'],
      eachFile: true,
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

  /** `text` cut at the given piece lengths (cycled), with an empty piece now and then. */
  function cut(text: string, sizes: readonly number[]): string[] {
    const pieces: string[] = [];
    for (let at = 0, i = 0; at < text.length; i++) {
      const size = sizes[i % sizes.length]!;
      pieces.push(text.slice(at, at + size));
      if (i % 3 === 1) pieces.push('');
      at += size;
    }
    return pieces;
  }

  test('built from pieces of the text, it agrees with the one-text constructor for any cuts and offsets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '~', '\n', '\r', '\r\n', '\r\r', '\n\r', 'é', '😀'), { maxLength: 80 }),
        fc.array(fc.integer({ min: -3, max: 200 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
        (parts, wanted, sizes) => {
          const text = parts.join('');
          const whole = new Positions(text, wanted);
          const pieces = new Positions(cut(text, sizes), wanted);
          // Every offset, wanted or not: an unwanted one gets the nearest wanted one before it.
          for (let offset = -3; offset <= text.length + 3; offset++) assert.deepEqual(pieces.at(offset), whole.at(offset), `offset ${offset} of ${JSON.stringify(text)} cut ${sizes}`);
          for (const offset of wanted) assert.deepEqual(pieces.at(offset), whole.at(offset));
        },
      ),
      { numRuns: 500, seed: 7301 },
    );
  });

  /** The latin-1 bytes of `text` cut at the given lengths (cycled), each block at a varying offset of a buffer of its own (words read from any alignment). */
  function byteCut(text: string, sizes: readonly number[]): Uint8Array[] {
    const blocks: Uint8Array[] = [];
    for (let at = 0, i = 0; at < text.length; i++) {
      const piece = text.slice(at, at + sizes[i % sizes.length]!);
      const shift = i % 5;
      const buffer = new Uint8Array(shift + piece.length + 3);
      for (let c = 0; c < piece.length; c++) buffer[shift + c] = piece.charCodeAt(c);
      blocks.push(buffer.subarray(shift, shift + piece.length));
      at += piece.length;
    }
    return blocks;
  }

  test('built from the bytes of the text in blocks, it agrees with the one-text constructor for any cuts, alignments and offsets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '~', '\n', '\r', '\r\n', '\r\r', '\n\r', '\t', '\x0b', '\x0c', '\x0e', '\x1c', 'é', 'ÿ', 'abcdefghij'), { maxLength: 80 }),
        fc.array(fc.integer({ min: -3, max: 400 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        (parts, wanted, sizes) => {
          const text = parts.join('');
          const whole = new Positions(text, wanted);
          const bytes = new Positions({ bytes: byteCut(text, sizes) }, wanted);
          for (let offset = -3; offset <= text.length + 3; offset++) assert.deepEqual(bytes.at(offset), whole.at(offset), `offset ${offset} of ${JSON.stringify(text)} cut ${sizes}`);
          for (const offset of wanted) assert.deepEqual(bytes.at(offset), whole.at(offset));
        },
      ),
      { numRuns: 1000, seed: 7303 },
    );
  });

  test('from bytes: every offset of a long text of short lines, in one block and in blocks of any size', () => {
    const text = Array.from({ length: 300 }, (_, i) => 'x'.repeat(i % 23) + ['\n', '\r\n', '\r', '~\n'][i % 4]).join('');
    const offsets = Array.from({ length: text.length + 2 }, (_, i) => i);
    const whole = new Positions(text, offsets);
    for (const size of [1, 3, 4, 7, 64, 1000, text.length]) {
      const bytes = new Positions({ bytes: byteCut(text, [size]) }, offsets);
      for (const offset of offsets) assert.deepEqual(bytes.at(offset), whole.at(offset), `offset ${offset}, blocks of ${size}`);
    }
  });

  test('from bytes: a CR that ends one block and an LF that starts the next are one line break', () => {
    const offsets = [3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 40];
    const positions = new Positions({ bytes: byteCut('ab\r\ncd\ref\r\ng\r', [3, 4, 3, 1, 2]) }, offsets);
    const expected = [[0, 3], [1, 0], [1, 1], [2, 0], [2, 1], [2, 2], [2, 3], [3, 0], [3, 1], [4, 0], [4, 0]].map(([line, character]) => ({ line, character }));
    assert.deepEqual(offsets.map((offset) => positions.at(offset)), expected);
  });

  test('for a text without line breaks, its length alone gives what the text gives', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '~', '*', 'é'), maxLength: 80 }), fc.array(fc.integer({ min: -3, max: 120 }), { maxLength: 30 }), (text, wanted) => {
        const whole = new Positions(text, wanted);
        const oneLine = new Positions({ oneLineOf: text.length }, wanted);
        for (let offset = -3; offset <= text.length + 3; offset++) assert.deepEqual(oneLine.at(offset), whole.at(offset), `offset ${offset} of ${JSON.stringify(text)}`);
      }),
      { numRuns: 300, seed: 7302 },
    );
  });

  test('from pieces: a CR that ends one piece and an LF that starts the next are one line break', () => {
    // ab CRLF cd CR ef CRLF g CR: the CRLFs are cut between their CR and LF (with an empty piece between).
    const pieces = ['ab\r', '\ncd\r', 'ef\r', '', '\n', 'g\r'];
    const offsets = [3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 40];
    const positions = new Positions(pieces, offsets);
    const expected = [[0, 3], [1, 0], [1, 1], [2, 0], [2, 1], [2, 2], [2, 3], [3, 0], [3, 1], [4, 0], [4, 0]].map(([line, character]) => ({ line, character }));
    assert.deepEqual(offsets.map((offset) => positions.at(offset)), expected);
    const whole = new Positions(pieces.join(''), offsets);
    assert.deepEqual(offsets.map((offset) => whole.at(offset)), expected);
  });

  test('from pieces: reads no further than the last wanted offset needs', () => {
    let pulled = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield 'abc\n';
      }
    }
    const positions = new Positions(pieces(), [1, 9]);
    assert.deepEqual(positions.at(9), { line: 2, character: 1 });
    assert.equal(pulled, 3);
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
        files: results.map((r) => ({ path: r.path, format: r.format, claims: r.claims, serviceLines: r.serviceLines, findings: [...r.findings].map((f) => toJsonFinding(f, r.positions)) })),
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

describe('checkInBlocks (check of a file read in blocks)', () => {
  const knowledge = fuzzKnowledge();
  const day = { from: 20260310, to: 20260310 };
  let folder = '';
  let files = 0;

  function fileOf(bytes: Buffer | string): string {
    folder ||= mkdtempSync(join(tmpdir(), 'claimlint-blocks-'));
    const path = join(folder, `f${files++}.837`);
    writeFileSync(path, bytes);
    return path;
  }

  const quiet = { checked: () => {}, locating: () => {} };

  /** What the whole-file path makes of the same bytes: findings in order, and their positions. */
  function wholeFile(bytes: Buffer, guideChecks: 'envelope' | 'full' = 'envelope') {
    const text = decode(bytes).text;
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks });
    const findings = byPosition(withInputFindings(analysis.findings, analysis.doc.format));
    return {
      format: analysis.doc.format,
      claims: analysis.doc.claims.length,
      serviceLines: analysis.doc.claims.reduce((sum, claim) => sum + claim.lines.length, 0),
      findings,
      positions: Positions.forFindings(text, findings),
    };
  }

  function assertSameAsWhole(bytes: Buffer, sizes: BlockSizes, guideChecks: 'envelope' | 'full' = 'envelope'): void {
    const streamed = checkInBlocks(fileOf(bytes), knowledge, quiet, sizes, undefined, guideChecks === 'full');
    assert.ok(streamed, 'read in blocks');
    const expected = wholeFile(bytes, guideChecks);
    assert.deepEqual({ ...streamed, positions: undefined }, { ...expected, positions: undefined });
    for (const offset of offsetsOf(expected.findings)) assert.deepEqual(streamed.positions.at(offset), expected.positions.at(offset), `offset ${offset}`);
  }

  /** Mostly 837s, valid and broken, most without a BOM (so that they are read in blocks), and anything else. */
  const withoutBom = (text: string) => text.replace(/^\uFEFF/, '');
  const documentArb = fc.oneof(
    { weight: 3, arbitrary: x12ScenarioArb.map((scenario) => withoutBom(writeX12Scenario(scenario))) },
    { weight: 3, arbitrary: mutatedDocumentArb.filter((d) => d.scenario.format === 'x12').map((d) => withoutBom(d.text)) },
    { weight: 2, arbitrary: anyDocumentArb },
  );

  test('any document, cut into any blocks and slices: read in blocks exactly when it is ASCII with an ISA header, and then as the whole file', () => {
    try {
      fc.assert(
        fc.property(documentArb, fc.integer({ min: 128, max: 2000 }), fc.integer({ min: 1, max: 300 }), (text, block, feed) => {
          const bytes = Buffer.from(text, 'utf8');
          const path = fileOf(bytes);
          const streamed = checkInBlocks(path, knowledge, quiet, { block, feed });
          // The header is looked for in the first block.
          const streamable = bytes.length > 0 && isAscii(bytes) && X12Stream.canStream(text.slice(0, block));
          assert.equal(streamed !== null, streamable);
          if (streamed) assertSameAsWhole(bytes, { block, feed });
          rmSync(path);
        }),
        runParameters(300, 7401),
      );
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = '';
    }
  });

  test('with the guide checks full, any 837 cut into any blocks and slices gives the findings of the whole file', () => {
    // Blanks before segments and HL child flags named from a later piece are the findings that cross pieces.
    const planted = fc.tuple(documentArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\t ', 'HL*9*1*22*1~', 'N4*CITY*ZZ*1~')), { maxLength: 4 }));
    try {
      fc.assert(
        fc.property(planted, fc.integer({ min: 128, max: 2000 }), fc.integer({ min: 1, max: 300 }), ([text, plants], block, feed) => {
          for (const [n, plant] of plants) {
            const cuts = [...text.matchAll(/~\n?/g)].map((m) => m.index! + m[0].length);
            if (cuts.length > 2) {
              const at = cuts[1 + (n % (cuts.length - 2))]!;
              text = text.slice(0, at) + plant + text.slice(at);
            }
          }
          const bytes = Buffer.from(text, 'utf8');
          if (bytes.length === 0 || !isAscii(bytes) || !X12Stream.canStream(text.slice(0, block))) return;
          assertSameAsWhole(bytes, { block, feed }, 'full');
        }),
        runParameters(300, 7402),
      );
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = '';
    }
  });

  test('many transaction sets with conflicts, a wrong SE01 and a missing SE; one long transaction set; any line endings', () => {
    try {
      const claims = Array.from({ length: 60 }, (_, i) => ({
        id: `C${i}`,
        date: day,
        lines: [{ code: '43214', charge: '100.00' }, { code: i % 3 === 0 ? '43200' : '99213', charge: '50.00' }],
      }));
      for (const lineEnding of ['', '\n', '\r\n', '\r']) {
        const text = writeX12(claims, { transactions: 12, lineEnding }).text;
        const broken = text.replace(/SE\*\d+\*0003~/, 'SE*99*0003~').replace(/SE\*\d+\*0007~/, '');
        assert.notEqual(broken, text);
        for (const sizes of [{ block: 1000, feed: 97 }, { block: 4096, feed: 4096 }, {}]) assertSameAsWhole(Buffer.from(broken, 'latin1'), sizes);
        // One long transaction set, fed in slices much smaller than it.
        const long = Buffer.from(writeX12(claims, { lineEnding }).text, 'latin1');
        for (const sizes of [{ block: 512, feed: 64 }, { block: 512, feed: 7 }]) assertSameAsWhole(long, sizes);
      }
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = '';
    }
  });

  test('left to the whole-file path: empty files, CSV, X12 without ISA, a non-ASCII byte in a later block; a directory is an InputError', () => {
    try {
      const claims = Array.from({ length: 10 }, (_, i) => ({ id: `C${i}`, date: day, lines: [{ code: '43214', charge: '1.00' }] }));
      const text = writeX12(claims, { transactions: 3, lineEnding: '\n' }).text;
      assert.ok(checkInBlocks(fileOf(text), knowledge, quiet, { block: 256, feed: 16 }), 'the ASCII file is read in blocks');
      const lateByte = Buffer.from(text.replace(/DOE\*JANE(?![\s\S]*DOE\*JANE)/, 'DOE*J\u00c9NE'), 'utf8');
      assert.ok(lateByte.indexOf(0xc3) > 256 * 2, 'in the third block or later');
      assert.equal(checkInBlocks(fileOf(lateByte), knowledge, quiet, { block: 256, feed: 16 }), null);
      assert.equal(checkInBlocks(fileOf(''), knowledge, quiet), null);
      assert.equal(checkInBlocks(fileOf('Claim ID,Procedure Code\nC1,43214\n'), knowledge, quiet), null);
      assert.equal(checkInBlocks(fileOf(text.slice(text.indexOf('ST*'))), knowledge, quiet), null);
      assert.equal(checkInBlocks(fileOf('\uFEFF' + text), knowledge, quiet), null, 'a BOM is not ASCII');
      assert.throws(() => checkInBlocks(folder, knowledge, quiet), (error: unknown) => error instanceof InputError && error.message === 'is a directory, not a file');
      assert.throws(() => checkInBlocks(join(folder, 'absent.837'), knowledge, quiet), (error: unknown) => error instanceof InputError && error.message === 'no such file');
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = '';
    }
  });

  test('a file rewritten while it is checked is an InputError, not positions from the wrong text', () => {
    try {
      const claims = Array.from({ length: 10 }, (_, i) => ({ id: `C${i}`, date: day, lines: [{ code: '43214', charge: '1.00' }, { code: '43200', charge: '1.00' }] }));
      const text = writeX12(claims, { transactions: 3, lineEnding: '\n' }).text;
      const path = fileOf(text);
      // Another program writes the file between the check and the second read for positions.
      const rewrite = { checked: () => {}, locating: () => writeFileSync(path, '\n' + text) };
      assert.throws(
        () => checkInBlocks(path, knowledge, rewrite, { block: 256, feed: 64 }),
        (error: unknown) => error instanceof InputError && error.message === 'changed while it was being checked; check it again',
      );
      assert.ok(checkInBlocks(path, knowledge, quiet, { block: 256, feed: 64 }), 'the same file, left alone, is checked');
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = '';
    }
  });

  test('reports the bytes checked after each block, then that positions come next', () => {
    try {
      const body = [['BHT', '0019', '00', '1', '20260310', '1200', 'CH'] as const];
      const text = writeTransactions(Array.from({ length: 40 }, () => body), { lineEnding: '\n' }).text;
      const events: string[] = [];
      checkInBlocks(fileOf(text), knowledge, { checked: (bytes) => events.push(String(bytes)), locating: () => events.push('locating') }, { block: 1000, feed: 100 });
      const blocks = Math.ceil(text.length / 1000);
      assert.deepEqual(events, [...Array.from({ length: blocks }, (_, i) => String(Math.min((i + 1) * 1000, text.length))), 'locating']);
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = '';
    }
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

  test('a file checked in blocks moves the bar through the checking phase as its bytes are read', () => {
    const size = 10 * BIG_INPUT_BYTES;
    const { progress, writes } = fake(true, [{ path: 'big.837', size }]);
    progress.update(0, 'reading');
    progress.advance(0, 'checking', size / 2);
    assert.equal(writes.at(-1), '\rclaimlint [#########...........]  45% checking big.837 (80 MB)\x1b[K');
    progress.advance(0, 'checking', size);
    assert.equal(writes.at(-1), '\rclaimlint [################....]  80% checking big.837 (80 MB)\x1b[K');
    progress.update(0, 'writing');
    assert.equal(writes.at(-1), '\rclaimlint [##################..]  90% writing big.837 (80 MB)\x1b[K');
    const quiet = fake(false, [{ path: 'big.837', size }]);
    quiet.progress.advance(0, 'checking', size);
    assert.deepEqual(quiet.writes, []);
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

  test('a file that is only whitespace is empty (an error in the CLI); other unknown content is an error', () => {
    const cli = (text: string) => {
      const analysis = analyze(text, emptyKnowledge(true));
      return withInputFindings(analysis.findings, analysis.doc.format).map((f) => [f.rule, f.severity]);
    };
    assert.deepEqual(cli(' \r\n\t'), [['claimlint.empty-file', 'error']]);
    assert.deepEqual(cli(''), [['claimlint.empty-file', 'error']]);
    assert.deepEqual(cli('%PDF-1.4'), [['claimlint.unrecognized-format', 'error']]);
    assert.deepEqual(withInputFindings([], 'x12'), []);
  });
});
