import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePtpFields, CMS_PTP_COLUMNS, PtpRuleSet, type PtpRow } from '../../server/src/core/rules/ptp';
import { pairTextsOf } from '../../server/src/core/rules/ptpTexts';

function row(fields: readonly string[]): PtpRow {
  const parsed = parsePtpFields(fields, CMS_PTP_COLUMNS);
  assert.notEqual(typeof parsed, 'string');
  return parsed as PtpRow;
}

function message(head: string, tail: string): string {
  return `${head}service line 1) on 02/26/2024${tail}`;
}

describe('pairTextsOf: the words of a PTP finding made once per edit row', () => {
  const rules = new PtpRuleSet();
  rules.add(row(['43214', '43200', '', '20140101', '*', '0', 'CPT Manual or CMS manual coding instructions']), 'test');
  rules.add(row(['43235', '43200', '', '20100101', '*', '1', '']), 'test');

  it('says what the finding says around the line it names and its dates, per indicator and relation', () => {
    const zero = pairTextsOf(rules, 'practitioner', 0);
    assert.deepEqual([zero.columnOne, zero.columnTwo, zero.indicator], ['43214', '43200', '0']);
    assert.equal(
      message(zero.head, zero.tail),
      '43200 should not be billed with 43214 (service line 1) on 02/26/2024: NCCI practitioner PTP edit, column 1 43214, column 2 43200 (CPT Manual or CMS manual coding instructions), modifier indicator 0, so no modifier makes the pair payable. Remove the 43200 line.',
    );
    assert.equal(
      message(zero.otherHead, zero.otherTail),
      '43200 and 43214 (service line 1) on 02/26/2024 are an NCCI pair (NCCI practitioner PTP edit, column 1 43214, column 2 43200 (CPT Manual or CMS manual coding instructions), modifier indicator 0), ' +
        "but another rendering provider of the same billing provider performed 43214, so the two are not checked as one provider's services. A payer that applies the edit to the whole billing group denies the 43200 line: no modifier makes this pair payable.",
    );
    assert.equal(zero.related, 'Column 1 code 43214 is on this line');
    const one = pairTextsOf(rules, 'hospital', 1);
    // Indicator 1: XP, the modifier for a separate practitioner, makes the pair payable.
    assert.match(one.otherTail, /A payer that applies the edit to the whole billing group expects modifier XP on the 43200 line\.$/);
    assert.match(message(one.head, one.tail), /^43200 is bundled into 43235 \(service line 1\) on 02\/26\/2024: NCCI outpatient hospital PTP edit, column 1 43235, column 2 43200, modifier indicator 1\. If 43200 was a distinct service \(.*\), add .* to the 43200 line; otherwise remove that line\.$/);
  });

  it('keeps the texts of a row per table, and a row added later gets its own', () => {
    assert.equal(pairTextsOf(rules, 'practitioner', 0), pairTextsOf(rules, 'practitioner', 0));
    assert.notEqual(pairTextsOf(rules, 'hospital', 0).tail, pairTextsOf(rules, 'practitioner', 0).tail);
    rules.add(row(['43214', '76000', '', '20140101', '*', '1', '']), 'test');
    const added = pairTextsOf(rules, 'practitioner', 2);
    assert.deepEqual([added.columnOne, added.columnTwo, added.indicator], ['43214', '76000', '1']);
    const other = new PtpRuleSet();
    other.add(row(['43235', '43200', '', '20100101', '*', '0', '']), 'test');
    assert.equal(pairTextsOf(other, 'practitioner', 0).columnOne, '43235', 'another rule set: its own row 0');
  });
});
