// Found trying the guide checks on a public 837I whose service lines write SV2*0301*HC>82270 while
// its ISA16 says the component separator is ':': every line got "SV202-01 is 8 characters long",
// "not a valid code" and "SV202-02 is missing" (as pyx12 reports them), and nothing said why. The
// length finding now names the character that looks like a component separator and is not this
// interchange's. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20261015, to: 20261015 };
// An 837I: its SV202 is a composite the walker does not choose a plan by (an 837P's SV101-01 is,
// so there the segment is not expected, and the reader's x12.procedure-code-invalid names the separator).
const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10.00', date: day }, { code: '99214', charge: '10.00', date: day }] }], { lineEnding: '\n', kind: 'institutional' });
const guide = (t: string) => analyze(t, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' }).findings.filter((f) => f.rule === 'guide.element-length');

describe('a composite written with another component separator than ISA16', () => {
  it('the length finding names the separator it holds and the interchange\'s; the same file with ":" has none (control)', () => {
    assert.deepEqual(guide(text), []);
    assert.match(text, /SV2\*0450\*HC:99214\*/);
    // Not '^': the writer's repetition separator, which splits the value into repeats.
    for (const foreign of ['>', '|', '\\']) {
      const broken = text.replace('SV2*0450*HC:99214*', `SV2*0450*HC${foreign}99214*`);
      const [length, ...more] = guide(broken);
      assert.deepEqual(more, []);
      assert.ok(length, foreign);
      assert.equal(length.message, `SV202-01 (Product or Service ID Qualifier) is 8 characters long; it must be at most 2. It holds ${JSON.stringify(foreign)}, which is not this interchange's component separator (ISA16 is ":"): the segment may have been written with another.`);
      assert.equal(broken.slice(length.span.start, length.span.end), `HC${foreign}99214`);
    }
  });

  it('a value too long without any such character says nothing more', () => {
    const broken = text.replace('SV2*0450*HC:99214*', 'SV2*0450*HCX:99214*');
    const [length] = guide(broken);
    assert.ok(length);
    assert.doesNotMatch(length.message, /separator/);
  });
});
