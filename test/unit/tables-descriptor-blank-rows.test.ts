// Found in review: a descriptor CSV saved from a spreadsheet often ends with rows of delimiters only
// (",," — cells that were formatted but left empty). The PTP, MUE and add-on code loaders skip
// such rows; the descriptor loader reports each as "(a 0-character value) is not a procedure code"
// (parseDelimited keeps a record of empty fields). Synthetic codes and text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDescriptorFile } from '../../server/src/core/rules';

describe('descriptor file with rows of empty cells', () => {
  it('skips rows whose cells are all empty, as the other loaders do', () => {
    const csv = 'Code,Short Descriptor,Long Descriptor\r\n00100,Anesth example short,Example long text\r\n0001F,Example category ii,\r\n,,\r\n,,\r\n';
    const result = loadDescriptorFile(csv, 'descriptors.csv');
    assert.equal(result.rows, 2);
    assert.deepEqual(result.problems, []);
  });

  it('skips them in a tab-separated file too', () => {
    const tsv = '00100\tAnesth example short\r\n\t\r\n\t\t\r\n';
    const result = loadDescriptorFile(tsv, 'descriptors.tsv');
    assert.equal(result.rows, 1);
    assert.deepEqual(result.problems, []);
  });
});
