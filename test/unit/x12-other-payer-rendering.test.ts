// Found in review: who rendered a claim. A PTP edit applies to "the same patient, by the same provider"
// (the NCCI reference (README, How lines are paired), first paragraph); README "How lines are paired": the provider is
// the line's rendering provider (2420A NM1*82), else the claim's (2310B). A claim sent with
// coordination of benefits also carries 2320/2330 loops for the other payer, and among them
// 2330E "Other Payer Rendering Provider", an NM1*82 whose NM108/NM109 are not used (the other
// payer's id goes in REF*G2). hierarchy837.ts takes every NM1*82 of the claim before its first line
// as 2310B, so the 2330E one (no NM109) replaces the real 2310B NPI: the claim falls back to its
// billing provider, and an indicator-0 pair with another claim of the same rendering NPI becomes
// 'ptp.other-rendering-provider' (information) instead of a 'ptp.conflict' error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { practitionerPtpText } from './helpers/ncci-tables';
import { loadKnowledge } from '../../server/src/core/rules';
import { claimSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };
const RENDERING = ['NM1', '82', '1', 'DOE', 'JOHN', '', '', '', 'XX', '1111111112'] as const;

function knowledge() {
  const table = practitionerPtpText(['43214\t43200\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instructions']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

/** Two claims of one patient, both with 2310B rendering NPI 1111111112; the first also with a 2320/2330 other-payer block when `cob`. */
function document(cob: boolean): string {
  const body = claimSegments([
    { id: 'A', lines: [{ code: '43214', charge: '100.00', date: DAY }] },
    { id: 'B', lines: [{ code: '43200', charge: '50.00', date: DAY }] },
  ]);
  const out: SegmentSpec[] = [];
  let claims = 0;
  for (const segment of body) {
    out.push(segment);
    if (segment[0] !== 'HI') continue;
    out.push(RENDERING); // 2310B
    if (cob && claims === 0) {
      out.push(['SBR', 'S', '18', '', '', '', '', '', '', 'CI']); // 2320
      out.push(['OI', '', '', 'Y', '', '', 'Y']);
      out.push(['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000001']); // 2330A
      out.push(['NM1', 'PR', '2', 'OTHER PAYER', '', '', '', '', 'PI', 'P000002']); // 2330B
      out.push(['NM1', '82', '1']); // 2330E other payer rendering provider: no NM108/NM109
      out.push(['REF', 'G2', 'OP0001']);
    }
    claims++;
  }
  return writeTransactions([out]).text;
}

describe('a 2330E NM1*82 is not the claim\'s rendering provider', () => {
  it('control: without the other-payer loops the pair is a conflict', () => {
    const analysis = analyze(document(false), knowledge());
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule), ['ptp.conflict']);
  });

  it('the claim keeps its 2310B rendering provider', () => {
    const analysis = analyze(document(true), knowledge());
    assert.deepEqual(analysis.doc.claims.map((c) => c.renderingProviderId), ['1111111112', '1111111112']);
  });

  it('with the other-payer loops the pair is still a conflict (same rendering NPI)', () => {
    const analysis = analyze(document(true), knowledge());
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule), ['ptp.conflict']);
  });
});
