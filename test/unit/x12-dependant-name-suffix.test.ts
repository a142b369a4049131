// Found in review: two dependants of one subscriber who differ only in their name suffix. In 5010
// the 2010CA patient (NM1*QC) has no id (NM108/NM109 not used): the patient is told apart by
// name, suffix (NM107) and demographics (DMG birth date). A mother's policy covering her husband
// JOHN DOE (SR) and their son JOHN DOE JR is an ordinary family. README "How lines are paired":
// under a 2000C loop the patient is "its id, else its name, so two dependants of one subscriber
// stay apart". hierarchy837.ts resolveIds() keys a patient without an id on NM103-NM105 only, so
// father and son (different NM107, different birth dates) are one patient, and a PTP pair across
// their claims is a false 'ptp.conflict' error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { loadKnowledge } from '../../server/src/core/rules';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeTransactions, type SegmentSpec, headerSegments } from './helpers/x12-writer';

function knowledge() {
  const table = practitionerPtpText(['43214\t43200\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instructions']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

/** A 2000C dependant (no id, as 5010 has it) with one claim of one line. */
function dependantWithClaim(hl: number, relationship: string, suffix: string, birthDate: string, claimId: string, code: string): SegmentSpec[] {
  return [
    ['HL', String(hl), '2', '23', '0'],
    ['PAT', relationship],
    ['NM1', 'QC', '1', 'DOE', 'JOHN', '', '', suffix],
    ['N3', '2 ELM ST'],
    ['N4', 'SPRINGFIELD', 'IL', '627010000'],
    ['DMG', 'D8', birthDate, 'M'],
    ['CLM', claimId, '100.00', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
    ['HI', ['ABK', 'R69']],
    ['LX', '1'],
    ['SV1', ['HC', code], '100.00', 'UN', '1', '', '', ['1']],
    ['DTP', '472', 'D8', '20260310'],
  ];
}

function document(): string {
  const body: SegmentSpec[] = [
    ...headerSegments(),
    ['HL', '2', '1', '22', '1'],
    ['SBR', 'P', '', '', '', '', '', '', '', 'CI'],
    ['NM1', 'IL', '1', 'DOE', 'MARY', '', '', '', 'MI', 'M000001'],
    ['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001'],
    ...dependantWithClaim(3, '01', 'SR', '19700101', 'F1', '43214'),
    ...dependantWithClaim(4, '19', 'JR', '20050101', 'S1', '43200'),
  ];
  return writeTransactions([body]).text;
}

function ptpRules(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);
}

describe('dependants who differ only in their name suffix', () => {
  it('control: the file is guide-valid', () => {
    const analysis = analyze(document(), knowledge(), undefined, undefined, { guideChecks: 'full' });
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('guide.') || f.rule.startsWith('x12.')), []);
  });

  it('JOHN DOE SR and JOHN DOE JR are two patients', () => {
    const analysis = analyze(document(), knowledge());
    const [father, son] = analysis.doc.claims;
    assert.notEqual(father!.patientKey, son!.patientKey);
  });

  it('no PTP conflict between the father\'s and the son\'s claims', () => {
    const analysis = analyze(document(), knowledge());
    assert.deepEqual(ptpRules(analysis.findings), []);
  });
});
