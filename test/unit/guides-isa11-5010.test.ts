// Found in review: a 5010 interchange whose ISA11 is not a delimiter gets no finding. In 00501
// ISA11 is the repetition separator (a special character distinct from the other delimiters; the
// letter U is 4010's standards identifier). x12/isa.ts reads a letter, digit or blank there as
// "no repetition separator", and the 00501 envelope map lists no codes for ISA11, so
// `...*1200*U*00501*...` (a 4010 header copied into a 5010 file) passes the guide checks in
// `full`, though a 5010 reader takes every U of the data as a repetition separator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeX12 } from './helpers/x12-writer';
import { fullFindings } from './helpers/guide-findings';

const full = fullFindings;
const day = { from: 20240110, to: 20240110 };

describe('ISA11 of a 5010 interchange', () => {
  test('a special character (^) is valid', () => {
    const text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
    assert.deepEqual(full(text).map((f) => f.rule), []);
  });

  for (const isa11 of ['U', 'A', '1']) {
    test(`${isa11} is reported on ISA11`, () => {
      const good = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
      const text = good.replace('*1200*^*00501*', `*1200*${isa11}*00501*`);
      assert.notEqual(text, good);
      const found = full(text).filter((f) => f.rule.startsWith('guide.') && f.message.includes('ISA11'));
      assert.ok(found.length > 0, `no guide finding on ISA11 ${isa11}`);
    });
  }
});

// Found by a user: the 00501 envelope map (pyx12's) keeps 4010's name for ISA11, so a finding on it
// called the repetition separator the "Interchange Control Standards Identifier".
describe('ISA11 of a 5010 interchange is named the repetition separator', () => {
  test('a repetition separator equal to the component separator: the finding names it so', () => {
    const good = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
    const text = good.replace('*1200*^*00501*', '*1200*:*00501*');
    assert.notEqual(text, good);
    const messages = full(text).filter((f) => f.message.startsWith('ISA11')).map((f) => f.message);
    assert.ok(messages.length > 0);
    for (const message of messages) assert.doesNotMatch(message, /Standards Identifier/);
    assert.ok(messages.some((m) => /ISA11 \(Repetition Separator\)/.test(m)), messages.join('\n'));
  });
});
