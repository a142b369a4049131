// Found in review: an HL whose parent (HL02) is not the level just before it. Here a 2000B
// subscriber names the first billing provider (HL 1) as its parent after a second billing provider
// (HL 3) has started. X12's HL rule is that a parent's children follow it before the next parent of
// the same level begins, so the file is out of order; but nothing says so: the guide's HL check
// (guides/hlNumbering.ts, pyx12's stack) accepts a parent anywhere on its stack, and the reader
// (hierarchy837.ts) takes the parties from the position, not from HL02. The claim under HL 5 is
// read as billed by HL 3's NPI, so with the same patient, date and billing provider as HL 1's claim
// its indicator-0 pair is silently missed. Either the claim's billing provider should follow HL02,
// or the file should get a finding on that HL.
import { HlNumbering } from '../../server/src/core/guides/hlNumbering';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeTransactions, type SegmentSpec } from './helpers/x12-writer';

function knowledge() {
  const table = practitionerPtpText(['43214\t43200\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instructions']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

function billingProvider(hl: number, npi: string): SegmentSpec[] {
  return [
    ['HL', String(hl), '', '20', '1'],
    ['NM1', '85', '2', `BILLING ${npi}`, '', '', '', '', 'XX', npi],
    ['N3', '1 MAIN ST'],
    ['N4', 'SPRINGFIELD', 'IL', '627010000'],
    ['REF', 'EI', '000000000'],
  ];
}

function subscriberWithClaim(hl: number, parent: number, memberId: string, claimId: string, code: string): SegmentSpec[] {
  return [
    ['HL', String(hl), String(parent), '22', '0'],
    ['SBR', 'P', '18', '', '', '', '', '', '', 'CI'],
    ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', memberId],
    ['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001'],
    ['CLM', claimId, '100.00', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
    ['HI', ['ABK', 'R69']],
    ['LX', '1'],
    ['SV1', ['HC', code], '100.00', 'UN', '1', '', '', ['1']],
    ['DTP', '472', 'D8', '20260310'],
  ];
}

function document(): string {
  return writeTransactions([
    [
      ['BHT', '0019', '00', '0001', '20260315', '1200', 'CH'],
      ['NM1', '41', '2', 'SUBMITTER CLINIC', '', '', '', '', '46', 'S000001'],
      ['PER', 'IC', 'CONTACT DESK', 'TE', '5555550100'],
      ['NM1', '40', '2', 'EXAMPLE PAYER', '', '', '', '', '46', 'R000001'],
      ...billingProvider(1, '1234567893'),
      ...subscriberWithClaim(2, 1, 'M000001', 'A1', '43214'),
      ...billingProvider(3, '1111111112'),
      ...subscriberWithClaim(4, 3, 'M000002', 'B1', '99213'),
      // A child of HL 1, after HL 3 began.
      ...subscriberWithClaim(5, 1, 'M000001', 'C1', '43200'),
    ],
  ]).text;
}

describe('an HL whose parent is not the billing provider just before it', () => {
  it('the claim under HL 5 is billed by its parent HL 1, or the file says its HLs are out of order', () => {
    const text = document();
    const analysis = analyze(text, knowledge(), undefined, undefined, { guideChecks: 'full' });
    const claim = analysis.doc.claims.find((c) => c.id === 'C1')!;
    const hl5 = text.indexOf('HL*5*1*22');
    const aboutHl5 = analysis.findings.filter((f) => f.span.start >= hl5 && f.span.start < text.indexOf('~', hl5));
    assert.ok(
      claim.billingProviderId === '1234567893' || aboutHl5.length > 0,
      `claim C1 is read as billed by ${claim.billingProviderId} and nothing is reported on HL*5*1`,
    );
  });
});

describe('HL02 and the open branch (guides/hlNumbering.ts)', () => {
  const run = (hls: [string, string, string][]): string[] => {
    const numbering = new HlNumbering();
    const found: string[] = [];
    hls.forEach(([id, parent, child], i) => numbering.check([id, parent, '', child], i, (segment, rule) => found.push(`${rule}@${segment}`)));
    return found.filter((f) => f.startsWith('guide.hl-parent'));
  };

  it('a well-ordered tree (patients under subscribers, a second billing provider) has no finding', () => {
    assert.deepEqual(run([['1', '', '1'], ['2', '1', '1'], ['3', '2', '0'], ['4', '2', '0'], ['5', '1', '0'], ['6', '', '1'], ['7', '6', '0']]), []);
  });

  it('a patient naming a subscriber whose branch ended under another billing provider is out of order (pyx12\'s stack accepts it)', () => {
    assert.deepEqual(run([['1', '', '1'], ['2', '1', '1'], ['3', '2', '0'], ['4', '', '1'], ['5', '2', '0']]), ['guide.hl-parent-order@4']);
  });

  it('one pyx12 already rejects (its parent is off the stack) gets its finding only', () => {
    assert.deepEqual(run([['1', '', '1'], ['2', '1', '1'], ['3', '2', '0'], ['4', '1', '1'], ['5', '2', '0']]), ['guide.hl-parent@4']);
  });

  it('a set whose HL01s do not follow the count (numbering restarted) is not judged for order', () => {
    assert.deepEqual(run([['1', '', '1'], ['2', '1', '0'], ['1', '', '1'], ['2', '1', '0']]), []);
  });
});
