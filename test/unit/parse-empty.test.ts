// Issue 15 item 8: an empty file, or one of blank lines, is reported (claimlint.empty-file): a
// note (information) from the core, which the editor shows as it is (a new file being written is
// no problem yet); the CLI makes it an error.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { EMPTY_FILE_RULE, parseDocument } from '../../server/src/core/parse';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

describe('an empty document', () => {
  for (const [name, text] of [['empty', ''], ['blank lines', '\n\r\n  \n\t\n']] as const) {
    it(`${name}: one note at the start, from parseDocument and analyze`, () => {
      const doc = parseDocument(text);
      assert.equal(doc.format, null);
      assert.deepEqual(doc.findings.map((f) => [f.rule, f.severity, f.span]), [[EMPTY_FILE_RULE, 'information', { start: 0, end: 0 }]]);
      assert.equal(EMPTY_FILE_RULE, 'claimlint.empty-file');
      assert.deepEqual(analyze(text, emptyKnowledge()).findings.map((f) => f.rule), [EMPTY_FILE_RULE]);
    });
  }

  it('other text that is not claims gets nothing in the editor', () => {
    assert.deepEqual(parseDocument('Quarterly notes\n').findings, []);
  });
});
