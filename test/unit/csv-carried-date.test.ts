// Found in review: without a claim-id column, rows are grouped by patient and date, and an empty
// date cell takes the previous row's (csv/claims.ts): a report that writes the date on a visit's
// first row only. The row landed in the claim of that date, but its line had no date, so it was
// never checked: no conflict, no units summed, and no finding saying the row was left out. The
// line now carries the date it is grouped on (ClaimChooser.groupedDate), in the whole-file reader
// and in the streaming one alike (csv-stream.test.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { parseCsv } from '../../server/src/core/csv/index';
import { hoverAt } from '../../server/src/core/hover/hover';

describe('CSV rows that leave the date of service to the row before', () => {
  it('are checked on the date of the claim they are grouped into', () => {
    const text = 'Patient,DOS,CPT,Units\nP1,03/12/2026,43214,1\n,,43200,1\n';
    const analysis = analyze(text, emptyKnowledge());
    assert.deepEqual(analysis.doc.claims.map((c) => c.id), ['P1 2026-03-12']);
    const rules = analysis.findings.map((f) => f.rule);
    assert.ok(rules.includes('ptp.conflict'), `the 43200 row of claim "P1 2026-03-12" is not checked: ${JSON.stringify(rules)}`);
  });

  it('count their units on that date', () => {
    const tables = emptyMueTables();
    tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
    const text = 'Patient,DOS,CPT,Units\nP1,03/12/2026,97110,3\n,,97110,3\n';
    const rules = analyze(text, { ...emptyKnowledge(), mue: tables }).findings.map((f) => f.rule);
    assert.ok(rules.includes('mue.exceeded'), `6 units of 97110 in claim "P1 2026-03-12": ${JSON.stringify(rules)}`);
  });
});

describe('the date a CSV row carries from the row before', () => {
  it('is the date its claim is grouped on, marked inherited, with no span of its own; the hover of its code names it', () => {
    const text = 'Patient,DOS,CPT,Units\nP1,03/12/2026,43214,1\n,,43200,1\nP2,,43235,1\n';
    const doc = parseCsv(text);
    assert.deepEqual(doc.claims.map((c) => c.id), ['P1 2026-03-12', 'P2 2026-03-12']);
    const lines = doc.claims.flatMap((c) => c.lines);
    assert.deepEqual(lines.map((l) => l.dateOfService?.from ?? null), [20260312, 20260312, 20260312]);
    assert.deepEqual(lines.map((l) => l.dateInherited), [false, true, true]);
    assert.deepEqual(lines.map((l) => l.dateSpan === null), [false, true, true]);
    const analysis = analyze(text, emptyKnowledge());
    const hover = hoverAt(analysis, text.indexOf('43200') + 1, emptyKnowledge());
    assert.match(hover!.markdown, /03\/12\/2026/);
  });

  it('is none after a row whose date is unreadable (grouped by its text), nor before any date', () => {
    const text = 'Patient,DOS,CPT,Units\nP1,,43214,1\nP1,soon,43214,1\n,,43200,1\n';
    const doc = parseCsv(text);
    assert.deepEqual(doc.claims.flatMap((c) => c.lines.map((l) => l.dateOfService)), [null, null, null]);
    // The row with a code and no date is said (csv.date-missing); the unreadable one is its own
    // error, which says all of the row that carries it.
    assert.deepEqual(analyze(text, emptyKnowledge()).findings.map((f) => [f.rule, text.slice(0, f.span.start).split('\n').length]), [['csv.date-missing', 2], ['csv.date-invalid', 3]]);
  });
});

// Found in a user review: an export that writes a claim's fields (claim id, patient, date) on its
// first row only, with a claim-id column. Its other rows kept no date, so they were never checked
// (43214 with 43200: no finding, exit 0), and nothing said so. They now take the date of the row
// before when it is of the same claim, as an 837 line without DTP*472 takes its claim's date; a
// row with a code and no date at all is a warning.
describe('a CSV row of a claim id with its date cell empty', () => {
  it('takes the date of the row before of its claim, continuing it or naming it again, and is checked on it', () => {
    for (const text of [
      'Claim ID,Patient ID,DOS,CPT,Units\nK1,P1,10/15/2026,43214,1\n,,,43200,1\n,,,76000,1\n',
      'Claim ID,Patient ID,DOS,CPT,Units\nK1,P1,10/15/2026,43214,1\nK1,P1,,43200,1\nK1,P1,,76000,1\n',
    ]) {
      const doc = parseCsv(text);
      const lines = doc.claims[0]!.lines;
      assert.deepEqual(lines.map((l) => l.dateOfService?.from ?? null), [20261015, 20261015, 20261015]);
      assert.deepEqual(lines.map((l) => l.dateInherited), [false, true, true]);
      const findings = analyze(text, emptyKnowledge()).findings;
      assert.deepEqual(findings.map((f) => [f.rule, text.slice(f.span.start, f.span.end)]), [['ptp.conflict', '43200'], ['ptp.conflict', '76000']]);
    }
  });

  it('takes no date from another claim\'s row: it has none, and says so', () => {
    const text = 'Claim ID,Patient ID,DOS,CPT\nK1,P1,10/15/2026,43214\nK2,P1,,43200\n';
    const doc = parseCsv(text);
    assert.equal(doc.claims[1]!.lines[0]!.dateOfService, null);
    const [missing, ...others] = analyze(text, emptyKnowledge()).findings;
    assert.deepEqual(others, []);
    assert.equal(missing!.rule, 'csv.date-missing');
    assert.equal(missing!.severity, 'warning');
    assert.equal(missing!.message, 'Line 3: column "DOS" is empty, and no row of its claim before it gives a date of service: no NCCI edit is checked on this line (the checks pair the lines of one day). Write the date of service.');
    assert.equal(text.slice(missing!.span.start, missing!.span.end), '43200');
  });

  it('a file of no dates at all: each row with a code is said, none is paired', () => {
    const text = 'Claim ID,Patient ID,DOS,CPT\nK1,P1,,43214\nK1,P1,,43200\n';
    assert.deepEqual(analyze(text, emptyKnowledge()).findings.map((f) => f.rule), ['csv.date-missing', 'csv.date-missing']);
  });
});
