// Issue 15 item 7: day-first CSV dates (15/10/2026, 15.10.2026) are read day first when the
// date column can only be read that way (a day over 12 in some row), and the index says which
// order was assumed so that the date hover can say so.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { dateOrderOf, parseCsv } from '../../server/src/core/csv/index';
import { parseDateOfService } from '../../server/src/core/csv/cellDates';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const dates = (text: string) => parseCsv(text).claims.flatMap((c) => c.lines.map((l) => l.dateOfService && l.dateOfService.from));

describe('parseDateOfService in either order', () => {
  it('reads D/M/YYYY, D.M.YYYY and D-M-YY day first when told so', () => {
    assert.deepEqual(parseDateOfService('15/10/2026', 'day-first'), { from: 20261015, to: 20261015 });
    assert.deepEqual(parseDateOfService('15.10.2026', 'day-first'), { from: 20261015, to: 20261015 });
    assert.deepEqual(parseDateOfService('5-3-26', 'day-first'), { from: 20260305, to: 20260305 });
    assert.deepEqual(parseDateOfService('03/04/2026', 'day-first'), { from: 20260403, to: 20260403 });
    assert.deepEqual(parseDateOfService('14/10/2026 - 15/10/2026', 'day-first'), { from: 20261014, to: 20261015 });
    // Year-first dates do not depend on the order.
    assert.deepEqual(parseDateOfService('2026-10-15', 'day-first'), { from: 20261015, to: 20261015 });
    assert.equal(parseDateOfService('10/15/2026', 'day-first'), null);
  });

  it('keeps month first by default', () => {
    assert.deepEqual(parseDateOfService('03/04/2026'), { from: 20260304, to: 20260304 });
    assert.equal(parseDateOfService('15/10/2026'), null);
    assert.equal(parseDateOfService('15.10.2026'), null);
  });
});

describe('CSV date columns written day first', () => {
  it('a day over 12 in one row makes the whole column day first, rows before it included', () => {
    const text = 'Claim,DOS,CPT\nA,03/04/2026,43214\nA,03/04/2026,43200\nB,15/10/2026,99213\nC,15.10.2026,99214\n';
    const doc = parseCsv(text);
    // Its one finding: the note on a file that names claims, not patients (csv-patient-notes.test.ts).
    assert.deepEqual(doc.findings.map((f) => f.rule), ['csv.patient-per-claim']);
    assert.deepEqual(dates(text), [20260403, 20260403, 20261015, 20261015]);
    assert.equal(dateOrderOf(doc.csv!), 'day-first');
  });

  it('the "to" column is read in the same order', () => {
    const text = 'Claim,DOS,DOS To,CPT\nA,14/10/2026,16/10/2026,43214\n';
    const doc = parseCsv(text);
    assert.deepEqual(doc.findings, []);
    assert.deepEqual(doc.claims[0]!.lines[0]!.dateOfService, { from: 20261014, to: 20261016 });
  });

  it('a month-first column stays month first, and so does one without evidence', () => {
    const us = parseCsv('Claim,DOS,CPT\nA,03/04/2026,43214\nB,10/15/2026,99213\n');
    assert.deepEqual(us.findings.map((f) => f.rule), ['csv.patient-per-claim']);
    assert.deepEqual(dates('Claim,DOS,CPT\nA,03/04/2026,43214\nB,10/15/2026,99213\n'), [20260304, 20261015]);
    assert.equal(dateOrderOf(us.csv!), 'month-first');
    assert.equal(dateOrderOf(parseCsv('Claim,DOS,CPT\nA,03/04/2026,43214\n').csv!), 'month-first');
    assert.equal(dateOrderOf(parseCsv('Claim,DOS,CPT\nA,2026-10-15,43214\n').csv!), 'month-first');
  });

  it('a column mixing both orders is read month first, and the day-first rows are told so', () => {
    for (const text of [
      'Claim,DOS,CPT\nA,10/15/2026,43214\nB,15/10/2026,99213\n',
      'Claim,DOS,CPT\nB,15/10/2026,99213\nA,10/15/2026,43214\n',
    ]) {
      const doc = parseCsv(text);
      assert.equal(dateOrderOf(doc.csv!), 'month-first');
      assert.deepEqual(doc.findings.map((f) => f.rule), ['csv.date-invalid', 'csv.patient-per-claim']);
      assert.match(doc.findings[0]!.message, /reads only as day\/month\/year, but other rows of column "DOS" are month\/day\/year/);
    }
  });

  it('the conflict of a day-first row is found, and the date hover says which order was assumed', () => {
    const knowledge = emptyKnowledge();
    const text = 'Claim,DOS,CPT\nA,15/10/2026,43214\nA,15/10/2026,43200\n';
    const analysis = analyze(text, knowledge);
    assert.ok(analysis.findings.some((f) => f.rule === 'ptp.conflict'), JSON.stringify(analysis.findings));
    const hover = hoverAt(analysis, text.indexOf('15/10/2026') + 1, knowledge);
    assert.ok(hover);
    assert.match(hover.markdown, /October 15, 2026|15 October 2026/);
    assert.match(hover.markdown, /day first/i);
    const iso = 'Claim,DOS,CPT\nA,2026-10-15,43214\n';
    const isoHover = hoverAt(analyze(iso, knowledge), iso.indexOf('2026-10-15') + 1, knowledge);
    assert.doesNotMatch(isoHover!.markdown, /first/i);
  });
});

// Found by a user: a row's DOS From cell had a hover, its DOS To cell none.
describe("the hover of a date range written in two cells", () => {
  const knowledge = emptyKnowledge(true);
  it('the To cell shows the range, as the From cell does', () => {
    const text = 'Encounter,MRN,DOS From,DOS To,CPT\nE1,M1,10/14/2026,10/16/2026,76000\n';
    const analysis = analyze(text, knowledge);
    const from = hoverAt(analysis, text.indexOf('10/14/2026') + 1, knowledge);
    const to = hoverAt(analysis, text.indexOf('10/16/2026') + 1, knowledge);
    assert.ok(from && to);
    assert.equal(to.markdown, from.markdown);
    assert.match(to.markdown, /October 16, 2026/);
    assert.equal(text.slice(to.span.start, to.span.end), '10/16/2026');
  });
});
