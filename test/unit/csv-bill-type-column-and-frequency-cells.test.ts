// A claim CSV with both a "Claim Type" column (Professional / Institutional) and a "Bill Type" /
// "Type of Bill" column, as UB-04 exports commonly have. Both names are claim-type names
// (columns.ts COLUMN_NAMES.claimType); the claim type column is read for the kind, and the type of
// bill beside it (header.ts ColumnLayout.typeOfBill, columns.ts TYPE_OF_BILL_NAMES) for the
// facility type (0111 inpatient: no table) and the frequency (0137 replacement, 0138 void), and
// for institutional where the claim type cell names no kind; the whole-file and the in-pieces
// reader (csv/stream.ts) agree. Also frequency cells as exports write them (claimFrequency.ts):
// "7.0" (pandas writes a numeric column so when it has blanks) and "Cancel/Void".
// Synthetic rows; the built-in 43214 set (43214/43200 is an indicator-0 pair).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { readFrequencyCell } from '../../server/src/core/csv/claimFrequency';
import { mapColumns } from '../../server/src/core/csv/columnLayout';
import { CsvStream } from '../../server/src/core/csv/stream';
import { CodingRun } from '../../server/src/core/rules/codingRun';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);
const csv = (rows: string[]) => ['Claim ID,Patient ID,Date of Service,CPT,Claim Type,Bill Type', ...rows, ''].join('\n');
const ptp = (text: string) => analyze(text, knowledge).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);

/** The rules of the PTP findings of the text read in pieces of 7 characters, as the CLI reads a file. */
function ptpStreamed(text: string): string[] {
  const run = new CodingRun(knowledge);
  const filter = run.lineFilter();
  const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: (code) => filter(code, null) || filter(code, 'institutional'), loaded: run.loaded });
  for (let at = 0; at < text.length; at += 7) assert.ok(stream.feed(text.slice(at, at + 7)));
  const result = stream.end();
  assert.ok(result !== null);
  run.addStaged(result.coded, {});
  return run.findings().filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);
}

describe('a claim CSV with a Claim Type column beside its Bill Type column', () => {
  it('maps the type of bill beside the claim type, and a lone Bill Type column as the claim type', () => {
    const both = mapColumns(['Claim ID', 'CPT', 'Type of Bill', 'Claim Type']);
    assert.equal(both.claimType, 3);
    assert.equal(both.typeOfBill, 2);
    assert.equal(both.roles[2], 'claimType');
    const alone = mapColumns(['Claim ID', 'CPT', 'Bill Type', 'TOB']);
    assert.equal(alone.claimType, 2, 'the better-ranked type-of-bill name is the claim type');
    assert.equal(alone.typeOfBill, -1);
  });

  it('a void by its type of bill (0138) withdraws the original, as without the Claim Type column', () => {
    const rows = ['A1,M1,2026-03-10,43214,Institutional,0131', 'A1,M1,2026-03-10,43200,Institutional,0131', 'A1,M1,2026-03-10,43214,Institutional,0138'];
    // Without the Claim Type column the void is read and the original's conflict is gone.
    const withoutClaimType = ['Claim ID,Patient ID,Date of Service,CPT,Bill Type', ...rows.map((r) => r.replace(',Institutional', '')), ''].join('\n');
    assert.deepEqual(ptp(withoutClaimType), []);
    assert.deepEqual(ptp(csv(rows)), [], 'the void row (Bill Type 0138) withdraws claim A1');
    assert.deepEqual(ptpStreamed(csv(rows)), [], 'read in pieces too');
    // The premise: without the void row the pair is a conflict.
    assert.deepEqual(ptp(csv(rows.slice(0, 2))), ['ptp.conflict']);
  });

  it('a replacement by its type of bill (0137) is a claim of its own that supersedes the original', () => {
    const text = csv(['A1,M1,2026-03-10,43214,Institutional,0131', 'A1,M1,2026-03-10,43200,Institutional,0131', 'A1,M1,2026-03-10,99213,Institutional,0137']);
    assert.deepEqual(analyze(text, knowledge).doc.claims.map((c) => c.id), ['A1', 'A1 (replacement)']);
    assert.deepEqual(ptp(text), []);
    assert.deepEqual(ptpStreamed(text), []);
  });

  it('an inpatient type of bill (0111) is judged by no NCCI table', () => {
    const text = csv(['A1,M1,2026-03-10,43214,Institutional,0111', 'A1,M1,2026-03-10,43200,Institutional,0111']);
    const claim = analyze(text, knowledge).doc.claims[0]!;
    assert.equal(claim.facilityType, '11', 'the facility type of the type of bill');
    assert.deepEqual(ptp(text), [], 'an inpatient bill is not paired by the outpatient hospital table');
    assert.deepEqual(ptpStreamed(text), []);
  });

  it('the claim type column names the kind; a type of bill says institutional only where it names none', () => {
    const kindOf = (claimType: string, bill: string) => {
      const analysis = analyze(csv([`A1,M1,2026-03-10,43214,${claimType},${bill}`]), knowledge);
      const claim = analysis.doc.claims[0]!;
      return { kind: claim.kind, facilityType: claim.facilityType ?? null, warned: analysis.findings.some((f) => f.rule === 'csv.claim-type-unknown') };
    };
    assert.deepEqual(kindOf('Professional', '0131'), { kind: 'professional', facilityType: null, warned: false });
    assert.deepEqual(kindOf('', '0131'), { kind: 'institutional', facilityType: '13', warned: false });
    assert.deepEqual(kindOf('Foo', '0131'), { kind: 'institutional', facilityType: '13', warned: false });
    // The type of bill's facility type before the claim type's words; those words when it has none.
    assert.deepEqual(kindOf('Institutional Inpatient', '0131'), { kind: 'institutional', facilityType: '13', warned: false });
    assert.deepEqual(kindOf('Institutional Inpatient', ''), { kind: 'institutional', facilityType: '11', warned: false });
  });
});

describe('frequency cells as exports write them', () => {
  it('reads a code written as a decimal number, and Cancel/Void', () => {
    for (const [cell, code] of [['7.0', '7'], ['8.00', '8'], [' 1.0 ', '1'], ['07.0', '7'], ['Cancel/Void', '8'], ['Void/Cancel', '8'], ['cancel-void claim', '8']] as const) {
      assert.equal(readFrequencyCell(cell), code, cell);
    }
    for (const cell of ['7.5', '70', '6.0', 'Cancel/Replace']) assert.equal(readFrequencyCell(cell), null, cell);
  });

  it('a void written 8.0 or Cancel/Void withdraws the claim, in both readers', () => {
    for (const cell of ['8.0', 'Cancel/Void']) {
      const text = [
        'Claim ID,Patient ID,Date of Service,CPT,Claim Frequency',
        'A1,M1,2026-03-10,43214,1.0',
        'A1,M1,2026-03-10,43200,',
        `A1,M1,2026-03-10,99213,${cell}`,
        '',
      ].join('\n');
      const analysis = analyze(text, knowledge);
      assert.deepEqual(analysis.findings.map((f) => f.rule), [], cell);
      assert.deepEqual(ptpStreamed(text), [], cell);
      // The premise: the original's pair is a conflict while nothing voids it.
      assert.deepEqual(ptp(text.replace(cell, '')), ['ptp.conflict']);
    }
  });
});
