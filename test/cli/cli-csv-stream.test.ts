// `claimlint check FILE.csv` reads a claim CSV in blocks (cli/csvStream.ts): its report, in every
// format, is the one the whole-file path gives for the same bytes on standard input, alone and
// checked together with another file. Checked in process through run(), on files the test writes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkCsvInBlocks } from '../../server/src/cli/csvStream';
import { run, type Io } from '../../server/src/cli/main';
import { offsetsOf, Positions } from '../../server/src/cli/report';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { byPosition } from '../../server/src/core/spans';
import { addOnCodeTable, practitionerMueCsv } from '../unit/helpers/ncci-tables';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-csv-stream-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function check(args: readonly string[], stdin = Buffer.alloc(0)): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: (data) => (out += typeof data === 'string' ? data : Buffer.from(data).toString('utf8')),
    stderr: (text) => (err += text),
    readStdin: () => stdin,
    isTty: false,
  };
  const code = run(['check', ...args], io) as number;
  return { code, out, err };
}

/** A claim export of about `rows` rows: claims whose rows are apart, quoted notes over several lines, codes the built-in edits and the tables below name. */
function claimCsv(rows: number, seed: number, options: { eol: string; dayFirst: boolean; finalBreak: boolean }): string {
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const codes = ['43214', '43200', '76000', '43197', '99213', '97110', '11045', '11042', '0001U', '4321', ''];
  const lines = ['Claims export', '', 'Claim ID,Member ID,Date of Service,CPT,Modifiers,Units,Charge,Notes'];
  for (let i = 0; i < rows; i++) {
    const claim = `CLM${String(next(rows / 3 + 1)).padStart(8, '0')}`;
    const member = `M${String(next(rows / 5 + 1)).padStart(9, '0')}`;
    const day = 1 + next(12);
    const date = options.dayFirst && i === rows - 2 ? '25/03/2026' : next(4) === 0 ? `2026-03-${String(day).padStart(2, '0')}` : `0${1 + next(9)}/${String(day).padStart(2, '0')}/2026`;
    const note = next(6) === 0 ? `"line one${options.eol}line, two ""quoted"""` : next(9) === 0 ? '"  ,  "' : '';
    const modifiers = ['', '', '59', 'XS', '25 59'][next(5)];
    const units = ['1', '1', '2', '3', 'x', ''][next(6)];
    if (next(40) === 0) lines.push('');
    if (next(200) === 0) lines.push('Claim ID,Member ID,Date of Service,CPT,Modifiers,Units,Charge,Notes');
    lines.push(`${claim},${member},${date},${codes[next(codes.length)]},${modifiers},${units},${next(500)}.00,${note}`);
  }
  return lines.join(options.eol) + (options.finalBreak ? options.eol : '');
}

/** The report with the file's name (or standard input's, as SARIF writes it) made '<stdin>'. */
function asStdin(report: string, name: string): string {
  return report.split(`file://${name}`).join('<stdin>').split(name).join('<stdin>').split('%3Cstdin%3E').join('<stdin>');
}

describe('a claim CSV checked from its path, read in blocks', () => {
  const cases = [
    { name: 'crlf.csv', text: claimCsv(6000, 1, { eol: '\r\n', dayFirst: false, finalBreak: true }) },
    { name: 'dayfirst.csv', text: claimCsv(6000, 2, { eol: '\n', dayFirst: true, finalBreak: false }) },
    { name: 'small.csv', text: claimCsv(20, 3, { eol: '\n', dayFirst: false, finalBreak: true }) },
  ];

  it('reports what the whole-file path reports, in every format', () => {
    assert.ok(cases[0]!.text.length > 3 * 65536, 'the file is fed in several pieces');
    for (const { name, text } of cases) {
      const path = join(dir, name);
      writeFileSync(path, text, 'latin1');
      for (const format of ['text', 'json', 'sarif']) {
        const fromPath = check(['--format', format, path]);
        const fromStdin = check(['--format', format, '-'], Buffer.from(text, 'latin1'));
        assert.equal(fromPath.code, fromStdin.code);
        assert.equal(asStdin(fromPath.out, path), asStdin(fromStdin.out, '<stdin>'), `${name} ${format}`);
        assert.equal(asStdin(fromPath.err, path), fromStdin.err.split('standard input').join('<stdin>'));
      }
    }
  });

  it('reads them in blocks (small ones here) with the findings, counts and positions of analyze()', () => {
    const knowledge = emptyKnowledge(true);
    const progress = { checked: () => {}, locating: () => {} };
    for (const { name, text } of cases) {
      const path = join(dir, name);
      writeFileSync(path, text, 'latin1');
      const analysis = analyze(text, knowledge);
      const findings = byPosition(analysis.findings);
      for (const sizes of [{ block: 8192, feed: 777 }, { block: 5000, feed: 5000 }, {}]) {
        const checked = checkCsvInBlocks(path, knowledge, progress, sizes);
        assert.ok(checked !== null, `${name} is read in blocks`);
        assert.equal(checked.claims, analysis.doc.claims.length);
        assert.equal(checked.serviceLines, analysis.doc.claims.reduce((n, c) => n + c.lines.length, 0));
        assert.deepStrictEqual([...checked.findings], findings);
        const positions = new Positions(text, offsetsOf(findings));
        for (const f of findings) assert.deepStrictEqual(checked.positions.range(f.span), positions.range(f.span));
      }
    }
    const notClaims = join(dir, 'codes.csv');
    writeFileSync(notClaims, 'Code,Description\n43214,Esophagoscopy\n');
    assert.equal(checkCsvInBlocks(notClaims, knowledge, progress), null);
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, `${cases[2]!.text}é`, 'utf8');
    assert.equal(checkCsvInBlocks(utf8, knowledge, progress), null, 'not ASCII: read whole');
  });

  it('reads past a quote that never closes (1 MB on) in blocks, as the whole-file reader reads it', () => {
    const rows = ['Claim ID,Member ID,Date of Service,CPT,Units,Notes', 'C0,M0,2026-03-10,43214,1,"never closed'];
    for (let i = 0; i < 40000; i++) rows.push(`C${i % 5000},M${i % 3000},2026-03-10,${['43214', '43200', '76000', '99213'][i % 4]},1,${i % 100 === 0 ? '""' : 'note'}`);
    const text = rows.join('\n');
    assert.ok(text.length > 1.2 * 1024 * 1024);
    const path = join(dir, 'stray-quote.csv');
    writeFileSync(path, text, 'latin1');
    const knowledge = emptyKnowledge(true);
    const checked = checkCsvInBlocks(path, knowledge, { checked: () => {}, locating: () => {} }, { block: 65536, feed: 4096, maxPending: 1.1 * 1024 * 1024 });
    assert.ok(checked !== null, 'read in blocks, holding less than the record the quote would make');
    const findings = byPosition(analyze(text, knowledge).findings);
    assert.deepStrictEqual([...checked.findings], findings);
    assert.ok(findings.some((f) => f.rule === 'csv.quote-unterminated'));
  });

  it('reports what the whole-file path reports with MUE and add-on code tables loaded', () => {
    const mue = join(dir, 'MCR_MUE_PractitionerServices.csv');
    writeFileSync(mue, practitionerMueCsv(['97110,2,2 Date of Service Edit: Policy,Clinical: Data']));
    const aoc = join(dir, 'aoc.txt');
    writeFileSync(aoc, addOnCodeTable(['11045\t11042\t1\t2011001\t*\t2011001\t*\t']));
    const { name, text } = cases[0]!;
    const path = join(dir, name);
    writeFileSync(path, text, 'latin1');
    for (const tables of [['--mue', mue], ['--mue', mue, '--aoc', aoc]]) {
      const fromPath = check(['--format', 'json', ...tables, path]);
      const fromStdin = check(['--format', 'json', ...tables, '-'], Buffer.from(text, 'latin1'));
      assert.ok(fromPath.out.includes('"mue.'), 'the MUE check found something');
      assert.equal(asStdin(fromPath.out, path), fromStdin.out);
    }
  });

  it('pairs lines across files checked together as the whole-file path does', () => {
    // The same files with a character that is not ASCII at the end of their last row (its unread Notes cell) are read whole.
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text, 'utf8');
      return path;
    };
    const a = cases[0]!.text;
    const b = cases[1]!.text;
    const streamed = check(['--format', 'json', write('a.csv', a), write('b.csv', b)]);
    assert.ok(a.endsWith('\r\n') && !b.endsWith('\n'));
    const whole = check(['--format', 'json', write('a-whole.csv', `${a.slice(0, -2)}é\r\n`), write('b-whole.csv', `${b}é`)]);
    assert.ok(streamed.out.includes('b.csv, '), 'a finding names a line of the other file');
    const strip = (report: string) => JSON.parse(report.split('-whole.csv').join('.csv')).files.map((f: { findings: unknown[] }) => f.findings);
    const streamedFindings = strip(streamed.out);
    const wholeFindings = strip(whole.out);
    assert.deepStrictEqual(streamedFindings, wholeFindings);
  });

  it('leaves what it does not read to the whole-file path: not a claim CSV, UTF-16 without a byte-order mark', () => {
    const notClaims = join(dir, 'codes.csv');
    writeFileSync(notClaims, 'Code,Description\n43214,Esophagoscopy\n');
    assert.match(check([notClaims]).out, /claimlint\.unrecognized-format/);
    const utf16 = join(dir, 'utf16.csv');
    const text = 'Claim ID,Patient,DOS,CPT\nA1,P1,2026-03-10,43214\nA1,P1,2026-03-10,43200\n';
    writeFileSync(utf16, Buffer.from(text, 'utf16le'));
    const fromPath = check(['--format', 'json', utf16]);
    const fromStdin = check(['--format', 'json', '-'], Buffer.from(text, 'utf16le'));
    assert.equal(asStdin(fromPath.out, utf16), fromStdin.out);
    assert.match(fromPath.out, /claimlint\.encoding/);
  });
});
