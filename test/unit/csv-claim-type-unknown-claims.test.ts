// csv.claim-type-unknown says of a claim-type cell that names no kind "so its lines are judged by
// the practitioner table, as a professional claim". It is said only of a claim whose kind stays
// unknown once every row is read (csv/rows.ts RowParser.finish): a claim's kind may come from a
// later row, from a type of bill beside the claim type (header.ts ColumnLayout.typeOfBill), or,
// for a claim made for another frequency, from its first claim (csv/claims.ts, codedClaims.ts
// finish). Once a file, on the first cell that names none of the first such claim, so a later
// claim that really is judged as professional (B1 below) gets it when an earlier one took a kind.
// The in-pieces reader (csv/stream.ts) gives the same finding on the same cell, whichever piece
// the cell was in. Synthetic rows; the built-in 43214 set (43214/43200 is an indicator-0 pair).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { CsvStream } from '../../server/src/core/csv/stream';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { loadedTablesOf } from '../../server/src/core/rules/tablesMissing';

const knowledge = emptyKnowledge(true);
const csv = (rows: string[]) => ['Claim ID,Patient ID,Date of Service,CPT,Claim Type,Claim Frequency', ...rows, ''].join('\n');

/** The claim-type warning's claim, and the kind that claim is judged as. */
function warnedClaims(text: string): { line: number; kind: string | null; ptp: string[] }[] {
  const analysis = analyze(text, knowledge);
  return analysis.findings
    .filter((f) => f.rule === 'csv.claim-type-unknown')
    .map((f) => {
      const claim = analysis.doc.claims.find((c) => c.lines.some((l) => f.span.start >= l.recordSpan.start && f.span.start <= l.recordSpan.end))!;
      return { line: Number(/^Line (\d+)/.exec(f.message)![1]), kind: claim.kind, ptp: analysis.findings.filter((p) => p.rule.startsWith('ptp.')).map((p) => p.message.replace(/.*: NCCI (\w+( hospital)?) PTP edit.*/, '$1')) };
    });
}

/** The claim-type warnings of the whole text, with the cell each is on. */
function warnings(text: string): { finding: Finding; cell: string }[] {
  return analyze(text, knowledge)
    .findings.filter((f) => f.rule === 'csv.claim-type-unknown')
    .map((finding) => ({ finding, cell: text.slice(finding.span.start, finding.span.end) }));
}

/** The claim-type warnings of the text read in pieces of `size` characters. */
function streamedWarnings(text: string, size: number): Finding[] {
  const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: () => true, loaded: loadedTablesOf(knowledge) });
  for (let at = 0; at < text.length; at += size) assert.ok(stream.feed(text.slice(at, at + size)));
  const result = stream.end();
  assert.ok(result !== null);
  return result.findings.filter((f) => f.rule === 'csv.claim-type-unknown');
}

describe('csv.claim-type-unknown says the claim is judged by the practitioner table', () => {
  it('is not said of a claim a later row names institutional (judged by the outpatient hospital table)', () => {
    const text = csv(['A1,M1,2026-03-10,43214,Foo,', 'A1,M1,2026-03-10,43200,Hospital Outpatient,', 'B1,M2,2026-03-10,99213,Bar,']);
    // A1 is institutional (its second row names it): the one warning is B1's, whose kind stays unknown.
    assert.deepEqual(
      warnedClaims(text).map(({ line, kind }) => ({ line, kind })),
      [{ line: 4, kind: null }],
      `the warnings say practitioner table (PTP edits: ${warnedClaims(text).flatMap((w) => w.ptp).join(', ')})`,
    );
    assert.deepEqual(warnings(text).map((w) => w.cell), ['Bar']);
  });

  it("is not said of a replacement's row whose claim takes its original's institutional kind", () => {
    const text = csv(['A1,M1,2026-03-10,43214,Hospital Outpatient,1', 'A1,M1,2026-03-10,43200,Foo,7', 'A1,M1,2026-03-10,43214,,7']);
    assert.deepEqual(warnings(text), []);
  });

  it('is said of the first claim whose kind stays unknown, on its cell, once a file', () => {
    const text = csv(['A1,M1,2026-03-10,43214,Foo,', 'A1,M1,2026-03-10,43200,Hospital Outpatient,', 'B1,M2,2026-03-10,99213,Bar,', 'C1,M3,2026-03-10,99213,Baz,']);
    const found = warnings(text);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.cell, 'Bar');
    assert.match(found[0]!.finding.message, /^Line 4: /);
    assert.deepEqual(warnedClaims(text).map((w) => w.kind), [null]);
  });

  it('a type of bill beside the claim type names the kind; an unreadable one is the cell reported', () => {
    const header = 'Claim ID,Patient ID,Date of Service,CPT,Claim Type,Type of Bill';
    assert.deepEqual(warnings([header, 'A1,M1,2026-03-10,43214,Foo,0131', ''].join('\n')), []);
    const found = warnings([header, 'A1,M1,2026-03-10,43214,,Bar', ''].join('\n'));
    assert.deepEqual(found.map((w) => w.cell), ['Bar']);
  });

  it('read in pieces, gives the same finding on the same cell, whichever piece the cell was in', () => {
    const rows = ['B1,M2,2026-03-10,99213,Bar,'];
    for (let i = 0; i < 40; i++) rows.push(`A${i},M1,2026-03-10,43214,Hospital Outpatient,`);
    rows.push('B1,M2,2026-03-11,99214,,');
    const text = csv(rows);
    const whole = warnings(text).map((w) => w.finding);
    assert.equal(whole.length, 1);
    for (const size of [5, 64, 1000, text.length]) assert.deepEqual(streamedWarnings(text, size), whole, `pieces of ${size}`);
    // A claim a row in a later piece names: no finding in either reader.
    const named = text.replace('B1,M2,2026-03-11,99214,,', 'B1,M2,2026-03-11,99214,Professional,');
    assert.deepEqual(warnings(named), []);
    for (const size of [5, 64, 1000]) assert.deepEqual(streamedWarnings(named, size), [], `pieces of ${size}`);
  });
});
