// Found in review: a European export (semicolons, dates D.M.YYYY). values.ts said month first
// never writes dots, so a dotted date is day first; but it was read day first only when some row
// of the file had a day over 12. In a file whose days were all 12 or less every date was rejected
// and no line was paired. A dotted date now shows the file's dates are day first, as a day over
// 12 does (csv/values.ts scanDate).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { dateOrderOf, parseCsv } from '../../server/src/core/csv/index';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const dates = (text: string) => parseCsv(text).claims.flatMap((c) => c.lines.map((l) => l.dateOfService && l.dateOfService.from));

describe('CSV dates written D.M.YYYY', () => {
  it('are read day first when every day is 12 or less', () => {
    const text = 'Claim;Patient;DOS;CPT;Units\n1;P1;03.12.2026;43214;1\n1;P1;03.12.2026;43200;1\n';
    assert.deepEqual(dates(text), [20261203, 20261203]);
    const rules = analyze(text, emptyKnowledge()).findings.map((f) => f.rule);
    assert.deepEqual(rules, ['ptp.conflict']);
  });

  it('read the same with or without a later row whose day is over 12', () => {
    const head = 'Claim;Patient;DOS;CPT;Units\n1;P1;03.12.2026;43214;1\n1;P1;03.12.2026;43200;1\n';
    const withLater = `${head}2;P1;15.12.2026;99213;1\n`;
    assert.deepEqual(dates(withLater).slice(0, 2), [20261203, 20261203]);
    assert.deepEqual(dates(head), dates(withLater).slice(0, 2));
  });
});

describe('CSV dates written D.M.YYYY, beside other dates', () => {
  it('make the file day first, its slashed dates too, and the hover says why', () => {
    const text = 'Claim;Patient;DOS;CPT\n1;P1;03/04/2026;43214\n2;P1;03.12.2026;43200\n';
    const doc = parseCsv(text);
    assert.deepEqual(doc.findings, []);
    assert.equal(dateOrderOf(doc.csv!), 'day-first');
    assert.deepEqual(dates(text), [20260403, 20261203]);
    const analysis = analyze(text, emptyKnowledge());
    const hover = hoverAt(analysis, text.indexOf('03.12') + 1, emptyKnowledge());
    assert.match(hover!.markdown, /December 3, 2026/);
    assert.match(hover!.markdown, /dots are day first/);
  });

  it('in a file whose other dates are month first (10/15/2026) are reported, naming the orders', () => {
    for (const text of ['Claim,DOS,CPT\nA,10/15/2026,43214\nB,03.12.2026,99213\n', 'Claim,DOS,CPT\nB,03.12.2026,99213\nA,10/15/2026,43214\n']) {
      const doc = parseCsv(text);
      assert.equal(dateOrderOf(doc.csv!), 'month-first');
      assert.deepEqual(doc.findings.map((f) => f.rule), ['csv.date-invalid', 'csv.patient-per-claim']);
      assert.match(doc.findings[0]!.message, /reads only as day\/month\/year/);
    }
  });

  it('one that is no date read day first (03.15.2026) is unreadable, and does not make the file month first', () => {
    const text = 'Claim,DOS,CPT\nA,03.15.2026,43214\nB,15/10/2026,99213\n';
    const doc = parseCsv(text);
    assert.equal(dateOrderOf(doc.csv!), 'day-first');
    assert.deepEqual(doc.findings.map((f) => f.rule), ['csv.date-invalid', 'csv.patient-per-claim']);
    assert.match(doc.findings[0]!.message, /not a readable date/);
  });
});
