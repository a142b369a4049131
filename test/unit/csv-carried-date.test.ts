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
    assert.deepEqual(analyze(text, emptyKnowledge()).findings.map((f) => f.rule), ['csv.date-invalid']);
  });

  it('is not taken with a claim-id column: the row goes by its claim id and keeps no date', () => {
    const doc = parseCsv('Claim,Patient,DOS,CPT\n1,P1,03/12/2026,43214\n1,P1,,43200\n');
    assert.equal(doc.claims[0]!.lines[1]!.dateOfService, null);
    assert.equal(doc.claims[0]!.lines[1]!.dateInherited, false);
  });
});
