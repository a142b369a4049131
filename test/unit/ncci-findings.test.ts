// What the status bar counts as an NCCI edit a file hits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/core/model';
import { isNcciEditFinding } from '../../server/src/core/rules/ncciFindings';

function finding(rule: string, severity: Finding['severity']): Finding {
  return { rule, severity, message: '', span: { start: 0, end: 0 } };
}

describe('isNcciEditFinding', () => {
  test('PTP pairs, units over an MUE, an MUE of 0 and an add-on code without its primary are counted, warnings included', () => {
    for (const [rule, severity] of [
      ['ptp.conflict', 'error'],
      ['ptp.modifier-required', 'warning'],
      ['mue.exceeded', 'error'],
      ['mue.exceeded', 'warning'],
      ['mue.not-payable', 'error'],
      ['aoc.primary-missing', 'error'],
    ] as const) {
      assert.equal(isNcciEditFinding(finding(rule, severity)), true, `${rule} (${severity})`);
    }
  });

  test('a line without units, a pair with another rendering provider, and structural findings are not', () => {
    for (const [rule, severity] of [
      ['mue.units-unknown', 'warning'],
      ['ptp.other-rendering-provider', 'information'],
      ['x12.clm02-sum', 'error'],
      ['guide.segment-unexpected', 'error'],
    ] as const) {
      assert.equal(isNcciEditFinding(finding(rule, severity)), false, `${rule} (${severity})`);
    }
  });
});
