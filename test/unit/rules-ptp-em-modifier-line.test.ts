// Found in review: modifiers 24, 25 and 57 are E/M modifiers. The NCCI reference (README, How lines are paired): "24, 25 and
// 57 are E/M modifiers (99202-99499) ... A modifier counts only where Medicare's own rules for that
// modifier are met" (procedureCodes.ts itself says 99202-99499 are "the codes modifiers 24, 25 and
// 57 belong on"). A 25 written on the procedure line (not an E/M code) does not meet that rule, so
// it must not let an indicator-1 edit pass; ptpBypass.ts accepts it on either line as long as the
// other code is an E/M code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';
import { fixesFor } from '../../server/src/core/fixes';
import { applyEdits } from '../../server/src/core/edits';

const DAY = { from: 20260310, to: 20260310 };

function knowledge() {
  const table = practitionerPtpText(['43214\t99213\t\t20200101\t*\t1\tStandards of medical / surgical practice']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

function ptpRules(lines: { code: string; modifiers?: string[] }[]): string[] {
  const { text } = writeX12([{ id: 'A', lines: lines.map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
  return analyze(text, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);
}

describe('24/25/57 count only on the E/M line', () => {
  it('25 on the E/M line satisfies the indicator-1 edit (control)', () => {
    assert.deepEqual(ptpRules([{ code: '43214' }, { code: '99213', modifiers: ['25'] }]), []);
  });

  it('25 on the procedure line (43214) does not satisfy it', () => {
    assert.deepEqual(ptpRules([{ code: '43214', modifiers: ['25'] }, { code: '99213' }]), ['ptp.modifier-required']);
  });

  it('57 on the procedure line does not satisfy it either', () => {
    assert.deepEqual(ptpRules([{ code: '43214', modifiers: ['57'] }, { code: '99213' }]), ['ptp.modifier-required']);
  });
});

// Found in review: 59 written on the E/M line let the pair pass. CMS says not to use 59 or an X
// modifier on an E/M service (NCCI policy manual, chapter I; "Proper Use of Modifiers 59 &
// -X{EPSU}"): a visit on the day of a procedure takes 25. On the procedure line they still count.
describe('59 and the X modifiers do not count on the E/M line', () => {
  for (const modifier of ['59', 'XE', 'XS', 'XP', 'XU']) {
    it(`${modifier} on the E/M line (99213) does not satisfy the edit, and the finding says why`, () => {
      const { text } = writeX12([{ id: 'A', lines: [{ code: '43214' }, { code: '99213', modifiers: [modifier] }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
      const found = analyze(text, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.'));
      assert.deepEqual(found.map((f) => f.rule), ['ptp.modifier-required']);
      assert.match(found[0]!.message, new RegExp(`${modifier} on the 99213 line does not count on an E/M code \\(CMS says not to use 59 or an X modifier on an E/M service; a visit on the day of a procedure takes 25\\)`));
    });
  }


  it('25 beside 59 on the E/M line satisfies it', () => {
    assert.deepEqual(ptpRules([{ code: '43214' }, { code: '99213', modifiers: ['59', '25'] }]), []);
  });
});

// Found in review: the quick fix for 99213-59 added 25 beside the 59 (HC:99213:59:25), which passes
// but leaves a modifier CMS says not to put on an E/M code. It now replaces the 59.
describe('the 25 fix on an E/M line that carries 59', () => {
  it('replaces the 59 (X12 and CSV), and the pair passes', () => {
    const { text } = writeX12([{ id: 'A', lines: [{ code: '43214' }, { code: '99213', modifiers: ['59'] }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
    const analysis = analyze(text, knowledge());
    const finding = analysis.findings.find((f) => f.rule === 'ptp.modifier-required')!;
    const fix = fixesFor(text, analysis.doc, finding).find((f) => f.title.includes('25'));
    assert.equal(fix?.title, 'Replace modifier 59 on 99213 with 25 (significant, separately identifiable E/M service)');
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('HC:99213:25*'), fixed);
    assert.deepEqual(analyze(fixed, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.')), []);

    const csv = 'Claim ID,Patient ID,Date of Service,CPT,Modifier 1,Units\nA,P1,03/10/2026,43214,,1\nA,P1,03/10/2026,99213,XU,1\n';
    const csvAnalysis = analyze(csv, knowledge());
    const csvFinding = csvAnalysis.findings.find((f) => f.rule === 'ptp.modifier-required')!;
    const csvFix = fixesFor(csv, csvAnalysis.doc, csvFinding).find((f) => f.title.includes('25'))!;
    assert.equal(csvFix.title, 'Replace modifier XU on 99213 with 25 (significant, separately identifiable E/M service)');
    assert.ok(applyEdits(csv, csvFix.edits).includes('99213,25,1'));
  });

  it('an E/M line without a misplaced modifier still gets 25 added (control)', () => {
    const { text } = writeX12([{ id: 'A', lines: [{ code: '43214' }, { code: '99213', modifiers: ['GT'] }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
    const analysis = analyze(text, knowledge());
    const finding = analysis.findings.find((f) => f.rule === 'ptp.modifier-required')!;
    const fix = fixesFor(text, analysis.doc, finding).find((f) => f.title.includes('25'))!;
    assert.equal(fix.title, 'Add modifier 25 to 99213 (significant, separately identifiable E/M service)');
    assert.ok(applyEdits(text, fix.edits).includes('HC:99213:GT:25*'));
  });
});

// Found in review: 59 on the procedure line let a pair pass whose column-2 code is an E/M code (a
// visit the procedure bundles). 59 and the X modifiers say one procedure was distinct from another;
// CMS's answer for a separate visit on the day of a procedure is 25 on the E/M line, never 59 (NCCI
// policy manual, chapter I; "Proper Use of Modifiers 59 & -X{EPSU}"). Against a procedure in
// column 2 they still count on either line, the E/M code's own line excepted.
describe('59 and the X modifiers on the procedure, against an E/M code in column 2', () => {
  for (const modifier of ['59', 'XE', 'XU']) {
    it(`${modifier} on the column-1 procedure (43214) does not satisfy 43214/99213, and the finding says why`, () => {
      const { text } = writeX12([{ id: 'A', lines: [{ code: '43214', modifiers: [modifier] }, { code: '99213' }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
      const found = analyze(text, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.'));
      assert.deepEqual(found.map((f) => f.rule), ['ptp.modifier-required']);
      assert.match(found[0]!.message, /59 or an X modifier on the 43214 line does not count against the E\/M code 99213 \(CMS's coding policy: a visit on the day of a procedure takes 25, or 57 for the decision for surgery, on the E\/M line, not 59/);
    });
  }

  it('57 on the E/M line (the decision for surgery) satisfies it beside 59 on the procedure (control)', () => {
    assert.deepEqual(ptpRules([{ code: '43214', modifiers: ['59'] }, { code: '99213', modifiers: ['57'] }]), []);
  });

  it('the quick fix adds 25 to the E/M line, and the pair then passes with the 59 left on the procedure', () => {
    const { text } = writeX12([{ id: 'A', lines: [{ code: '43214', modifiers: ['59'] }, { code: '99213' }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
    const analysis = analyze(text, knowledge());
    const finding = analysis.findings.find((f) => f.rule === 'ptp.modifier-required')!;
    const fix = fixesFor(text, analysis.doc, finding).find((f) => f.title.includes('25'))!;
    assert.equal(fix.title, 'Add modifier 25 to 99213 (significant, separately identifiable E/M service)');
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('HC:43214:59*') && fixed.includes('HC:99213:25*'), fixed);
    assert.deepEqual(analyze(fixed, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.')), []);
  });

  it('a CSV export is judged alike', () => {
    const csv = 'Claim ID,Patient ID,Date of Service,CPT,Modifier 1,Units\nA,P1,03/10/2026,43214,XS,1\nA,P1,03/10/2026,99213,,1\n';
    assert.deepEqual(analyze(csv, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule), ['ptp.modifier-required']);
  });

  it('with a procedure in column 2 (an E/M code in column 1), 59 on the procedure still satisfies the edit', () => {
    const table = practitionerPtpText(['99291\t36000\t\t20200101\t*\t1\tStandards of medical / surgical practice']);
    const k = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
    const rules = (lines: { code: string; modifiers?: string[] }[]) => {
      const { text } = writeX12([{ id: 'A', lines: lines.map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
      return analyze(text, k).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);
    };
    assert.deepEqual(rules([{ code: '99291' }, { code: '36000' }]), ['ptp.modifier-required']);
    assert.deepEqual(rules([{ code: '99291' }, { code: '36000', modifiers: ['XE'] }]), []);
    assert.deepEqual(rules([{ code: '99291' }, { code: '36000', modifiers: ['59'] }]), []);
  });

  it('between two procedures, 59 on the column-1 line still satisfies the edit (control)', () => {
    const table = practitionerPtpText(['43214\t43197\t\t20200101\t*\t1\tStandards of medical / surgical practice']);
    const k = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
    const { text } = writeX12([{ id: 'A', lines: [{ code: '43214', modifiers: ['59'] }, { code: '43197' }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
    assert.deepEqual(analyze(text, k).findings.filter((f) => f.rule.startsWith('ptp.')), []);
  });
});

// Found in a user review (a billing analyst): 58, 78 and 79 on the E/M line let a procedure/E-M
// pair pass where 59 there does not. They describe procedures in a postoperative period (a staged
// or related procedure, a return to the operating room, an unrelated procedure); a visit there
// takes 24, or 25 on the day of a procedure. On the procedure line they still count.
describe('58, 78 and 79 count only on a procedure', () => {
  for (const modifier of ['58', '78', '79']) {
    it(`${modifier} on the E/M line (99213) does not satisfy the edit, and the finding says why; on 43214 it does`, () => {
      const { text } = writeX12([{ id: 'A', lines: [{ code: '43214' }, { code: '99213', modifiers: [modifier] }].map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
      const found = analyze(text, knowledge()).findings.filter((f) => f.rule.startsWith('ptp.'));
      assert.deepEqual(found.map((f) => f.rule), ['ptp.modifier-required']);
      assert.match(found[0]!.message, new RegExp(`${modifier} on the 99213 line does not count on an E/M code \\(58, 78 and 79 are for procedures in a postoperative period; a visit there takes 24, or 25 on the day of a procedure\\)`));
      assert.deepEqual(ptpRules([{ code: '43214', modifiers: [modifier] }, { code: '99213' }]), []);
    });
  }

  it('24 beside 79 on the E/M line satisfies it (control)', () => {
    assert.deepEqual(ptpRules([{ code: '43214' }, { code: '99213', modifiers: ['79', '24'] }]), []);
  });
});
