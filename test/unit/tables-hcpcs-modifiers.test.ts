// Found in review: README offers "the public HCPCS file saved as CSV" as a descriptor file. That file holds
// the HCPCS modifiers too (two-character HCPC values, with their own continuation rows). Each
// modifier row is reported as "… is not a procedure code", so loading the file as documented
// always ends in a warning with hundreds of problems. Rows of the file's own modifier records are
// not malformed rows. Synthetic rows in the HCPCS file's column layout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDescriptorFile } from '../../server/src/core/rules';

describe('public HCPCS file with its modifier records', () => {
  it('loads the procedure codes without reporting the modifier rows as problems', () => {
    const csv = [
      'HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION',
      'Q1,00100,7,"Example modifier long text, first part",Example modifier',
      'Q1,00200,8,second part of the example modifier text,',
      'Z9,00100,7,Another example modifier,Another modifier',
      'G9991,00100,3,"Example procedure, long text",Example procedure',
      'G9991,00200,4,continued long text,',
    ].join('\r\n') + '\r\n';
    const result = loadDescriptorFile(csv, 'HCPC2099_ANWEB.csv');
    assert.equal(result.table.get('G9991')?.long, 'Example procedure, long text continued long text');
    assert.deepEqual(result.problems, []);
  });
});
