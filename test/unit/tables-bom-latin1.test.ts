// Found in review: textInput's survey reads any file with a UTF-8 BOM as UTF-8, even when the bytes after it
// are not valid UTF-8 (latin-1 text behind a BOM: a latin-1 file that an editor or a concatenation
// gave a BOM). Its own comment says bytes that are not valid UTF-8 are read as latin-1, "which
// never fails"; instead every é becomes U+FFFD in rationales and descriptors. Synthetic rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDescriptorFile, loadPtpTable } from '../../server/src/core/rules';
import { decodeText } from '../../server/src/core/rules/textInput';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('a BOM in front of bytes that are not UTF-8', () => {
  it('decodes them as latin-1 (decodeText)', () => {
    const bytes = Buffer.concat([BOM, Buffer.from('11111,Caf\u00e9 example\r\n', 'latin1')]);
    assert.equal(decodeText(bytes), '11111,Caf\u00e9 example\r\n');
  });

  it('keeps a latin-1 rationale of a PTP table (forEachLine)', () => {
    const bytes = Buffer.concat([BOM, Buffer.from('11111\t22222\t\t20200101\t*\t1\tProc\u00e9dures exclusives\r\n', 'latin1')]);
    const result = loadPtpTable(bytes, 'ptp.txt');
    assert.equal(result.rows, 1);
    assert.equal(result.rules.editAt(0).rationale, 'Proc\u00e9dures exclusives');
  });

  it('keeps a latin-1 descriptor', () => {
    const bytes = Buffer.concat([BOM, Buffer.from('Code,Short\r\n11111,Caf\u00e9 example\r\n', 'latin1')]);
    assert.equal(loadDescriptorFile(bytes, 'd.csv').table.get('11111')?.short, 'Caf\u00e9 example');
  });
});
