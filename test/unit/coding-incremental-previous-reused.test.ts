// Found in review (837P dependants): reanalyze(previous, text) changed `previous`. When an
// edit moves a claim from one patient to another (here the second dependant's 2010CA name is
// corrected from BOB to ANN, so her claim joins her sibling's patient group), DocumentCoding.after
// (rules/codingRun.ts:258-267, removeClaim/addClaim on this.claimsOfPatient) edits the previous
// analysis's patient index in place and hands that same map to the new DocumentCoding
// (codingRun.ts:296). Reading the same edit again from the same previous analysis then finds
// ANN's group holding claim 2 twice, and reports the one conflict twice.
// Impact is narrow: the server reanalyzes each cached analysis once (lsp/scheduling.ts:174-176),
// so a user meets it only when a reanalysis is repeated from the same previous one, e.g. after a
// request's reanalysis threw past codingAfter, leaving the cached (already changed) analysis in
// place; every PTP finding of the moved patient is then published twice. analyze() of the same
// text reports it once. Now a coding whose index was moved on checks every claim if used again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { practitionerPtpText } from './helpers/ncci-tables';
import { headerSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';

function knowledge() {
  const table = practitionerPtpText(['43214\t43200\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instructions']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

const rendering = (npi: string): SegmentSpec => ['NM1', '82', '1', 'DOC', 'ALEX', '', '', '', 'XX', npi];
const line = (code: string): SegmentSpec[] => [['LX', '1'], ['SV1', ['HC', code], '100', 'UN', '1', '', '', ['1']], ['DTP', '472', 'D8', '20260310']];
const claim = (id: string): SegmentSpec[] => [['CLM', id, '100', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'], ['HI', ['ABK', 'R69']], rendering('1111111112')];
const dependant = (hl: number, first: string): SegmentSpec[] => [
  ['HL', String(hl), '2', '23', '0'], ['PAT', '19'], ['NM1', 'QC', '1', 'DOE', first], ['N3', '2 ELM ST'], ['N4', 'SPRINGFIELD', 'IL', '000000000'], ['DMG', 'D8', '20100101', 'M'],
];

/** One subscriber with two dependants (2000C), ANN (43214) and BOB (43200), same day and rendering provider. */
function twoDependants(): string {
  const body: SegmentSpec[] = [
    ...headerSegments(),
    ['HL', '2', '1', '22', '1'], ['SBR', 'P', '', '', '', '', '', '', '', 'CI'],
    ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000001'], ['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001'],
    ...dependant(3, 'ANN'), ...claim('C1'), ...line('43214'),
    ...dependant(4, 'BOB'), ...claim('C2'), ...line('43200'),
  ];
  return writeTransactions([body], { lineEnding: '\n' }).text;
}

const rules = (findings: readonly { rule: string }[]) => findings.map((f) => f.rule);

describe('reanalyze after an edit that moves a claim to another dependant', () => {
  it('reading the same edit twice from one previous analysis gives what analyze gives', () => {
    const k = knowledge();
    const text = twoDependants();
    const previous = analyze(text, k);
    assert.deepEqual(rules(previous.findings), [], 'two patients: nothing to pair');
    const corrected = text.replace('QC*1*DOE*BOB', 'QC*1*DOE*ANN');
    assert.notEqual(corrected, text);
    assert.deepEqual(rules(analyze(corrected, k).findings), ['ptp.conflict']);

    const first = reanalyze(previous, corrected, k);
    assert.deepEqual(rules(first.findings), ['ptp.conflict'], 'the first re-read is right');
    const again = reanalyze(previous, corrected, k);
    assert.deepEqual(rules(again.findings), ['ptp.conflict'], 'the previous analysis was changed by the first re-read');
  });
});
