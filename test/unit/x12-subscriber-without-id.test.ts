// Found in review: who a claim is for when the subscriber is the patient (no 2000C loop) and the
// 2010BA NM1*IL carries no member id. In the 4010 837P guide (004010X098A1) NM108/NM109 of the
// subscriber's name are situational, so a legal file may name a subscriber by name alone.
// README "How lines are paired": the patient is the payer, the subscriber's member id and, under
// a 2000C loop, the patient (its id, else its name, "so two dependants of one subscriber stay
// apart"). hierarchy837.ts patientKey() falls back to a name only for the 2000C patient: two
// different subscribers (SMITH ANN and JONES BOB) with no NM109 under one payer both get the key
// "payer\0\0", so their claims are one patient and a PTP pair across them is a false
// 'ptp.conflict' error (in the CLI's X12Stream too, which uses the same reader).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { loadKnowledge } from '../../server/src/core/rules';
import { X12Stream } from '../../server/src/core/x12/stream';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeTransactions, type SegmentSpec, headerSegments } from './helpers/x12-writer';

function knowledge() {
  const table = practitionerPtpText(['43214\t43200\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instructions']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

/** A 2000B subscriber who is the patient (no member id when `id` is null) with one claim of one line. */
function subscriberWithClaim(hl: number, last: string, first: string, id: string | null, claimId: string, code: string): SegmentSpec[] {
  return [
    ['HL', String(hl), '1', '22', '0'],
    ['SBR', 'P', '18', '', '', '', '', '', '', 'CI'],
    id === null ? ['NM1', 'IL', '1', last, first] : ['NM1', 'IL', '1', last, first, '', '', '', 'MI', id],
    ['N3', '1 MAIN ST'],
    ['N4', 'SPRINGFIELD', 'IL', '627010000'],
    ['DMG', 'D8', '19800101', 'F'],
    ['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001'],
    ['CLM', claimId, '100.00', '', '', ['11', '', '1'], 'Y', 'A', 'Y', 'Y', 'C'],
    ['HI', ['BK', '7809']],
    ['LX', '1'],
    ['SV1', ['HC', code], '100.00', 'UN', '1', '', '', ['1']],
    ['DTP', '472', 'D8', '20260310'],
  ];
}

function document(ids: [string | null, string | null]): string {
  const body: SegmentSpec[] = [
    ...headerSegments({ implementation4010: '004010X098A1' }),
    ...subscriberWithClaim(2, 'SMITH', 'ANN', ids[0], 'A1', '43214'),
    ...subscriberWithClaim(3, 'JONES', 'BOB', ids[1], 'B1', '43200'),
  ];
  return writeTransactions([body], { version: '4010' }).text;
}

function ptpRules(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);
}

describe('two subscribers without a member id are two patients', () => {
  it('control: the 4010 file without NM109 is guide-valid', () => {
    const analysis = analyze(document([null, null]), knowledge(), undefined, undefined, { guideChecks: 'full' });
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('guide.') || f.rule.startsWith('x12.')), []);
  });

  it('control: with member ids, the two subscribers are two patients (no PTP finding)', () => {
    const analysis = analyze(document(['M000001', 'M000002']), knowledge());
    assert.deepEqual(ptpRules(analysis.findings), []);
  });

  it('the claims of SMITH ANN and JONES BOB (no NM109) are not one patient', () => {
    const analysis = analyze(document([null, null]), knowledge());
    const [a, b] = analysis.doc.claims;
    assert.notEqual(a!.patientKey, b!.patientKey);
  });

  it('no PTP conflict is reported between two different subscribers', () => {
    const analysis = analyze(document([null, null]), knowledge());
    assert.deepEqual(ptpRules(analysis.findings), []);
  });

  it('read in pieces (the CLI path), no PTP conflict either', () => {
    const text = document([null, null]);
    const stream = new X12Stream(knowledge(), undefined, { codedLinesOnly: true });
    const findings: Finding[] = [];
    for (let at = 0; at < text.length; at += 64) findings.push(...stream.feed(text.slice(at, at + 64)).findings);
    findings.push(...stream.end().findings);
    assert.deepEqual(ptpRules(findings), []);
  });
});
