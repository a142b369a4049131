// Issue 15 item 6, the editor's side: it gets text already decoded, so a UTF-16 file read as
// UTF-8 arrives with a NUL beside every character, and a file in a single-byte encoding that is
// not UTF-8 arrives full of U+FFFD. parseDocument says so instead of nothing.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENCODING_RULE, parseDocument } from '../../server/src/core/parse';

const example = readFileSync(resolve(__dirname, '../../examples/professional-43214.837'), 'utf8');
const rulesOf = (text: string) => parseDocument(text).findings.map((f) => [f.rule, f.severity, f.span.start, f.span.end]);

describe('text in an encoding that was read as another', () => {
  it('UTF-16LE read as UTF-8 or ASCII: a NUL after every character', () => {
    const text = Buffer.from(example, 'utf16le').toString('latin1');
    assert.deepEqual(rulesOf(text), [[ENCODING_RULE, 'error', 0, 0]]);
    assert.equal(ENCODING_RULE, 'claimlint.encoding');
    assert.match(parseDocument(text).findings[0]!.message, /^The file looks like UTF-16LE text without a byte-order mark; save it as UTF-8 or ASCII/);
  });

  it('UTF-16BE: a NUL before every character', () => {
    const text = Buffer.from(example, 'utf16le').swap16().toString('latin1');
    assert.match(parseDocument(text).findings[0]!.message, /looks like UTF-16BE text; save it as UTF-8 or ASCII/);
  });

  it('bytes that are not UTF-8 (EBCDIC, say) read as UTF-8: mostly U+FFFD', () => {
    const text = example.replace(/[A-Z0-9]/g, '\ufffd');
    assert.deepEqual(rulesOf(text).map((r) => r[0]), [ENCODING_RULE]);
    assert.match(parseDocument(text).findings[0]!.message, /not UTF-8 or ASCII text/);
  });

  it('claim files and other text are not affected', () => {
    assert.deepEqual(parseDocument(example).findings, []);
    assert.deepEqual(parseDocument('Notes with one odd \ufffd character and a NUL \u0000 here.\n').findings, []);
    // A claim file with a few undecodable characters in a name is still a claim file.
    assert.equal(parseDocument(example.replace('JANE', 'J\ufffdNE')).format, 'x12');
  });
});
