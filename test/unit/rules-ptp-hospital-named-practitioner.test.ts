// Found in review (a hospital billing analyst): CMS's practitioner table (ccipra-...) given in the
// hospital PTP setting loaded as the hospital table without a word. It still loads as given (the
// setting names the table), with a warning that its name says otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';

const TABLE = practitionerPtpText(['43214\t43200\t\t20200101\t*\t0\tMisuse of column two code with column one code']);
const load = (hospitalPtpFiles: string[]) => loadKnowledge({ builtinEdits: false, ptpFiles: [], hospitalPtpFiles, descriptorFiles: [], readFile: () => TABLE });

describe('a practitioner-named table given as the hospital table', () => {
  it('loads into the hospital table, with a warning naming what its name says', () => {
    const knowledge = load(['ccipra-v322r0-f1.txt']);
    assert.equal(knowledge.tables.hospital.size, 1);
    assert.equal(knowledge.tables.practitioner.size, 0);
    assert.equal(knowledge.problems.length, 1);
    assert.match(knowledge.problems[0]!.reason, /^its name says it is CMS's practitioner table \(ccipra\); it was loaded as the outpatient hospital table/);
    assert.equal(knowledge.files[0]!.problems, 1);
  });

  it('says nothing of a hospital-named or neutrally named one (control)', () => {
    assert.deepEqual(load(['ccioph-v323r0-f1.txt']).problems, []);
    assert.deepEqual(load(['ptp-2026q4.txt']).problems, []);
  });
});
