// The hover index of a claim file checked from disk (issue 14: files over VS Code's 50 MB limit):
// built while the file is read in pieces, it must answer a hover on every procedure code with the
// text hoverAt gives for the same code in an open document, followed by the findings on that
// line, and answer nothing anywhere else.
//
// The oracle is one analysis of the whole text: hoverAt on it, and its findings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import type { DiskIndex } from '../../server/src/core/hover/diskIndex';
import { DiskIndexBuilder } from '../../server/src/core/hover/diskIndexBuilder';
import { hoverAt } from '../../server/src/core/hover/hover';
import type { Finding, ServiceLine } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { checkFileFromDisk } from '../../server/src/lsp/diskRead';
import { FEED_BYTES } from '../../server/src/cli/stream';
import { X12Stream } from '../../server/src/core/x12/stream';
import { writeX12, type WriterClaim } from './helpers/x12-writer';
import { writeClaimsCsv, type WriterClaim as WriterCsvClaim } from './helpers/csv-writer';
import { byPosition } from '../../server/src/core/spans';
import { LineIndex } from '../../server/src/core/text';

const knowledge = emptyKnowledge(true);
const DAY = { from: 20260310, to: 20260310 };
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-disk-index-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Claims of several shapes: a conflict every 50th claim, a line with a modifier, one with no code, a date range, and institutional claims. */
function claims(count: number): WriterClaim[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `CLAIM-${i}`,
    subscriberId: `M${i % 300}`,
    lines: [
      { code: '43214', charge: '1500.00', date: DAY },
      { code: i % 50 === 3 ? '43200' : '99213', charge: '400.00', date: i % 7 === 0 ? { from: 20260301, to: 20260305 } : DAY, ...(i % 5 === 0 ? { modifiers: ['59'] } : {}) },
      ...(i % 11 === 0 ? [{ code: '76000', charge: '10.00', date: DAY, units: '3' }] : []),
    ],
  }));
}

async function indexOf(text: string, name: string): Promise<DiskIndex> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const checked = await checkFileFromDisk(path, knowledge, { index: true });
  assert.ok(checked?.index, 'an index');
  return checked.index;
}

/** The findings an analysis puts on a service line (starting in it), and those whose related locations are in it. */
function findingsOn(analysis: Analysis, line: ServiceLine): { own: Finding[]; related: Finding[] } {
  const inLine = (offset: number): boolean => offset >= line.span.start && offset <= line.span.end;
  const own = analysis.findings.filter((f) => inLine(f.span.start));
  const related = analysis.findings.filter((f) => !own.includes(f) && (f.related ?? []).some((r) => inLine(r.span.start)));
  return { own, related };
}

/** Every code position of the analysis answers as hoverAt does, then with the line's findings; the offsets around each code answer as hoverAt's code hover does. */
function assertMatches(index: DiskIndex, analysis: Analysis): { lines: number; withFindings: number } {
  let lines = 0;
  let withFindings = 0;
  const codeSpans = new Set<string>();
  for (const claim of analysis.doc.claims) {
    for (const line of claim.lines) {
      if (line.code === '') continue;
      lines++;
      codeSpans.add(`${line.codeSpan.start}:${line.codeSpan.end}`);
      const { own, related } = findingsOn(analysis, line);
      if (own.length + related.length > 0) withFindings++;
      const { start, end } = line.codeSpan;
      for (const offset of [start, (start + end) >>> 1, end]) {
        const expected = hoverAt(analysis, offset, knowledge);
        const got = index.hoverAt(offset);
        assert.ok(expected && got, `a hover at ${offset}`);
        assert.deepEqual(got.span, expected.span);
        if (own.length + related.length === 0) {
          assert.equal(got.markdown, expected.markdown, 'a line without findings: the open document hover exactly');
          continue;
        }
        assert.ok(got.markdown.startsWith(`${expected.markdown}\n\n---\n\n`), 'the open document hover, then the findings');
        const tail = got.markdown.slice(expected.markdown.length);
        for (const finding of [...own, ...related]) assert.ok(tail.includes(`\`${finding.rule}\``) && tail.includes(finding.message), `${finding.rule} at ${offset}`);
        for (const finding of related) {
          const message = finding.related!.find((r) => r.span.start >= line.span.start && r.span.start <= line.span.end)!.message;
          assert.ok(tail.includes(message), 'the related location says what it is');
        }
        assert.ok(tail.includes(analysis.doc.format === 'x12' ? `claim ${claim.index + 1}, service line ` : `line ${line.lineNumber}`), 'the line is named');
      }
    }
  }
  // Off the codes: nothing just before or just after each (unless another code is there).
  const covered = new Set<number>();
  for (const key of codeSpans) {
    const [start, end] = key.split(':').map(Number) as [number, number];
    for (let offset = start; offset <= end; offset++) covered.add(offset);
  }
  for (const key of codeSpans) {
    const [start, end] = key.split(':').map(Number) as [number, number];
    for (const offset of [start - 1, end + 1]) if (!covered.has(offset)) assert.equal(index.hoverAt(offset), null, `nothing at ${offset}`);
  }
  assert.equal(index.size, lines);
  return { lines, withFindings };
}

describe('disk index: hovers from an 837 read in pieces', () => {
  test('every code answers as the open document does, with its line findings; nothing elsewhere (several pieces)', async () => {
    const text = writeX12(claims(4_000), { transactions: 3, lineEnding: '\n' }).text;
    assert.ok(text.length > 3 * FEED_BYTES, `${text.length} characters: several pieces`);
    const index = await indexOf(text, 'pieces.837');
    const analysis = analyze(text, knowledge);
    const { lines, withFindings } = assertMatches(index, analysis);
    assert.ok(withFindings >= 2 * 48, `${withFindings} of ${lines} lines with findings: both lines of each conflict`);
    // Every offset of the first claims: a hover only on a code.
    for (let offset = 0; offset < 20_000; offset++) {
      const expected = hoverAt(analysis, offset, knowledge);
      const onCode = expected !== null && analysis.doc.claims.some((c) => c.lines.some((l) => l.code !== '' && l.codeSpan.start === expected.span.start && l.codeSpan.end === expected.span.end));
      assert.equal(index.hoverAt(offset) !== null, onCode, `offset ${offset}`);
    }
  });

  test('the conflict: the column-2 code shows the finding, the column-1 code its related location and the descriptor', async () => {
    const text = writeX12(claims(10), { lineEnding: '' }).text;
    const index = await indexOf(text, 'one-line.837');
    const claim3 = text.indexOf('CLM*CLAIM-3*');
    const columnOne = text.indexOf('HC:43214', claim3) + 3;
    const columnTwo = text.indexOf('HC:43200', claim3) + 3;
    const two = index.hoverAt(columnTwo + 2)!;
    assert.deepEqual(two.span, { start: columnTwo, end: columnTwo + 5 });
    assert.match(two.markdown, /\*\*On claim 4, service line 2\*\* \(checked from disk\)\n- \*\*Error\*\* `ptp\.conflict` 43200 should not be billed with 43214 \(service line 1\)/);
    const one = index.hoverAt(columnOne)!;
    assert.ok(one.markdown.includes('Esophagoscopy, flexible, transoral'), 'the descriptor of 43214');
    assert.match(one.markdown, /\*\*On claim 4, service line 1\*\* \(checked from disk\)\n- \*\*Error\*\* `ptp\.conflict` Column 1 code 43214 is on this line: 43200 should not be billed with 43214/);
    // A code without findings: no findings section.
    const clean = text.indexOf('HC:99213', claim3 + 1) + 3;
    assert.ok(!index.hoverAt(clean)!.markdown.includes('checked from disk'));
    // The qualifier and the modifier are not indexed codes.
    assert.equal(index.hoverAt(columnTwo - 2), null);
  });

  test('a line past a piece boundary keeps its document offsets', async () => {
    // One claim straddles each 256 KB feed: the claims after the first piece are where offsets could go wrong.
    const text = writeX12(claims(3_000), { lineEnding: '\r\n' }).text;
    const index = await indexOf(text, 'crlf.837');
    const last = text.lastIndexOf('HC:43214') + 3;
    assert.ok(last > 2 * FEED_BYTES);
    assert.deepEqual(index.hoverAt(last)?.span, { start: last, end: last + 5 });
  });
});

/** CSV claims of several shapes: a conflict every 40th claim, modifiers, a row without a code, an outpatient claim (hospital table) named on its second row. */
function csvClaims(count: number, date = 20260310): WriterCsvClaim[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `R${i}`,
    patientId: `P${i % 250}`,
    lines: [
      { code: '43214', date, units: 1, charge: 1500 },
      { code: i % 40 === 3 ? '43200' : '99213', date, units: 1, charge: 400, ...(i % 6 === 0 ? { modifiers: ['59'] } : {}) },
      ...(i % 9 === 0 ? [{ code: '', date, units: 1, charge: 10 }] : []),
    ],
  }));
}

/** The file checked from disk with its hover index, and a check that it says what analyze says of the whole text. */
async function checkedAsWhole(text: string, name: string): Promise<{ index: DiskIndex; analysis: Analysis }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const checked = await checkFileFromDisk(path, knowledge, { index: true });
  assert.ok(checked?.index, 'an index');
  const analysis = analyze(text, knowledge);
  assert.equal(checked.format, analysis.doc.format);
  assert.equal(checked.claims, analysis.doc.claims.length);
  assert.deepEqual(checked.findings.map((f) => [f.rule, f.span.start, f.span.end, f.message]), byPosition(analysis.findings).map((f) => [f.rule, f.span.start, f.span.end, f.message]));
  // Line starts from the pieces: every finding where the whole text has it.
  const whole = new LineIndex(text);
  for (const finding of checked.findings) assert.deepEqual(checked.lines.positionAt(finding.span.start), whole.positionAt(finding.span.start));
  assert.deepEqual(checked.lines.positionAt(text.length), whole.positionAt(text.length));
  return { index: checked.index, analysis };
}

describe('disk index: a claim CSV read in pieces', () => {
  test('every code answers as the open document does, with its row findings (claims whose rows interleave)', async () => {
    const text = writeClaimsCsv(
      [
        { id: 'R1', patientId: 'P1', lines: [{ code: '43214', date: 20260310, units: 1, charge: 1500 }, { code: '43200', date: 20260310, units: 1, charge: 400 }] },
        { id: 'R2', patientId: 'P2', lines: [{ code: '99213', date: 20260310, units: 1, charge: 90 }, { code: '76000', date: 20260311, units: 1, charge: 20 }] },
      ],
      { rowOrder: 'interleaved' },
    );
    const { index, analysis } = await checkedAsWhole(text, 'claims.csv');
    assert.equal(analysis.doc.format, 'csv');
    const { withFindings } = assertMatches(index, analysis);
    assert.equal(withFindings, 2);
  });

  test('several pieces: every line is indexed, not only those an edit names, and outpatient claims by the hospital table', async () => {
    const claimsWritten = csvClaims(6_000).map((claim, i) => (i % 100 === 7 ? { ...claim, claimType: '131' } : claim));
    const text = writeClaimsCsv(claimsWritten, { columns: ['claimId', 'patientId', 'claimType', 'dateOfService', 'procedureCode', 'modifiers', 'units', 'charge'] });
    assert.ok(text.length > 3 * FEED_BYTES, `${text.length} characters: several pieces`);
    const { index, analysis } = await checkedAsWhole(text, 'pieces.csv');
    assert.ok(analysis.doc.claims.some((c) => c.kind === 'institutional'), 'outpatient claims');
    const { lines, withFindings } = assertMatches(index, analysis);
    // Each 43200 line, and the first 43214 line of its patient that it conflicts with.
    assert.ok(lines >= 12_000 && withFindings > 150, `${withFindings} of ${lines} lines with findings`);
  });

  test('dates found day first after the first pieces: read again from the start, its index and line starts with it', async () => {
    const head = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge\n';
    const rows = Array.from({ length: 20_000 }, (_, i) => `C${i},P${i % 7},03/04/2026,${i % 50 === 1 ? '43200' : '43214'},1,100.00\n`);
    // A date that can only be day first, far into the file, and rows after it.
    rows.splice(15_000, 0, 'C99999,P1,25/03/2026,43214,1,100.00\n');
    const text = head + rows.join('');
    assert.ok(text.length > 6 * FEED_BYTES);
    const { index, analysis } = await checkedAsWhole(text, 'day-first.csv');
    assert.equal(analysis.doc.claims[0]!.lines[0]!.dateOfService!.from, 20260403, 'read day first');
    const { withFindings } = assertMatches(index, analysis);
    assert.ok(withFindings > 400, `${withFindings} lines with findings`);
  });

  test('a CSV with a byte-order mark: offsets after it, as the editor has them', async () => {
    const text = writeClaimsCsv(csvClaims(2_000), { bom: true });
    const { index, analysis } = await checkedAsWhole(text.slice(1), 'bom.csv').then(async (plain) => {
      const path = join(dir, 'with-bom.csv');
      writeFileSync(path, text);
      const checked = await checkFileFromDisk(path, knowledge, { index: true });
      assert.deepEqual(checked!.findings.map((f) => f.span), plain.analysis.findings.length === 0 ? [] : byPosition(plain.analysis.findings).map((f) => f.span));
      return { index: checked!.index!, analysis: plain.analysis };
    });
    assertMatches(index, analysis);
  });
});

describe('disk index: files read whole', () => {
  test('a CSV with a character outside ASCII is read whole, and indexed the same way', async () => {
    const text = writeClaimsCsv(csvClaims(500)).replace('P1,', 'Pé,');
    const { index, analysis } = await checkedAsWhole(text, 'accent.csv');
    assertMatches(index, analysis);
  });

  test('an 837 that does not start with its ISA header is read whole and indexed the same way', async () => {
    const text = `JUNK\n${writeX12(claims(60), { lineEnding: '\n' }).text}`;
    assert.equal(X12Stream.canStream(text), false);
    const index = await indexOf(text, 'text-before-isa.837');
    const { lines, withFindings } = assertMatches(index, analyze(text, knowledge));
    assert.ok(lines >= 120 && withFindings >= 2, `${lines} lines, ${withFindings} with findings`);
  });
});

describe('disk index: the builder', () => {
  test('Markdown in a finding message is shown as written, not as formatting', () => {
    const text = writeX12(claims(1), { lineEnding: '\n' }).text;
    const analysis = analyze(text, knowledge);
    const line = analysis.doc.claims[0]!.lines[0]!;
    const builder = new DiskIndexBuilder(true);
    builder.add(analysis.doc.claims);
    const index = builder.finish([{ rule: 'test.rule', severity: 'warning', message: 'SV1*HC_1 [x] <b> `y`', span: line.codeSpan }], knowledge);
    const markdown = index.hoverAt(line.codeSpan.start)!.markdown;
    assert.ok(markdown.endsWith('- **Warning** `test.rule` SV1\\*HC\\_1 \\[x\\] \\<b\\> \\`y\\`'), markdown);
    assert.equal(index.findingCount, 1);
  });

  test('about 23 bytes a service line; findings off the lines are not kept', () => {
    const text = writeX12(claims(5_000), { transactions: 5 }).text;
    const analysis = analyze(text, knowledge);
    const lines = analysis.doc.claims.reduce((n, c) => n + c.lines.length, 0);
    const bare = new DiskIndexBuilder(true);
    bare.add(analysis.doc.claims);
    const empty = bare.finish([], knowledge);
    assert.equal(empty.size, lines);
    assert.ok(empty.bytes() / lines <= 24, `${(empty.bytes() / lines).toFixed(1)} bytes a line`);

    const builder = new DiskIndexBuilder(true);
    builder.add(analysis.doc.claims);
    const offLines: Finding[] = Array.from({ length: 1000 }, () => ({ rule: 'x.claim', severity: 'error', message: 'on the claim', span: { start: 0, end: 3 } }));
    const index = builder.finish([...offLines, ...analysis.findings], knowledge);
    const onLines = analysis.findings.filter((f) => analysis.doc.claims.some((c) => c.lines.some((l) => f.span.start >= l.span.start && f.span.start <= l.span.end)));
    assert.equal(index.findingCount, onLines.length);
  });
});

describe('disk index: a claim another claim replaces or voids says so, as the open document does', () => {
  /** Mostly claims no loaded edit names a code of, so the CSV path makes the claims' patient keys up front (keysMadeUpFront). */
  function superseding(count: number): { id: string; patient: string; frequency: string; codes: string[] }[] {
    const out: { id: string; patient: string; frequency: string; codes: string[] }[] = [];
    for (let i = 0; i < count; i++) out.push({ id: `S${i}`, patient: `M${i % 97}`, frequency: '1', codes: i % 60 === 0 ? ['43214', '43200'] : ['99213'] });
    // Replaced (the original has no line an edit names), voided, a void, and a replacement of one patient's id by another patient (not the same claim).
    out.push({ id: 'S5', patient: 'M5', frequency: '7', codes: ['99214'] });
    out.push({ id: 'S60', patient: 'M60', frequency: '8', codes: ['43214'] });
    out.push({ id: 'S7', patient: 'M99', frequency: '7', codes: ['99212'] });
    out.push({ id: 'V1', patient: 'M3', frequency: '8', codes: ['99213'] });
    for (let i = count; i < count + 1500; i++) out.push({ id: `S${i}`, patient: `M${i % 97}`, frequency: '1', codes: ['99213'] });
    return out;
  }

  test('an 837 read in pieces', async () => {
    const text = writeX12(
      superseding(2500).map((c) => ({ id: c.id, subscriberId: c.patient, frequency: c.frequency, lines: c.codes.map((code) => ({ code, charge: '10.00', date: DAY })) })),
      { transactions: 2, lineEnding: '\n' },
    ).text;
    assert.ok(text.length > 3 * FEED_BYTES, 'several pieces');
    const index = await indexOf(text, 'superseded.837');
    const analysis = analyze(text, knowledge);
    assertMatches(index, analysis);
    const replaced = index.hoverAt(text.indexOf('HC:99213', text.indexOf('CLM*S5*')) + 3)!.markdown;
    assert.match(replaced, /A later claim of this patient with the same claim id replaces this one \(frequency code 7\)/);
    assert.match(index.hoverAt(text.indexOf('HC:43200', text.indexOf('CLM*S60*')) + 3)!.markdown, /voids this one \(frequency code 8\)/);
    assert.match(index.hoverAt(text.indexOf('HC:99213', text.indexOf('CLM*V1*')) + 3)!.markdown, /This claim is a void \(frequency code 8\)/);
    // Another patient's claim with the same id replaces nothing of this one.
    assert.doesNotMatch(index.hoverAt(text.indexOf('HC:99213', text.indexOf('CLM*S7*')) + 3)!.markdown, /take no part/);
  });

  test('a claim CSV read in pieces, its patients kept only for the claims that need them', async () => {
    const rows = superseding(2500);
    const text =
      'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge,Frequency\n' +
      rows.flatMap((c) => c.codes.map((code) => `${c.id},${c.patient},03/10/2026,${code},1,10.00,${c.frequency}\n`)).join('');
    assert.ok(text.length > FEED_BYTES, 'read in pieces');
    const { index, analysis } = await checkedAsWhole(text, 'superseded.csv');
    assertMatches(index, analysis);
    const rowOf = (needle: string): number => text.indexOf(needle) + needle.indexOf(',', needle.indexOf('/2026')) + 1;
    assert.match(index.hoverAt(rowOf('S5,M5,03/10/2026,99213'))!.markdown, /replaces this one \(frequency code 7\)/);
    assert.match(index.hoverAt(rowOf('S60,M60,03/10/2026,43200'))!.markdown, /voids this one \(frequency code 8\)/);
    assert.match(index.hoverAt(rowOf('V1,M3,03/10/2026,99213'))!.markdown, /This claim is a void/);
    assert.doesNotMatch(index.hoverAt(rowOf('S7,M7,03/10/2026,99213'))!.markdown, /take no part/);
  });
});
