// The CLI's own parts, in process: argument parsing, positions (in a text and in its pieces), the
// reporters, decoding and encoding. The check of a file read in blocks, the atomic write, the
// progress bar and run() are cli-units-blocks.test.ts's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseArguments, UsageError } from '../../server/src/cli/arguments';
import { decode } from '../../server/src/cli/files';
import { forEachEncodedChunk } from '../../server/src/cli/encodedChunks';
import { createReporter, Positions, toJsonFinding, toSarifUri, type FileResult } from '../../server/src/cli/report';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge, loadKnowledge } from '../../server/src/core/rules/knowledge';
import { LineIndex } from '../../server/src/core/text';

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

  test('from bytes: LF line breaks only (a block without a CR is counted word by word from masks), in blocks of any size and alignment', () => {
    fc.assert(
      fc.property(
        // Long runs without a break, so that blocks hold whole words with and without LFs; a CR now
        // and then, so that some blocks of one text have one and others not.
        fc.array(fc.constantFrom('a', '~', '\n', '~\n', '\n\n', 'abcdefghijklmnopqrstuvwxyz0123456789', 'SV1*HC:99213*90*UN*1***1~\n'), { maxLength: 120 }),
        fc.boolean(),
        fc.array(fc.integer({ min: -3, max: 2000 }), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        (parts, withCr, wanted, sizes) => {
          // A CR LF, and a CR that may stand alone (a line break of its own).
          const text = withCr ? parts.join('').replace(/~\n/, '~\r\n').replace('a', '\r') : parts.join('');
          const whole = new Positions(text, wanted);
          const bytes = new Positions({ bytes: byteCut(text, sizes) }, wanted);
          for (let offset = -3; offset <= text.length + 3; offset++) assert.deepEqual(bytes.at(offset), whole.at(offset), `offset ${offset} of ${JSON.stringify(text)} cut ${sizes}`);
        },
      ),
      { numRuns: 500, seed: 7304 },
    );
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
  // Guide findings with their place (found in an EDI analyst's review: the JSON left out the loop and element).
  const guideFindings: Finding[] = [
    { rule: 'guide.code-invalid', severity: 'error', message: 'm3', span: { start: 6, end: 9 }, guide: { loop: '2300', element: 'CLM05-02' } },
    { rule: 'guide.loop-missing', severity: 'error', message: 'm4', span: { start: 6, end: 9 }, guide: { loop: '2010BB' } },
    { rule: 'guide.element-missing', severity: 'error', message: 'm5', span: { start: 6, end: 9 }, guide: { element: 'ISA16' } },
  ];

  // NCCI findings with the edit they stand on (a coder's review: a report gave only the codes, in an order that hinted at the roles).
  const ncciFindings: Finding[] = [
    { rule: 'ptp.conflict', severity: 'error', message: 'm6', span: { start: 19, end: 24 }, codes: ['43214', '43200'], data: { kind: 'ptp', columnOne: '43214', columnTwo: '43200', modifierIndicator: '0', table: 'practitioner', claimIndex: 1, columnTwoLine: 0, columnOneClaim: 0, columnOneLine: 0, builtin: true } },
    { rule: 'mue.exceeded', severity: 'error', message: 'm7', span: { start: 19, end: 24 }, codes: ['43200'], data: { kind: 'mue', code: '43200', value: 1, mai: 3, units: 2, lines: [{ claimIndex: 1, lineIndex: 0 }] } },
    { rule: 'aoc.primary-missing', severity: 'error', message: 'm8', span: { start: 19, end: 24 }, codes: ['43200'], data: { kind: 'aoc', addOn: '43200', type: 1, line: { claimIndex: 1, lineIndex: 0 }, primaryByAnotherProvider: true } },
  ];

  test('the streamed JSON is exactly JSON.stringify(report, null, 2), for no files, a clean file and files with findings', () => {
    const cases: FileResult[][] = [[], [fileResult('clean.837', text, [])], [fileResult('a.837', text, findings), fileResult('b.837', text, []), fileResult('c "q".837', text, findings.slice(0, 1))], [fileResult('g.837', text, guideFindings)], [fileResult('n.837', text, ncciFindings)]];
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
    /** The JSON report of one file of these findings, parsed. */
    const reportOf = (path: string, of: Finding[]) => {
      let out = '';
      const reporter = createReporter('json', (chunk) => (out += chunk), knowledge, false);
      reporter.file(fileResult(path, text, of));
      reporter.finish();
      return JSON.parse(out);
    };
    const written = reportOf('g.837', guideFindings);
    assert.deepEqual(written.files[0].findings.map((f: { guide?: object }) => f.guide), [{ loop: '2300', element: 'CLM05-02' }, { loop: '2010BB' }, { element: 'ISA16' }]);
    const ncci = reportOf('n.837', ncciFindings);
    assert.deepEqual(ncci.files[0].findings.map((f: { ncci?: object }) => f.ncci), [
      // Claimlint's built-in set, told apart from a CMS table (a re-review: the record read as CMS's edit).
      { edit: 'ptp', columnOne: '43214', columnTwo: '43200', modifierIndicator: '0', table: 'practitioner', builtIn: true },
      { edit: 'mue', code: '43200', value: 1, mai: 3, units: 2 },
      { edit: 'aoc', addOn: '43200', type: 1, primaryByAnotherProvider: true },
    ]);
    // No ncci member on a finding of no NCCI edit.
    assert.equal(written.files[0].findings[0].ncci, undefined);
  });

  test('with descriptors (quotes, a backslash, a control character, non-ASCII), the streamed JSON is exactly JSON.stringify(report, null, 2)', () => {
    const file = 'Code,Short,Long\n43214,"Synthetic ""quoted"" \\ descriptor",x\n43200,Synthétique\u0001 descriptor,y\n';
    const withDescriptors = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: ['/licensed/synthetic.csv'], readFile: () => file });
    assert.equal(withDescriptors.descriptors.get('43214')?.short, 'Synthetic "quoted" \\ descriptor');
    let out = '';
    const reporter = createReporter('json', (chunk) => (out += chunk), withDescriptors, true);
    const result = fileResult('a.837', text, findings);
    reporter.file(result);
    reporter.finish();
    const describe = (codes: readonly string[]) => {
      const found = codes.filter((code) => withDescriptors.descriptors.get(code)?.short);
      return found.length === 0 ? undefined : Object.fromEntries(found.map((code) => [code, withDescriptors.descriptors.get(code)!.short!]));
    };
    const expected = {
      files: [{ path: result.path, format: result.format, claims: result.claims, serviceLines: result.serviceLines, findings: findings.map((f) => toJsonFinding(f, result.positions, describe)) }],
    };
    assert.ok(out.includes('"43200": "Synthétique\\u0001 descriptor"'), out);
    assert.equal(out, JSON.stringify(expected, null, 2) + '\n');
  });

  test('a related location in another file of the run: written with its path and that file\'s positions, byte for byte as toJsonFinding; left out when that file is not known', () => {
    const other = 'ISA~\nCLM*2~\nNTE*X~\nSV1*HC:43214~\n';
    const otherSpan = { start: other.indexOf('43214'), end: other.indexOf('43214') + 5 };
    const crossing: Finding = {
      rule: 'ptp.conflict',
      severity: 'error',
      message: 'm',
      span: { start: 19, end: 24 },
      codes: ['43214', '43200'],
      related: [
        { span: otherSpan, message: 'in the other file', file: 0 },
        { span: { start: 5, end: 8 }, message: 'here' },
        { span: otherSpan, message: 'in a file not reported', file: 7 },
      ],
    };
    const first = { path: 'first.837', positions: new Positions(other, [otherSpan.start, otherSpan.end]) };
    const others = (file: number) => (file === 0 ? first : undefined);
    const result: FileResult = { ...fileResult('second.837', text, [crossing]), others };
    let out = '';
    const reporter = createReporter('json', (chunk) => (out += chunk), knowledge, false);
    reporter.file(result);
    reporter.finish();
    const json = toJsonFinding(crossing, result.positions, undefined, others);
    assert.deepEqual(json.related, [
      { path: 'first.837', range: { start: { line: 3, character: 7 }, end: { line: 3, character: 12 } }, message: 'in the other file' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, message: 'here' },
    ]);
    const expected = { files: [{ path: result.path, format: result.format, claims: result.claims, serviceLines: result.serviceLines, findings: [json] }] };
    assert.equal(out, JSON.stringify(expected, null, 2) + '\n');
    // Only locations in unknown files: no related member at all, as toJsonFinding gives.
    const alone: Finding = { ...crossing, related: [crossing.related![2]!] };
    let bare = '';
    const second = createReporter('json', (chunk) => (bare += chunk), knowledge, false);
    second.file({ ...fileResult('second.837', text, [alone]), others });
    second.finish();
    assert.equal(toJsonFinding(alone, result.positions, undefined, others).related, undefined);
    assert.doesNotMatch(bare, /"related"/);
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
