// Found in review (an EDI analyst): a 4010 interchange whose ISA11 held a delimiter ('^', the 5010
// repetition separator) was told "A value that is not a code is not a valid code for ISA11": the
// value was hidden (it is one mark, no name or id) and what the guide takes was not said. A
// single printable mark is now shown, and a short code list is named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { shownCode } from '../../server/src/core/x12/values';
import { writeX12 } from './helpers/x12-writer';

describe('guide.code-invalid names a short list, and shows a single mark', () => {
  it("a 4010 ISA11 of '^': shown, and U named", () => {
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10.00', date: { from: 20061003, to: 20061003 } }] }], { lineEnding: '\n', version: '4010' });
    const isa11 = 82;
    assert.equal(text[isa11], 'U', 'the writer puts U in ISA11 of a 4010 interchange');
    const broken = text.slice(0, isa11) + '^' + text.slice(isa11 + 1);
    const finding = analyze(broken, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' }).findings.find((f) => f.rule === 'guide.code-invalid' && f.message.includes('ISA11'));
    assert.ok(finding);
    assert.equal(finding.message, "'^' is not a valid code for ISA11 (Interchange Control Standards Identifier): it takes U.");
  });

  it('a single mark is shown; letters that read as a name, and long values, are still described', () => {
    assert.equal(shownCode('^'), "'^'");
    assert.equal(shownCode(' '), 'a value that is not a code');
    assert.equal(shownCode('GARCIA'), 'a value that is not a code');
  });
});
