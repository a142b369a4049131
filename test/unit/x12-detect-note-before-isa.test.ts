// An 837 with a note line above its ISA header is read as X12 whatever its delimiters. The
// tokenizer reads past the note (an ISA followed by any delimiter at the start of a later line,
// with an x12.text-before-isa warning), but the format is decided first (parse.ts detectFormat):
// the tests for an ISA at the start (x12/index.ts looksLikeX12) and for segments without a header
// (parse.ts looksLikeHeaderlessX12, `*` or `|` after the id only) left a note-prefixed file with
// `^`, `!` or `+` as its element separator without a format, so the editor showed nothing and the
// CLI said claimlint.unrecognized-format. looksLikeX12AfterNote (x12/index.ts) now takes an ISA
// header on a later line of the first 4 KB (x12/isa.ts isaOnLaterLine, the lines the tokenizer
// takes), when that header reads: other text with a line starting `ISA` and a punctuation mark is
// still no X12. Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { detectFormat } from '../../server/src/core/parse';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { run } from '../../server/src/cli/main';
import { memoryIo } from '../cli/memoryIo';
import { writeX12, type WriterDelimiters } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const claims = [{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }];

const NOTE = 'Test batch for payer A\n';

const cases: [string, Partial<WriterDelimiters>][] = [
  ['element separator ^ (component \\, repetition {)', { element: '^', component: '\\', repetition: '{' }],
  ['element separator ! (component :)', { element: '!', component: ':' }],
  ["element separator + (component :, repetition ?, terminator ')", { element: '+', component: ':', repetition: '?', segment: "'" }],
];

/** The rules the CLI reports for `text` written to a file (read whole: a file that does not start with ISA is not streamed). */
async function cliRules(text: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-note-'));
  try {
    const path = join(dir, 'note.837');
    writeFileSync(path, text, 'latin1');
    const io = memoryIo();
    await run(['check', '--format', 'json', path], io);
    const report = JSON.parse(io.out) as { files: { format: string | null; findings: { rule: string }[] }[] };
    assert.equal(report.files[0]!.format, 'x12');
    return report.files[0]!.findings.map((f) => f.rule);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('an 837 with a note line above its ISA header, whatever its element separator', () => {
  it('control: with * it is read as an 837, with the text-before-isa warning and the PTP conflict', () => {
    const { text } = writeX12(claims, { lineEnding: '\n', prefix: NOTE });
    const analysis = analyze(text, knowledge);
    assert.equal(analysis.doc.format, 'x12');
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['x12.text-before-isa', 'ptp.conflict']);
  });

  for (const [name, delimiters] of cases) {
    it(`${name}: read as an 837, as with *, in the editor and by the CLI`, async () => {
      const { text } = writeX12(claims, { delimiters, lineEnding: '\n', prefix: NOTE });
      // Without the note the file is read: only the note's handling differs.
      assert.equal(analyze(text.slice(NOTE.length), knowledge).doc.format, 'x12');
      const analysis = analyze(text, knowledge);
      assert.equal(analysis.doc.format, 'x12', 'the format is decided as for the same file with *');
      assert.equal(analysis.doc.claims.length, 1);
      assert.deepEqual(analysis.findings.map((f) => f.rule), ['x12.text-before-isa', 'ptp.conflict']);
      assert.deepEqual(await cliRules(text), ['x12.text-before-isa', 'ptp.conflict']);
    });
  }

  it('a note of several lines, blank lines and an indented ISA', () => {
    const { text } = writeX12(claims, { delimiters: { element: '^', component: '\\', repetition: '{' }, lineEnding: '\r\n', prefix: 'Batch 12\r\n\r\nPayer A, test\r\n  ' });
    assert.equal(detectFormat(text), 'x12');
    assert.deepEqual(analyze(text, knowledge).findings.map((f) => f.rule), ['x12.text-before-isa', 'ptp.conflict']);
  });
});

describe('text with a line that starts with ISA is not taken for X12 unless that line is an ISA header', () => {
  it('prose, a header cut short, a header with clashing delimiters', () => {
    const { text } = writeX12(claims, { delimiters: { element: '^', component: '\\', repetition: '{' }, lineEnding: '\n' });
    const isaLine = text.slice(0, text.indexOf('\n'));
    const texts = [
      'Notes on the batch\nISA: see the envelope guide\nGS: group header\n',
      'Notes\nISA-09 is the interchange date; ISA-10 the time.\n',
      `Notes\n${isaLine.slice(0, 60)}\n`,
      // ISA16 is the element separator.
      `Notes\n${isaLine.slice(0, isaLine.length - 1)}^\n`,
    ];
    for (const sample of texts) assert.equal(detectFormat(sample), null, JSON.stringify(sample));
  });

  it('an ISA header past the first 4 KB of text is not looked for', () => {
    const { text } = writeX12(claims, { delimiters: { element: '^', component: '\\', repetition: '{' }, lineEnding: '\n' });
    assert.equal(detectFormat(`${'a note line\n'.repeat(400)}${text}`), null);
    assert.equal(detectFormat(`${'a note line\n'.repeat(300)}${text}`), 'x12');
  });
});
