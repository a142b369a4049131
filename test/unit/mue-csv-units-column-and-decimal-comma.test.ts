// MUE units read from a CSV's units column (csv/columns.ts, csv/amounts.ts readUnits):
// - The UB-04 labels its units column "SERV UNITS" (form locator 46); a hospital export that keeps
//   the form's label has a "Serv Units" column. It was not a units name, so the column was not
//   read at all: every row counted as 1 unit and 5 units over an MUE of 2 went unreported. It, and
//   the other spellings of service units and billed quantity exports use, now name the units.
// - A file not delimited by commas reads its amounts with a decimal comma ("125,00"), and now its
//   units too: "2,5" units were csv.units-invalid and counted as 1, so 2,5 units over an MUE of 2
//   went unreported. As for amounts, at most two decimals follow the comma ("1,000" is no unit
//   count, not 1), and a comma-delimited file reads no decimal comma.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixesFor } from '../../server/src/core/fixes';
import { readUnits } from '../../server/src/core/csv/amounts';
import { roleOfHeader } from '../../server/src/core/csv/columnLayout';
import { CsvStream } from '../../server/src/core/csv/stream';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { byPosition } from '../../server/src/core/spans';
import { loadedTablesOf } from '../../server/src/core/rules/tablesMissing';

function knowledge(): Knowledge {
  const tables = emptyMueTables();
  for (const kind of ['practitioner', 'hospital'] as const) tables[kind].add({ code: '97112', value: 2, mai: 1, rationale: 'Clinical: Data', source: 'mue.csv', kind });
  return { ...emptyKnowledge(false), mue: tables };
}

const rules = (text: string) => analyze(text, knowledge()).findings.filter((f) => f.rule.startsWith('mue.') || f.rule === 'csv.units-invalid');

describe('CSV unit columns and the MUE', () => {
  it('"Serv Units" (UB-04 FL 46) is the units column: 5 units over an MUE of 2 are reported', () => {
    const text = 'Claim ID,Patient ID,Date of Service,HCPCS,Serv Units,Charge,Bill Type\nC1,P1,03/10/2026,97112,5,250.00,0131\n';
    const analysis = analyze(text, knowledge());
    assert.equal(analysis.doc.claims[0]!.lines[0]!.units, 5);
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('mue.')).map((f) => f.rule), ['mue.exceeded']);
  });

  it('the spellings of service units and billed quantity name the units column', () => {
    for (const header of ['SERV UNITS', 'Serv. Units', 'Service Units', 'Svc Units', 'Srv Units', 'Units Billed', 'Billed Qty', 'Service Qty', 'Qty', 'Quantity', 'Units/Days']) {
      assert.equal(roleOfHeader(header), 'units', header);
    }
    // A drug's NDC quantity is not its HCPCS units.
    assert.equal(roleOfHeader('NDC Quantity'), null);
  });

  it('a semicolon file with decimal commas: "2,5" units are 2.5, over an MUE of 2 (MAI 1)', () => {
    const text = 'Claim ID;Patient ID;Date of Service;CPT;Units;Charge\nC1;P1;10.03.2026;97112;2,5;125,00\n';
    const analysis = analyze(text, knowledge());
    assert.equal(analysis.doc.claims[0]!.lines[0]!.charge, 125, 'the charge is read with its decimal comma');
    assert.equal(analysis.doc.claims[0]!.lines[0]!.units, 2.5);
    assert.deepEqual(rules(text).map((f) => f.rule), ['mue.exceeded']);
  });

  it('a tab file: "1,5" units are 1.5, within the MUE; a dot is read as ever', () => {
    const text = 'Claim ID\tPatient ID\tDate of Service\tCPT\tUnits\nC1\tP1\t10.03.2026\t97112\t1,5\nC2\tP2\t10.03.2026\t97112\t1.5\n';
    const analysis = analyze(text, knowledge());
    assert.deepEqual(analysis.doc.claims.map((c) => c.lines[0]!.units), [1.5, 1.5]);
    assert.deepEqual(rules(text), []);
  });

  it('"1,000" units are not a count (three decimals), and a comma-delimited file reads no decimal comma', () => {
    const semicolon = 'Claim ID;Patient ID;Date of Service;CPT;Units\nC1;P1;10.03.2026;97112;1,000\n';
    const found = rules(semicolon);
    assert.deepEqual(found.map((f) => f.rule), ['csv.units-invalid', 'mue.units-unknown']);
    assert.match(found[0]!.message, /^Line 2: the value in column "Units" is not a number of units; expected e\.g\. 1, 2\.5 or 2,5\.$/);
    const comma = 'Claim ID,Patient ID,Date of Service,CPT,Units\nC1,P1,03/10/2026,97112,"2,5"\n';
    const inComma = rules(comma);
    assert.deepEqual(inComma.map((f) => f.rule), ['csv.units-invalid', 'mue.units-unknown']);
    assert.match(inComma[0]!.message, /expected e\.g\. 1 or 2\.5\.$/);
  });

  it('readUnits: the decimal comma only where the file may use it, at most two decimals', () => {
    assert.equal(readUnits('2,5', true), 2.5);
    assert.equal(readUnits('0,25', true), 0.25);
    assert.equal(readUnits(',5', true), 0.5);
    assert.equal(readUnits('0', true), 0);
    assert.equal(readUnits('2.5', true), 2.5);
    for (const text of ['1,000', '2,', '2,5,1', '1.000,5', '-2,5', '$2,5', 'two']) assert.equal(readUnits(text, true), null, text);
    assert.equal(readUnits('2,5', false), null);
  });

  it('a file read in pieces reads the units as the whole text does', () => {
    const text = 'Claim ID;Patient ID;Date of Service;CPT;Serv Units;Charge\nC1;P1;10.03.2026;97112;2,5;125,00\nC2;P2;10.03.2026;97112;1,000;10,00\nC3;P3;10.03.2026;97112;5;50,00\n';
    const whole = byPosition(analyze(text, emptyKnowledge(false)).findings);
    for (const size of [1, 7, 40]) {
      const stream = new CsvStream({ dates: { order: 'day-first', settled: true }, keep: () => true, loaded: loadedTablesOf(emptyKnowledge(false)) });
      for (let at = 0; at < text.length; at += size) assert.ok(stream.feed(text.slice(at, at + size)));
      const result = stream.end();
      assert.ok(result);
      assert.deepEqual(byPosition(result.findings), whole, `pieces of ${size}`);
    }
  });
});

// Found by a user: a CSV without a units column got a mue.units-unknown warning on every row of a
// code with an MUE ("has no unit count, so it is counted as 1 unit"): one note on the header now
// says each line is taken as one unit, where units are counted (MUE tables loaded).
describe('a CSV without a units column', () => {
  const text = 'Claim ID,Patient ID,Date of Service,HCPCS,Charge\nC1,P1,03/10/2026,97112,50.00\nC1,P1,03/10/2026,97112,50.00\nC1,P1,03/10/2026,97112,50.00\n';

  it('each line is one unit: no warning per row, one note on the header; 3 lines of one unit over an MUE of 2 (MAI 1 per line: none over it, but lines alike)', () => {
    const analysis = analyze(text, knowledge());
    assert.deepEqual(analysis.doc.claims[0]!.lines.map((l) => l.units), [1, 1, 1]);
    const notes = analysis.findings.filter((f) => f.rule === 'mue.no-units-column');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.severity, 'information');
    assert.equal(notes[0]!.span.start, 0);
    assert.deepEqual(analysis.findings.filter((f) => f.rule === 'mue.exceeded').map((f) => f.rule), []);
    // Nothing tells the three rows apart: units split past the per-line MUE (repeatedLines.ts).
    const repeated = analysis.findings.filter((f) => f.rule === 'mue.line-repeated');
    assert.deepEqual(repeated.map((f) => f.related?.length), [1, 1]);
    assert.match(repeated[1]!.message, /the 3 units pass an edit they are over together/);
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('mue.') && !['mue.no-units-column', 'mue.line-repeated'].includes(f.rule)).map((f) => f.rule), []);
  });

  it('MAI 2: the day\'s lines are summed as one unit each; no units fix (there is no cell to write), removing a line is offered', () => {
    const tables = emptyMueTables();
    tables.practitioner.add({ code: '97112', value: 2, mai: 2, rationale: 'Policy', source: 'mue.csv', kind: 'practitioner' });
    const mai2 = { ...emptyKnowledge(false), mue: tables };
    const analysis = analyze(text, mai2);
    const exceeded = analysis.findings.filter((f) => f.rule === 'mue.exceeded');
    assert.equal(exceeded.length, 1);
    assert.match(exceeded[0]!.message, /3 units of 97112 are reported/);
    const titles = fixesFor(text, analysis.doc, exceeded[0]!).map((f) => f.title);
    assert.deepEqual(titles.filter((t) => /units/i.test(t)), []);
    assert.ok(titles.some((t) => t.startsWith('Remove')));
  });

  it('without MUE tables nothing counts units: no note', () => {
    assert.deepEqual(analyze(text, emptyKnowledge(true)).findings.filter((f) => f.rule === 'mue.no-units-column'), []);
  });

  it('a units column with an empty cell is still a unit count unknown on that row (control)', () => {
    const withColumn = 'Claim ID,Patient ID,Date of Service,HCPCS,Units,Charge\nC1,P1,03/10/2026,97112,,50.00\n';
    const analysis = analyze(withColumn, knowledge());
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('mue.') || f.rule === 'mue.no-units-column').map((f) => f.rule), ['mue.units-unknown']);
  });
});
