// Review: anatomic modifiers bypass an indicator-1 edit only for different sites.
// the NCCI reference (README, How lines are paired): "Anatomic modifiers say the two services were at different
// sites: RT on one line and LT on the other bypasses; the same site on both lines does not."
// ptpBypass.ts compares the two lines' sets of anatomic modifiers as strings ("LT,RT" vs "RT"), so a
// line that names RT (with LT) and a line that names RT count as different sites although RT, the
// same site, is on both lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

const DAY = { from: 20260310, to: 20260310 };

function knowledge() {
  const table = practitionerPtpText(['29881\t29877\t\t20200101\t*\t1\tMutually exclusive procedures']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

function ptpRules(one: string[], two: string[]): string[] {
  const { text } = writeX12([{ id: 'A', lines: [{ code: '29881', modifiers: one, charge: '100.00', date: DAY }, { code: '29877', modifiers: two, charge: '50.00', date: DAY }] }]);
  return analyze(text, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);
}

describe('a site on both lines is not a different site', () => {
  it('control: RT and LT bypass; RT and RT do not', () => {
    assert.deepEqual(ptpRules(['RT'], ['LT']), []);
    assert.deepEqual(ptpRules(['RT'], ['RT']), ['ptp.modifier-required']);
  });

  it('RT on one line, LT and RT on the other: RT is on both lines, so the edit is not bypassed', () => {
    assert.deepEqual(ptpRules(['RT'], ['LT', 'RT']), ['ptp.modifier-required']);
  });
});

// A coder's review: 17110-T5 (the right great toe) beside 11055-RT passed, though both are on the
// right side; a side and a digit or eyelid on it are one site, on the other side they are not.
describe('a side and a digit on it are one site', () => {
  function findings(one: string[], two: string[]) {
    const { text } = writeX12([{ id: 'A', lines: [{ code: '29881', modifiers: one, charge: '100.00', date: DAY }, { code: '29877', modifiers: two, charge: '50.00', date: DAY }] }]);
    return analyze(text, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.'));
  }

  it('RT and T5 (right great toe), LT and F2 (left hand), E4 (right lower eyelid) and RT: not bypassed, and the note says why', () => {
    for (const [one, two] of [[['RT'], ['T5']], [['F2'], ['LT']], [['E4'], ['RT']]] as const) {
      const found = findings([...one], [...two]);
      assert.deepEqual(found.map((f) => f.rule), ['ptp.modifier-required'], `${one} / ${two}`);
    }
    assert.match(findings(['RT'], ['T5'])[0]!.message, /the 29877 line names T5 and the 29881 line RT, on the right side, and an anatomic modifier lets the pair pass only when the lines name different sites/);
    assert.match(findings(['RT', 'T5'], ['RT'])[0]!.message, /both lines name RT; the 29877 line names RT and the 29881 line T5, on the right side, and an anatomic modifier/);
  });

  it('a digit on the other side, two digits, or a coronary modifier beside a side still bypass', () => {
    assert.deepEqual(findings(['LT'], ['T5']), []);
    assert.deepEqual(findings(['T1'], ['T5']), []);
    assert.deepEqual(findings(['F5'], ['F6']), []);
    assert.deepEqual(findings(['LC'], ['RT']), []);
  });
});

// A coder's review: 20610-RT beside 99213-LT passed; an anatomic modifier names where a procedure
// was done, and says nothing on an E/M code.
describe('an anatomic modifier on an E/M code does not count', () => {
  const emTable = practitionerPtpText(['20610\t99213\t\t20200101\t*\t1\tStandards of medical / surgical practice']);
  const emKnowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => emTable });
  function findings(one: string[], two: string[]) {
    const { text } = writeX12([{ id: 'A', lines: [{ code: '20610', modifiers: one, charge: '100.00', date: DAY }, { code: '99213', modifiers: two, charge: '50.00', date: DAY }] }]);
    return analyze(text, emKnowledge).findings.filter((f) => f.rule.startsWith('ptp.'));
  }

  it('20610-RT with 99213-LT: not bypassed, and the note says why', () => {
    const found = findings(['RT'], ['LT']);
    assert.deepEqual(found.map((f) => f.rule), ['ptp.modifier-required']);
    assert.match(found[0]!.message, /LT on the 99213 line does not count on an E\/M code \(an anatomic modifier names the site of a procedure; a visit on the day of a procedure takes 25\)/);
  });

  it('25 on the E/M line still lets it pass (control)', () => {
    assert.deepEqual(findings(['RT'], ['25', 'LT']), []);
  });
});
