// A claim CSV read in pieces (core/csv/stream.ts, the CLI's check of a CSV file) gives what
// analyze() gives for the whole text: the same claim and line counts and the same findings, on
// the same spans, in the same order; wherever the pieces are cut (a quoted field with line breaks
// and delimiters, CR LF, the header), and whichever row decides the date order.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { DateOrderChange, type DateReading } from '../../server/src/core/csv/rows';
import { closesIn, CsvStream } from '../../server/src/core/csv/stream';
import { StringTable } from '../../server/src/core/csv/stringTable';
import type { Finding } from '../../server/src/core/model';
import { AocTable } from '../../server/src/core/rules/aoc';
import { CodingRun } from '../../server/src/core/rules/codingRun';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { byPosition } from '../../server/src/core/spans';

const BUILTIN = emptyKnowledge(true);

/** The built-in edits, an MUE of 97110 and the add-on codes 11045 and 43283 (whose run keeps every line). */
const WITH_TABLES: Knowledge = (() => {
  const mue = emptyMueTables();
  mue.practitioner.add({ code: '97110', value: 2, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  mue.hospital.add({ code: '97110', value: 1, mai: 1, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'hospital' });
  const aoc = new AocTable();
  aoc.add({ addOn: '11045', primary: '11042', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt' });
  // Synthetic: 43283 paid only with 43197, which the built-in indicator-0 edit bundles into 43214.
  aoc.add({ addOn: '43283', primary: '43197', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt' });
  return { ...BUILTIN, mue, aoc };
})();

/** Only the MUE table beside the built-in edits: lines are kept by code, under either table. */
const WITH_MUE: Knowledge = { ...WITH_TABLES, aoc: new AocTable() };

interface Checked {
  claims: number;
  serviceLines: number;
  findings: Finding[];
}

/** What the CLI's whole-file path reports of a claim CSV (null when it is not one). */
function whole(text: string, knowledge: Knowledge): Checked | null {
  const analysis = analyze(text, knowledge);
  if (analysis.doc.format !== 'csv') return null;
  const claims = analysis.doc.claims;
  return { claims: claims.length, serviceLines: claims.reduce((n, c) => n + c.lines.length, 0), findings: byPosition(analysis.findings) };
}

/** The same read in pieces of `sizes` characters (cycled), as cli/csvStream.ts does; null when the stream gives up. */
function streamed(text: string, knowledge: Knowledge, sizes: readonly number[], maxPending?: number, quoteCheck = 64): Checked | null {
  const run = new CodingRun(knowledge);
  const filter = run.lineFilter();
  const keep = (code: string) => filter(code, null) || filter(code, 'institutional');
  let dates: DateReading = { order: 'month-first', settled: false };
  for (let attempt = 0; ; attempt++) {
    assert.ok(attempt < 3, 'the date order changes at most twice');
    try {
      const unitsCounted = run.countsUnits;
      const loaded = run.loaded;
      const stream = new CsvStream(maxPending === undefined ? { dates, keep, quoteCheck, unitsCounted, loaded } : { dates, keep, quoteCheck, unitsCounted, loaded, maxPending });
      const asked = new Set<number>();
      let ok = true;
      for (let at = 0, k = 0; ok && at < text.length; k++) {
        const size = sizes[k % sizes.length]!;
        ok = stream.feed(text.slice(at, at + size));
        at += size;
        const quote = stream.openQuote;
        if (quote >= 0 && !asked.has(quote)) {
          asked.add(quote);
          // The rest of the text in pieces of 5, as the CLI reads the rest of the file.
          const rest = text.slice(quote + 1);
          const pieces = Array.from({ length: Math.ceil(rest.length / 5) }, (_, i) => rest.slice(i * 5, i * 5 + 5));
          if (!closesIn(pieces)) stream.neverClosed(quote);
        }
      }
      const result = ok ? stream.end() : null;
      if (result === null) return null;
      run.addStaged(result.coded, {});
      return { claims: result.claims, serviceLines: result.serviceLines, findings: byPosition(result.findings.concat(run.findings())) };
    } catch (error) {
      if (!(error instanceof DateOrderChange)) throw error;
      dates = error.next;
    }
  }
}

function assertSame(text: string, sizes: readonly number[], knowledge: Knowledge = BUILTIN): void {
  const expected = whole(text, knowledge);
  const actual = streamed(text, knowledge, sizes);
  assert.ok(expected !== null, 'the test file is a claim CSV');
  assert.deepStrictEqual(actual, expected);
}

/** Every piece size from 1 to `upTo`, and the whole text at once. */
function assertSameForEveryCut(text: string, knowledge: Knowledge = BUILTIN, upTo = 40): void {
  for (let size = 1; size <= upTo; size++) assertSame(text, [size], knowledge);
  assertSame(text, [text.length + 1], knowledge);
  assertSame(text, [3, 1, 7, 2, 64], knowledge);
}

const HEADER = 'Claim ID,Patient ID,Date of Service,CPT,Modifiers,Units,Charge,Notes';

describe('a claim CSV read in pieces', () => {
  it('a claim id of two patients: a row without a patient continues the row before, cut anywhere', () => {
    // The row after P2's continues P2's claim (the previous row's), also when a piece ends before it.
    assertSameForEveryCut(`${HEADER}\nC2,P1,2026-03-10,43214,,1,10.00,\nC2,P2,2026-03-10,43214,,1,10.00,\nC2,,2026-03-10,43200,,1,10.00,\n`);
  });

  it('reports the same modifier cells whichever rows are kept as lines, cut anywhere', () => {
    // 99999 takes part in no edit (its line is not kept when streamed); its cell is checked all the same.
    const text = `${HEADER}\nC1,P1,2026-03-10,43214,591,1,10.00,\nC1,P1,2026-03-10,99999,"25 5",1,10.00,\nC1,P1,2026-03-10,99999,NULL,1,10.00,\nC2,P2,2026-03-10,43200,26 LT 76 77 XS,1,10.00,\n`;
    assert.equal(whole(text, BUILTIN)!.findings.filter((f) => f.rule === 'csv.modifier-invalid').length, 3);
    assertSameForEveryCut(text);
  });

  it('finds the conflicts of claims whose rows are not adjacent, with the rows between', () => {
    const text = [
      HEADER,
      'C1,P1,2026-03-10,43214,,1,900.00,',
      'C2,P2,2026-03-10,99213,25,1,100.00,',
      'C1,P1,2026-03-10,43200,,1,300.00,"a note, with a delimiter',
      'and a line break"',
      'C2,P2,2026-03-10,76000,,1,50.00,',
      'C3,P2,2026-03-10,43214,,1,900.00,',
      'C1,,2026-03-10,76000,59,1,50.00,""""',
      '',
    ].join('\n');
    const checked = streamed(text, BUILTIN, [5]);
    assert.ok(checked !== null);
    assert.ok(checked.findings.some((f) => f.rule.startsWith('ptp.')), 'the conflict across non-adjacent rows is found');
    assertSameForEveryCut(text);
  });

  it('reads quoted fields holding line breaks, delimiters and quotes across every cut, with CR LF', () => {
    const text =
      'Claim ID;Patient;DOS;CPT;Units;Comment\r\n' +
      'A;X;03/10/2026;43214;1;"first\r\nsecond; third ""quoted""\r\n"\r\n' +
      'A;X;03/10/2026;43200;1;"  ;;  "\r\n' +
      'B;Y;03/11/2026;4320;x;"unterminated? no"\r\n' +
      'B;Y;03/11/2026;76000;2;\r\n';
    assertSameForEveryCut(text);
  });

  it('reads the dates day first when a late row can only be read so, and month first again when another row mixes the orders', () => {
    const rows = ['Claim ID,Patient ID,Date of Service,CPT'];
    for (let i = 0; i < 30; i++) rows.push(`C${i},P${i % 3},0${(i % 9) + 1}/0${(i % 7) + 1}/2026,${i % 2 ? '43214' : '43200'}`);
    const dayFirst = [...rows, 'C99,P1,25/03/2026,43214', 'C99,P1,25/03/2026,76000'].join('\n');
    assertSameForEveryCut(dayFirst);
    assert.ok(streamed(dayFirst, BUILTIN, [8])!.findings.length > 0);
    const mixed = [...rows, 'C99,P1,25/03/2026,43214', 'C98,P1,03/25/2026,43214', 'C98,P1,13/02/2026,76000'].join('\n');
    assertSameForEveryCut(mixed);
  });

  it('skips a title preamble, blank rows and repeated header rows, and reads a file without a final line break', () => {
    const text = [
      'Claims export',
      'Run date,2026-03-12',
      '',
      HEADER,
      'C1,P1,2026-03-10,43214,,1,900.00,',
      ',,,,,,,',
      '   ',
      HEADER,
      'C1,P1,2026-03-10,43200,,1,300.00,',
      'C2,P1,2026-03-10,76000,,1,50.00,',
    ].join('\r\n');
    assertSameForEveryCut(text);
  });

  it('counts rows without a code, and rows that end before the code column', () => {
    const text = [HEADER, 'C1,P1,2026-03-10,,,1,10.00,', 'C1,P1,2026-03-10', 'C1,P1,2026-03-10,43214', 'C2,P1,2026-03-10,76000,XS', ''].join('\n');
    assertSameForEveryCut(text);
    assert.equal(streamed(text, BUILTIN, [4])!.serviceLines, 3);
  });

  it('finds a header whose generic code column is confirmed only by rows past the first 16 KB', () => {
    const rows = ['Claim ID,Patient ID,Code,Notes'];
    for (let i = 0; i < 19; i++) rows.push(`C${i},P1,none,${'n'.repeat(2000)}`);
    rows.push('C1,P1,43214,', 'C1,P1,43200,');
    const text = rows.join('\n');
    const actual = streamed(text, BUILTIN, [4096]);
    assert.ok(actual !== null && actual.claims > 0, 'read in pieces');
    assert.deepStrictEqual(actual, whole(text, BUILTIN));
  });

  it('groups rows by patient and date without a claim id column, and notes a file with neither', () => {
    assertSameForEveryCut(['Patient ID,DOS,CPT,Units', 'P1,2026-03-10,43214,1', ',,43200,1', 'P2,2026-03-10,76000,1', 'P1,2026-03-10,76000,1', ''].join('\n'));
    assertSameForEveryCut(['DOS,CPT,Units', '2026-03-10,43214,1', '2026-03-10,43200,1', '', '2026-03-11,76000,1'].join('\n'));
  });

  it('reads the claim type a later row of the claim names, for the MUE and add-on code checks', () => {
    const text = [
      'Claim ID,Member ID,Claim Type,DOS,CPT,Units',
      'C1,M1,,2026-03-10,97110,3',
      'C2,M1,,2026-03-10,11045,1',
      'C1,M1,institutional,2026-03-10,97110,2',
      'C2,M1,,2026-03-10,43214,1',
      'C3,M1,0131,2026-03-10,11045,1',
      'C3,M1,,2026-03-10,11042,1',
      '',
    ].join('\n');
    for (const knowledge of [WITH_TABLES, WITH_MUE]) assertSameForEveryCut(text, knowledge, 12);
  });

  it('reads an unterminated quote as an ordinary character, as the whole-file reader does', () => {
    assertSameForEveryCut([HEADER, 'C1,P1,2026-03-10,43214,,1,900.00,"never closed', 'C1,P1,2026-03-10,43200,,1,300.00,', ''].join('\n'));
    assertSameForEveryCut([HEADER, 'C1,P1,2026-03-10,43214,,1,900.00,"closed "" later', 'C1,P1,"2026-03-10",43200,,1,300.00,"x', ''].join('\n'));
  });

  it('reads on past a quote that never closes once the rest of the file shows it, holding no more than the records after it', () => {
    const rows = [HEADER, 'C1,P1,2026-03-10,43214,,1,900.00,"never closed, then ""pairs"" only'];
    for (let i = 0; i < 400; i++) rows.push(`C${i % 9},P${i % 4},2026-03-10,${['43214', '43200', '76000', '99213'][i % 4]},,1,1.00,${i % 50 === 0 ? '""' : 'x'}`);
    const text = rows.join('\r\n');
    for (const sizes of [[7], [64], [1, 300]]) assert.deepStrictEqual(streamed(text, BUILTIN, sizes, 1000, 100), whole(text, BUILTIN));
    assert.ok(whole(text, BUILTIN)!.findings.some((f) => f.rule === 'csv.quote-unterminated'));
    assert.equal(closesIn(['ab', '""', 'c']), false);
    assert.equal(closesIn(['ab"', '"c"', 'x']), true);
    assert.equal(closesIn(['ab"']), true);
    assert.equal(closesIn(['"', '"', '"']), true);
  });

  it('gives up, for the whole-file path, on a file that is not a claim CSV, and on a record longer than it holds', () => {
    for (const text of ['Code,Description\n43214,Esophagoscopy\n', 'ISA*00*          *00*\n', '', '\n\n', 'just some words\n', 'Claim ID,CPT\n']) {
      const expected = whole(text, BUILTIN);
      const actual = streamed(text, BUILTIN, [3]);
      // A header that names no procedure code column is a claim CSV without claims; the rest are not claim CSVs.
      assert.deepStrictEqual(actual, expected, JSON.stringify(text));
    }
    const huge = `${HEADER}\nC1,P1,2026-03-10,43214,,1,900.00,"${'a long note, over lines\r\n'.repeat(30000)}"\nC1,P1,2026-03-10,43200,,1,1,\n`;
    assert.deepStrictEqual(streamed(huge, BUILTIN, [4096]), whole(huge, BUILTIN), 'a record of 700 KB waits for its end');
    const long = `${HEADER}\nC1,P1,2026-03-10,43214,,1,900.00,"${'x\n'.repeat(200)}"\nC1,P1,2026-03-10,43200,,1,1,\n`;
    assert.equal(streamed(long, BUILTIN, [16], 100), null);
    assert.equal(streamed(long, BUILTIN, [16], 100, 50), null, 'the quote closes: the record is long');
    assert.deepStrictEqual(streamed(long, BUILTIN, [16], 1000), whole(long, BUILTIN));
  });

  it('the shapes found in review: carried dates, dotted dates, decimal commas, Excel text formulas, CPT and HCPCS columns, header synonyms', () => {
    // A row without a date carries the row before's, and is checked on it (the MUE sums both rows).
    const carried = ['Patient,DOS,CPT,Units', 'P1,03/12/2026,43214,1', ',,43200,1', 'P1,03/12/2026,97110,2', ',,97110,2', 'P2,,97110,1', ''].join('\n');
    assert.ok(streamed(carried, WITH_TABLES, [7])!.findings.some((f) => f.rule === 'mue.exceeded'));
    assert.ok(streamed(carried, BUILTIN, [7])!.findings.some((f) => f.rule === 'ptp.conflict'));
    // Dotted dates make the file day first wherever they come (here after rows of slashed dates).
    const dotted = ['Claim;Patient;DOS;CPT;Units', '1;P1;03/04/2026;43214;1', '2;P1;04/03/2026;43200;1', '2;P1;04.03.2026;43214;1', ''].join('\n');
    assert.ok(streamed(dotted, BUILTIN, [5])!.findings.some((f) => f.rule === 'ptp.conflict'));
    // With a claim-id column, a row of the claim before with its date cell empty takes that row's date; one of another claim has none (csv.date-missing).
    const carriedById = ['Claim ID,Patient ID,DOS,CPT,Units', 'K1,P1,10/15/2026,43214,1', ',,,43200,1', 'K1,P1,,76000,1', 'K2,P1,,43200,1', ''].join('\n');
    const byId = streamed(carriedById, BUILTIN, [9])!.findings.map((f) => f.rule);
    assert.deepEqual(byId, ['ptp.conflict', 'ptp.conflict', 'csv.date-missing']);
    // Patients of one subscriber id told apart by name and date of birth (patientCells.ts): no pair across them; one name's claims pair.
    const family = ['Claim ID,Subscriber ID,Patient Name,DOB,DOS,CPT,Units', 'A,SUB123,"Doe, Mary",01/02/1980,10/15/2026,43214,1', 'B,SUB123,"Doe, Tim",03/04/2015,10/15/2026,43200,1', 'C,SUB123,"DOE, MARY",01/02/1980,10/15/2026,43200,1', 'A,SUB123,"Doe, Tim",03/04/2015,10/15/2026,97110,5', ''].join('\n');
    assert.deepEqual(streamed(family, BUILTIN, [11])!.findings.map((f) => f.rule), ['ptp.conflict']);
    // A claim naming its patient on its first row only (patientCells.ts samePatient): one claim, one patient.
    const firstRowOnly = ['Claim ID,Patient ID,Patient Name,DOB,DOS,CPT', 'K1,P1,"Doe, Jane",01/02/1980,10/15/2026,43214', 'K1,P1,,,,43200', 'K2,P1,"DOE,JANE",1/2/1980,10/15/2026,43235', ''].join('\n');
    assert.deepEqual(streamed(firstRowOnly, BUILTIN, [13])!.findings.map((f) => f.rule), ['ptp.conflict'], 'K1\'s 43200 with its 43214: no date missing, no second patient');
    const texts = [
      carried,
      carriedById,
      family,
      firstRowOnly,
      dotted,
      ['Claim;Patient;DOS;CPT;Units;Charge', '1;P1;2026-03-12;97110;6;600,00', '1;P1;2026-03-12;43214;1;1.250,00', '2;P1;2026-03-12;43200;1;600,00 EUR', '2;P1;2026-03-12;43214;1;1,250.00', ''].join('\r\n'),
      ['Claim,Patient,DOS,CPT,Units,Modifiers', '="00123",="000456",="03/12/2026",="43214",="1",', '="00123",="000456",03/12/2026,"=""43200""",1,="59"', '="00124",P1,03/12/2026,="",=""', ''].join('\n'),
      ['Claim,Patient,DOS,CPT Code,HCPCS Code,Units', '1,P1,03/12/2026,43214,,1', '1,P1,03/12/2026,,43200,1', '1,P1,03/12/2026,,', '1,P1,03/12/2026', '2,P1,03/12/2026,,97110,3', ''].join('\n'),
      ['Patient Control Number,DOS,CPT,Units of Service,Billing Provider NPI,Servicing Provider NPI', 'A,03/12/2026,43214,1,1111111112,2222222224', 'A,03/12/2026,43200,1,1111111112,3333333336', 'B,03/12/2026,97110,6,1111111112,2222222224', ''].join('\n'),
    ];
    for (const text of texts) for (const knowledge of [BUILTIN, WITH_TABLES]) assertSameForEveryCut(text, knowledge, 24);
  });

  it('claim types that choose the table (type of bill, inpatient, several words) read in pieces as whole', () => {
    for (const type of ['0131', '0111', '131', 'Inpatient', 'Hospital Outpatient', 'Dental (ADA)', 'Professional']) {
      const text = ['Claim ID,Patient ID,Bill Type,HCPCS Code,Date of Service,Units', `C1,P1,${type},43214,2024-01-10,1`, `C1,P1,,43197,2024-01-10,1`, `C2,P1,0131,43200,2024-01-10,1`, ''].join('\n');
      assertSameForEveryCut(text, BUILTIN, 24);
    }
  });

  it('an add-on code whose only primary an indicator-0 edit bundles into a line of another claim is reported, cut anywhere', () => {
    const text = [
      'Claim ID,Member ID,DOS,CPT,Modifiers,Units',
      'C1,M1,2026-03-10,43197,,1',
      'C2,M1,2026-03-10,43283,,1',
      'C3,M2,2026-03-10,43197,59,1',
      'C3,M2,2026-03-10,43283,,1',
      'C1,M1,2026-03-10,43214,,1',
      '',
    ].join('\n');
    const found = whole(text, WITH_TABLES)!.findings.filter((f) => f.rule === 'aoc.primary-missing');
    assert.deepEqual(found.map((f) => f.severity), ['error'], 'M1 only: M2 has no 43214');
    assert.match(found[0]!.message, /its primary 43197 is bundled into 43214 \(NCCI PTP edit\), so it is not paid/);
    assertSameForEveryCut(text, WITH_TABLES, 16);
  });

  it('gives what the whole text gives for any small claim CSV cut anywhere (property)', () => {
    const code = fc.constantFrom('43214', '43200', '76000', '43197', '97110', '11045', '11042', '43283', '99213', '99213-25', '4321', '', 'CPT', 'x"y');
    const date = fc.constantFrom('2026-03-10', '03/10/2026', '3/10/26', '10/03/2026', '25/03/2026', '03/25/2026', '2026-03-10 - 2026-03-12', 'soon', '');
    const cell = fc.constantFrom('', 'a', '1', '25', 'XS 59', ' 2 ', '"q, with\ndelimiter"', '"a ""b"""', '"unclosed', '"x"junk', 'é');
    const row = fc.record({
      id: fc.constantFrom('C1', 'C2', 'C3', '', '"C 4"'),
      patient: fc.constantFrom('P1', 'P2', '', '"P,3"'),
      type: fc.constantFrom('', 'professional', 'institutional', '0131', 'dental'),
      date,
      code,
      modifiers: fc.constantFrom('', '59', 'XS', '25 59', '"XU,76"'),
      units: fc.constantFrom('', '1', '3', 'two', '1.5'),
      note: cell,
      cells: fc.integer({ min: 2, max: 9 }),
    });
    const columns = ['Claim ID', 'Patient ID', 'Claim Type', 'DOS', 'CPT', 'Modifiers', 'Units', 'Note'];
    const file = fc.record({
      drop: fc.subarray([0, 1, 2, 5, 6], { minLength: 0 }),
      separator: fc.constantFrom(',', ';', '\t'),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      preamble: fc.boolean(),
      rows: fc.array(fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: fc.constantFrom('blank', 'header', 'empty-cells') }), { maxLength: 14 }),
      finalBreak: fc.boolean(),
      sizes: fc.array(fc.integer({ min: 1, max: 48 }), { minLength: 1, maxLength: 4 }),
      knowledge: fc.constantFrom(BUILTIN, WITH_TABLES, WITH_MUE),
    });
    fc.assert(
      fc.property(file, (f) => {
        const keep = columns.map((_, k) => !f.drop.includes(k));
        const header = columns.filter((_, k) => keep[k]).join(f.separator);
        const lines = f.preamble ? ['Export of claims', ''] : [];
        lines.push(header);
        for (const r of f.rows) {
          if (r === 'blank') lines.push('');
          else if (r === 'header') lines.push(header);
          else if (r === 'empty-cells') lines.push(f.separator.repeat(3));
          else {
            const all = [r.id, r.patient, r.type, r.date, r.code, r.modifiers, r.units, r.note];
            lines.push(all.filter((_, k) => keep[k]).slice(0, r.cells).join(f.separator));
          }
        }
        const text = lines.join(f.eol) + (f.finalBreak ? f.eol : '');
        const expected = whole(text, f.knowledge);
        const actual = streamed(text, f.knowledge, f.sizes);
        if (expected === null) assert.equal(actual, null);
        else assert.deepStrictEqual(actual, expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe('StringTable', () => {
  it('numbers strings in the order they were added and finds them again, wide ones too', () => {
    const table = new StringTable();
    const keys: string[] = [];
    for (let i = 0; i < 5000; i++) keys.push(i % 7 === 0 ? `wide\u0100${i}` : i % 11 === 0 ? '' + 'x'.repeat(i % 30) + i : `C${i}`);
    keys.push('');
    keys.forEach((key, i) => {
      assert.equal(table.find(key), -1);
      assert.equal(table.add(key), i);
    });
    keys.forEach((key, i) => {
      assert.equal(table.find(key), i);
      assert.equal(table.get(i), key);
    });
    assert.equal(table.find('C5000'), -1);
    assert.equal(table.size, keys.length);
  });
});
