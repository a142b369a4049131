// Found in review (hover, files checked from disk): a claim CSV whose Bill Type column names an
// inpatient type of bill (0111) is judged by no NCCI table (README, "How lines are paired"): the
// open document's hover says so, and the check pairs nothing. Checked from disk (a file over VS
// Code's 50 MB limit, or any LSP client hovering such a file), the hover index sets each claim's
// table from its kind alone (DiskIndexBuilder.finish passes facility type null), so the same code
// hovers as judged by the outpatient hospital table and lists edits the check never applies.
// finish now takes each claim's kind and facility type from the staged lines the check judged
// (CsvStreamResult.coded). Synthetic data only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { checkFileFromDisk } from '../../server/src/lsp/diskRead';

const knowledge = emptyKnowledge(true);
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-disk-hover-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hover on a code of an inpatient CSV claim checked from disk', () => {
  test('says what the open document says: no table judges the claim', async () => {
    const text = [
      'Claim ID,Patient ID,Bill Type,Date of Service,CPT/HCPCS,Units,Charge',
      'C1,P1,0111,2026-03-10,43214,1,1500.00',
      'C1,P1,0111,2026-03-10,43200,1,400.00',
    ].join('\n') + '\n';
    const path = join(dir, 'inpatient.csv');
    writeFileSync(path, text);
    const offset = text.indexOf('43214') + 2;

    const open = hoverAt(analyze(text, knowledge), offset, knowledge);
    assert.ok(open, 'the open document answers');
    assert.match(open.markdown, /type of bill 11x/, 'the open document: no table applies to an inpatient bill');

    const checked = await checkFileFromDisk(path, knowledge, { index: true });
    assert.ok(checked?.index, 'a hover index');
    assert.equal(checked.findings.filter((f) => f.rule.startsWith('ptp.')).length, 0, 'the check pairs nothing on an inpatient claim');
    const fromDisk = checked.index.hoverAt(offset);
    assert.ok(fromDisk, 'the disk index answers');
    assert.doesNotMatch(fromDisk.markdown, /outpatient hospital table/, `the disk hover lists hospital edits the check does not apply:\n${fromDisk.markdown}`);
    assert.equal(fromDisk.markdown, open.markdown);
  });
});
