// Found in review: the descriptor loader picks the delimiter as the first of tab, comma, semicolon, bar that
// occurs in the first line (guessDelimiter). A headerless semicolon- or bar-separated file whose
// first descriptor has a comma in it (most do: "Excision, benign …") is then split on commas, and
// not one row loads. The PTP loader instead picks the delimiter whose first fields are codes.
// Synthetic codes and text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDescriptorFile } from '../../server/src/core/rules';

describe('headerless descriptor file separated by ; or | with commas in the text', () => {
  for (const delimiter of [';', '|']) {
    it(`reads the ${delimiter} file as code${delimiter}short${delimiter}long`, () => {
      const text = [`11111${delimiter}Example excision, small${delimiter}Example long text, with commas`, `22222${delimiter}Second example${delimiter}More text`].join('\r\n') + '\r\n';
      const result = loadDescriptorFile(text, 'descriptors.txt');
      assert.deepEqual(result.problems, []);
      assert.equal(result.rows, 2);
      assert.equal(result.table.get('11111')?.short, 'Example excision, small');
      assert.equal(result.table.get('11111')?.long, 'Example long text, with commas');
    });
  }
});
