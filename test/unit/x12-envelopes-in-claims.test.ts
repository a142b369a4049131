// parse837.ts reads the segments of an open 837 transaction set in a loop of their own (runClaims),
// which hands every segment that opens or closes an envelope back to the walk (readSegment). Each
// of ISA, IEA, GS, GE, ST and SE is put here right after a claim's last segment, inside an open
// transaction set, where only that hand-over reads it: a code the loop kept would leave its
// envelope unread (a set, group or interchange missing, or an unclosed one not reported).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse837 } from '../../server/src/core/x12/parse837';
import { X12SegmentIndex } from '../../server/src/core/x12/segment-index';
import { tokenize } from '../../server/src/core/x12/tokenizer';

const ISA = (control: string) => `ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *260315*1200*^*00501*${control}*0*T*:`;
const GS = (control: string) => `GS*HC*SENDER01*RECEIVER01*20260315*1200*${control}*X*005010X222A1`;

/** The header of an 837P set and one claim of one line (no SE). */
function openSet(control: string, claim: string): string[] {
  return [
    `ST*837*${control}*005010X222A1`,
    'BHT*0019*00*0001*20260315*1200*CH',
    'HL*1**20*1',
    'NM1*85*2*EXAMPLE BILLING*****XX*1234567893',
    'HL*2*1*22*0',
    'SBR*P*18*******CI',
    'NM1*IL*1*DOE*JANE****MI*M000001',
    'NM1*PR*2*EXAMPLE PAYER*****PI*P000001',
    `CLM*${claim}*100.00***11:B:1*Y*A*Y*Y`,
    'LX*1',
    'SV1*HC:99213*100.00*UN*1***1',
    'DTP*472*D8*20260310',
  ];
}

/** SE01 for a set that starts `length` segments before its SE. */
const SE = (count: number, control: string) => `SE*${count + 1}*${control}`;

const segments = [
  ISA('000000001'),
  GS('1'),
  ...openSet('0001', 'C1'),
  SE(12, '0001'), // SE right after the claim's DTP
  ...openSet('0002', 'C2'),
  ...openSet('0003', 'C3'), // ST while 0002 is open
  SE(12, '0003'),
  ...openSet('0004', 'C4'),
  'GE*4*1', // GE while 0004 is open
  GS('2'),
  ...openSet('0005', 'C5'),
  GS('3'), // GS while 0005 (and group 2) is open
  ...openSet('0006', 'C6'),
  'IEA*3*000000001', // IEA while 0006, group 3 and the interchange are open
  ISA('000000002'),
  GS('4'),
  ...openSet('0007', 'C7'),
  ISA('000000003'), // ISA while 0007, group 4 and interchange 2 are open
  GS('5'),
  ...openSet('0008', 'C8'),
  SE(12, '0008'),
  'GE*1*5',
  'IEA*1*000000003',
];
const text = segments.join('~\n') + '~\n';

describe('envelope segments right after a claim, inside an open transaction set', () => {
  const parsed = parse837(new X12SegmentIndex(tokenize(text)));

  it('every ISA, GS and ST opens its envelope, and every claim is read', () => {
    assert.equal(parsed.interchanges.length, 3);
    assert.equal(parsed.groups.length, 5);
    assert.equal(parsed.transactions.length, 8);
    assert.deepEqual(
      parsed.claims.map((claim) => claim.id),
      ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'],
    );
  });

  it('every SE, GE and IEA closes its envelope, and what they leave open is reported where it ends', () => {
    const unclosed = parsed.findings
      .filter((finding) => finding.rule === 'x12.envelope-unclosed')
      .map((finding) => finding.message)
      .sort();
    assert.deepEqual(unclosed, [
      "GS '2' has no GE before the next GS",
      "GS '3' has no GE before IEA",
      "GS '4' has no GE before the next ISA",
      "ISA '000000002' has no IEA before the next ISA",
      "ST '0002' has no SE before the next ST",
      "ST '0004' has no SE before GE",
      "ST '0005' has no SE before the next GS",
      "ST '0006' has no SE before IEA",
      "ST '0007' has no SE before the next ISA",
    ]);
    // The SEs after C1, C3 and C8 count their sets' segments right: no SE01 finding.
    assert.deepEqual(parsed.findings.filter((finding) => finding.rule === 'x12.se01-count'), []);
  });
});
