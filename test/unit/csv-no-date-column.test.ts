// Found in review: rows without a date of service are never paired (rules/serviceGroups.ts skips a line
// whose dateOfService is null), so a claim CSV whose date column is not recognized is never
// checked for NCCI edits, and nothing says so: the file looks clean. "Service Date From" /
// "Service Date To" (columns.ts has servicefromdate, dosfrom, fromdate... but not
// servicedatefrom / servicedateto) is one such header. Expected: the dates read, or, for a file
// with no date column at all, a note on the header (as for a file without a patient column).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { parseCsv } from '../../server/src/core/csv/index';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

describe('claim CSV without a recognized date-of-service column', () => {
  it('"Service Date From" / "Service Date To" are read as the date of service', () => {
    const text = 'Claim ID,Patient ID,CPT,Service Date From,Service Date To\nC1,P1,43214,03/15/2024,03/15/2024\nC1,P1,43200,03/15/2024,03/15/2024\n';
    const doc = parseCsv(text);
    const dates = doc.claims.flatMap((c) => c.lines.map((l) => l.dateOfService));
    const analysis = analyze(text, emptyKnowledge(true));
    assert.ok(
      dates.every((d) => d !== null) || analysis.findings.length > 0,
      'no date is read and no finding says the rows cannot be checked',
    );
  });

  it('a file with claims and no date column at all says its rows are not checked', () => {
    const text = 'Claim ID,Patient ID,CPT\nC1,P1,43214\nC1,P1,43200\n';
    const analysis = analyze(text, emptyKnowledge(true));
    assert.equal(analysis.doc.claims.length, 1);
    assert.notDeepEqual(analysis.findings, [], '43214 and 43200 on one claim, never paired, and no finding');
  });
});
