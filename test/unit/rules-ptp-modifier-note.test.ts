// Found by a user (a coder): a 'ptp.modifier-required' finding repeated "add XE, XS, XP, XU or 59"
// when the line already carried 25 on a procedure, 91 on a code that is no laboratory test, or LT
// on both lines, and did not say why the modifier written did not count. The finding now ends with
// why (ptpBypass.ts modifierNote); it says nothing more when no modifier that could have counted is
// written, and nothing changes for a pair whose modifiers do let it pass. Synthetic codes and data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

const DAY = { from: 20260310, to: 20260310 };

const knowledge = loadKnowledge({
  builtinEdits: false,
  ptpFiles: ['ccipra-v321r0-f1.txt'],
  descriptorFiles: [],
  readFile: () => practitionerPtpText(['43214\t99213\t\t20200101\t*\t1\tStandards of medical / surgical practice', '20610\t20605\t\t20200101\t*\t1\tMutually exclusive procedures']),
});

/** The words after the finding's usual tail, for the one PTP finding of a claim of these lines ('' when none; null: no finding). */
function note(lines: { code: string; modifiers?: string[] }[]): string | null {
  const { text } = writeX12([{ id: 'A', lines: lines.map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
  const findings = analyze(text, knowledge).findings.filter((f) => f.rule.startsWith('ptp.'));
  if (findings.length === 0) return null;
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.rule, 'ptp.modifier-required');
  const [, after] = findings[0]!.message.split('otherwise remove that line.');
  return after!.trim();
}

describe('ptp.modifier-required says why the modifiers written do not let the pair pass', () => {
  it('no modifier written: nothing more (control)', () => {
    assert.equal(note([{ code: '43214' }, { code: '99213' }]), '');
  });

  it('76 (or 22, 77) never lets a pair pass, and the note says so (a coder\'s review found it silent)', () => {
    assert.equal(
      note([{ code: '20610' }, { code: '20605', modifiers: ['76'] }]),
      'The modifiers already written do not let the pair pass: 76 on the 20605 line does not let a PTP pair pass (22, 76 and 77 say more work or a repeat of the service, not a distinct one).',
    );
    assert.equal(
      note([{ code: '20610', modifiers: ['22'] }, { code: '20605', modifiers: ['77', '76'] }]),
      'The modifiers already written do not let the pair pass: 76 and 77 on the 20605 line do not let a PTP pair pass (22, 76 and 77 say more work or a repeat of the service, not a distinct one); 22 on the 20610 line does not let a PTP pair pass (22, 76 and 77 say more work or a repeat of the service, not a distinct one).',
    );
    // Beside a modifier that lets it pass, nothing is said.
    assert.equal(note([{ code: '20610' }, { code: '20605', modifiers: ['76', 'XS'] }]), null);
  });

  it('25 on the procedure line', () => {
    assert.equal(note([{ code: '43214', modifiers: ['25'] }, { code: '99213' }]), 'The modifiers already written do not let the pair pass: 25 on the 43214 line counts only on an E/M code (99202-99499, or the hospital visit codes G0463 and G0380-G0384).');
  });

  it('91 on a code that is no laboratory test', () => {
    assert.equal(note([{ code: '43214' }, { code: '99213', modifiers: ['91'] }]), 'The modifiers already written do not let the pair pass: 91 on the 99213 line counts only on a laboratory code.');
  });

  it('the same site on both lines', () => {
    assert.equal(
      note([{ code: '20610', modifiers: ['LT'] }, { code: '20605', modifiers: ['LT'] }]),
      'The modifiers already written do not let the pair pass: both lines name LT, and an anatomic modifier lets the pair pass only when the lines name different sites.',
    );
  });

  it('a site on one line only', () => {
    assert.equal(
      note([{ code: '20610' }, { code: '20605', modifiers: ['RT'] }]),
      'The modifiers already written do not let the pair pass: only the 20605 line names a site (RT): an anatomic modifier lets the pair pass when each line names a different one.',
    );
  });

  it('the column-2 line has four modifiers: the advice to add one says its positions are taken', () => {
    assert.equal(
      note([{ code: '20610' }, { code: '20605', modifiers: ['GA', 'KX', 'GY', 'GZ'] }]),
      "The 20605 line's four modifier positions are all taken: a modifier can go there only in place of one of them.",
    );
    assert.equal(
      note([{ code: '20610' }, { code: '20605', modifiers: ['76', '77', 'GA', 'KX'] }]),
      "The modifiers already written do not let the pair pass: 76 and 77 on the 20605 line do not let a PTP pair pass (22, 76 and 77 say more work or a repeat of the service, not a distinct one). The 20605 line's four modifier positions are all taken: a modifier can go there only in place of one of them.",
    );
    assert.equal(
      note([{ code: '20610' }, { code: '20605', modifiers: ['RT', '76', 'GA', 'KX'] }]),
      "The modifiers already written do not let the pair pass: 76 on the 20605 line does not let a PTP pair pass (22, 76 and 77 say more work or a repeat of the service, not a distinct one); only the 20605 line names a site (RT): an anatomic modifier lets the pair pass when each line names a different one. The 20605 line's four modifier positions are all taken: a modifier can go there only in place of one of them.",
    );
    // Four on the column-1 line take nothing from the line the advice is about.
    assert.equal(note([{ code: '20610', modifiers: ['GA', 'KX', 'GY', 'GZ'] }, { code: '20605' }]), '');
  });

  it('modifiers that do count: no finding at all (control)', () => {
    assert.equal(note([{ code: '43214' }, { code: '99213', modifiers: ['25'] }]), null);
    assert.equal(note([{ code: '20610', modifiers: ['LT'] }, { code: '20605', modifiers: ['RT'] }]), null);
  });

  it('the same words when the group is large enough for the class path (ptpLargeGroups.ts)', () => {
    const many = Array.from({ length: 70 }, (_, i) => ({ code: i % 2 === 0 ? '43214' : '99213', modifiers: i % 2 === 0 ? ['25'] : [] }));
    const { text } = writeX12([{ id: 'A', lines: many.map((l) => ({ ...l, charge: '100.00', date: DAY })) }]);
    const messages = analyze(text, knowledge).findings.filter((f) => f.rule === 'ptp.modifier-required').map((f) => f.message);
    assert.ok(messages.length > 0);
    for (const message of messages) assert.match(message, /25 on the 43214 line counts only on an E\/M code \(99202-99499, or the hospital visit codes G0463 and G0380-G0384\)\.$/);
  });
});
