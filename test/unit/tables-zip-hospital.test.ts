// Found in review: a CMS outpatient hospital PTP table (ccioph-…) inside a zip whose own name does not say
// "hospital" (a renamed download, or one zip bundling the practitioner and hospital parts) must go
// to the hospital table: README says table files whose name contains ccioph are hospital tables,
// and the MUE loader already reads a zipped table's own name (knowledge.ts). Synthetic rows only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { loadKnowledge } from '../../server/src/core/rules';
import { openFileBlocks } from '../../server/src/core/rules/readFile';
import { expandRuleFilePaths, tableKindFromName } from '../../server/src/core/rules/ruleFiles';

const PREAMBLE = [
  'CPT only copyright 2099 Example.  All rights reserved.\t\t\t\t\t\t',
  'Column1/Column2 Edits\t\t\t\t\t\t',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
];
const table = (row: string): string => [...PREAMBLE, row].join('\r\n') + '\r\n';

const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-ziphosp-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function knowledgeOf(paths: string[]) {
  return loadKnowledge({
    builtinEdits: false,
    ptpFiles: paths,
    descriptorFiles: [],
    readFile: (path) => openFileBlocks(path),
    expand: (p) => expandRuleFilePaths(p),
    tableOfName: tableKindFromName,
  });
}

describe('hospital PTP table chosen by the name of the table inside a zip', () => {
  it('puts ccioph-….txt from a generically named zip into the hospital table, ccipra-….txt into the practitioner one', () => {
    const path = join(dir, 'ncci-2099q1-ptp.zip');
    writeFileSync(
      path,
      zipSync({
        'ccipra-v991r0-f1.txt': strToU8(table('11111\t22222\t\t20200101\t*\t1\tMutually exclusive procedures')),
        'ccioph-v991r0-f1.txt': strToU8(table('33333\t44444\t\t20200101\t*\t0\tMutually exclusive procedures')),
      }),
    );
    const knowledge = knowledgeOf([path]);
    const tables = Object.fromEntries(knowledge.files.map((file) => [file.source.split(' › ')[1], file.table]));
    assert.deepEqual(tables, { 'ccipra-v991r0-f1.txt': 'practitioner', 'ccioph-v991r0-f1.txt': 'hospital' });
    assert.ok(knowledge.tables.hospital.lookup('33333', '44444', 20240101), 'the ccioph edit is in the hospital table');
    assert.equal(knowledge.tables.practitioner.lookup('33333', '44444', 20240101), null, 'and not in the practitioner table');
  });
});
