// Found in review (user descriptor files): a descriptor CSV with one cell whose opening quote
// never closes (a typo, a file cut short by an export) is read by parseDelimited, where "an
// unterminated quote takes the rest of the text": every row after it becomes part of that one
// code's long descriptor. The rest of the file's codes are silently not loaded (no problem is
// reported, though README says a descriptor file with problems is reported and its good rows used),
// and the hover of the first code shows the rest of the file as its "descriptor". The MUE and
// add-on code loaders (records.ts forEachRecord) report such a quote and read the lines after it
// again; the descriptor loader now does the same (parseDelimited's `unclosed`, at the same 20
// lines), dropping the record the quote opens in. Synthetic descriptors only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadDescriptorFile } from '../../server/src/core/rules';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';

/** A header, a row whose long descriptor opens a quote that never closes, then ordinary rows. */
function descriptorFile(): string {
  const rows = ['Code,Short Descriptor,Long Descriptor', '11042,Synthetic deb subq,"Synthetic debridement, first 20 sq cm or less'];
  for (let i = 0; i < 200; i++) rows.push(`${11043 + i},Synthetic short ${i},Synthetic long descriptor ${i}`);
  return rows.join('\n') + '\n';
}

describe('a descriptor file with a quote that never closes', () => {
  it('reports the problem and still loads the rows after it', () => {
    const result = loadDescriptorFile(descriptorFile(), 'synthetic-cpt.csv');
    assert.ok(result.problems.length > 0, `no problem reported; ${result.rows} row(s) loaded from 201`);
    assert.equal(result.table.get('11044')?.long, 'Synthetic long descriptor 1', 'the rows after the open quote are loaded');
    assert.ok(result.rows >= 200, `${result.rows} row(s) loaded`);
  });

  it('the hover of the code with the open quote does not show the rest of the file as its descriptor', () => {
    const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: ['/licensed/synthetic-cpt.csv'], readFile: () => descriptorFile() });
    const csv = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,11042,1\n';
    const hover = hoverAt(analyze(csv, knowledge), csv.indexOf('11042'), knowledge);
    assert.ok(hover);
    assert.ok(!hover.markdown.includes('11043'), `the hover of 11042 holds the next rows of the file (${hover.markdown.length} characters)`);
  });
});
