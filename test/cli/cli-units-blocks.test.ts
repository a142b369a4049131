// The CLI's own parts, in process: the check of a file read in blocks (the streamed JSON as a whole
// read gives it), the atomic write, the progress bar (with a fake terminal and clock), and run().
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAscii } from 'node:buffer';
import { decode, InputError } from '../../server/src/cli/files';
import { writeAtomically } from '../../server/src/cli/atomicWrite';
import { OutputError } from '../../server/src/cli/outputError';
import { run, type Io } from '../../server/src/cli/main';
import { withInputFindings } from '../../server/src/core/inputFindings';
import { BIG_INPUT_BYTES, Progress, SLOW_AFTER_MS } from '../../server/src/cli/progress';
import { byPosition, Positions, wantedOffsets } from '../../server/src/cli/report';
import { checkInBlocks, type BlockSizes } from '../../server/src/cli/stream';
import { interchangeHeaders } from '../../server/src/core/x12/interchangeHeaders';
import { X12SegmentIndex } from '../../server/src/core/x12/segment-index';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { anyDocumentArb, fuzzKnowledge, mutatedDocumentArb, runParameters, writeX12Scenario, x12ScenarioArb } from '../fuzz/generators';
import { writeTransactions, writeX12 } from '../unit/helpers/x12-writer';

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
    // With the guide checks, the interchanges' senders and control numbers (for the check across a run's files).
    const headers = guideChecks === 'full' && analysis.doc.x12 instanceof X12SegmentIndex ? interchangeHeaders(analysis.doc.x12, analysis.doc.interchanges) : [];
    return {
      format: analysis.doc.format,
      claims: analysis.doc.claims.length,
      serviceLines: analysis.doc.claims.reduce((sum, claim) => sum + claim.lines.length, 0),
      findings,
      positions: new Positions(text, wantedOffsets(findings, undefined, headers)),
      ...(headers.length > 0 ? { interchanges: headers } : {}),
    };
  }

  function assertSameAsWhole(bytes: Buffer, sizes: BlockSizes, guideChecks: 'envelope' | 'full' = 'envelope'): void {
    const streamed = checkInBlocks(fileOf(bytes), knowledge, quiet, sizes, undefined, guideChecks === 'full');
    assert.ok(streamed, 'read in blocks');
    const expected = wholeFile(bytes, guideChecks);
    assert.deepEqual({ ...streamed, positions: undefined }, { ...expected, positions: undefined });
    for (const offset of wantedOffsets(expected.findings, undefined, expected.interchanges)) assert.deepEqual(streamed.positions.at(offset), expected.positions.at(offset), `offset ${offset}`);
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
    // Runs on a streamable 837 (the others check nothing).
    let compared = 0;
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
          compared++;
        }),
        runParameters(300, 7402),
      );
      assert.ok(compared >= 60, `${compared} of 300 runs compared a streamed 837 with the whole file`);
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
