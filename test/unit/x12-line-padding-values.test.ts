// A newline-terminated 837 (each segment ends at its line break) whose lines carry trailing
// blanks, as exports that pad their lines leave them. The blanks are then the end of each
// segment's last element: DTP03 was read as '20260310 ', rejected as x12.date-invalid, and the
// lines lost their dates, so the 43214/43200 conflict on them went unreported. Dates, amounts and
// units (and LX01) are now read through trailing blanks (x12/values.ts endBeforeBlanks; dates837.ts date
// leaves them out of the date's span), as procedure codes are. What the guide checks (`full`)
// make of the padding is theirs (guide.element-trailing-spaces, a warning), and is not tested
// here. The ISA line is left unpadded: blanks after ISA16 are an error of their own
// (x12-isa-blank-before-line-break.test.ts).
// Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { endBeforeBlanks, parseDecimalAt } from '../../server/src/core/x12/values';
import { writeX12 } from './helpers/x12-writer';
import { assertCliAgrees } from './helpers/cli-check';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

/** Two lines on one day (the built-in indicator-0 pair): the first SV1 ends at its charge, the second at its units. */
function written(): string {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }], {
    delimiters: { segment: '\n' },
  });
  const shortened = text.replace('SV1*HC:43214*100.00*UN*1***1\n', 'SV1*HC:43214*100.00\n').replace('SV1*HC:43200*50.00*UN*1***1\n', 'SV1*HC:43200*50.00*UN*2\n');
  assert.equal(shortened.split('\n').filter((line) => line.startsWith('SV1')).length, 2);
  assert.notEqual(shortened, text);
  return shortened;
}

/** `text` with `blanks` at the end of every line but the ISA's. */
function padded(text: string, blanks: string): string {
  const isaEnd = text.indexOf('\n');
  return text.slice(0, isaEnd + 1) + text.slice(isaEnd + 1).replace(/\n/g, `${blanks}\n`);
}

describe('a newline-terminated 837 with trailing blanks on its lines', () => {
  for (const [name, blanks] of [['a space', ' '], ['spaces and a tab', '  \t']] as const) {
    it(`${name}: dates, charges and units are read, and the PTP conflict is found`, () => {
      const plain = analyze(written(), knowledge);
      const text = padded(written(), blanks);
      const analysis = analyze(text, knowledge);
      const rules = analysis.findings.map((f) => f.rule);
      for (const rule of ['x12.date-invalid', 'x12.amount-invalid', 'x12.clm02-sum', 'x12.lx-sequence']) assert.ok(!rules.includes(rule), `${rule} in ${JSON.stringify(rules)}`);
      assert.ok(rules.includes('ptp.conflict'), JSON.stringify(rules));
      assert.deepEqual(plain.findings.map((f) => f.rule), ['ptp.conflict']);

      const [first, second] = analysis.doc.claims[0]!.lines;
      assert.deepEqual(first!.dateOfService, day);
      assert.deepEqual(second!.dateOfService, day);
      assert.equal(first!.charge, 100);
      assert.equal(second!.charge, 50);
      assert.equal(second!.units, 2);
      assert.equal(analysis.doc.claims[0]!.totalCharge, 150);
      // The date's span is the date, without the blanks after it.
      const dateSpan = second!.dateSpan!;
      assert.equal(text.slice(dateSpan.start, dateSpan.end), '20260310');
    });
  }

  it('the CLI, reading the file in pieces, reports what the editor does', async () => {
    await assertCliAgrees(padded(written(), ' '), knowledge);
  });
});

describe('endBeforeBlanks and parseDecimalAt', () => {
  it('read a value through its trailing spaces, tabs and CR, and nothing else', () => {
    assert.equal(endBeforeBlanks('20260310 \t\r', 0, 11), 8);
    assert.equal(endBeforeBlanks('   ', 0, 3), 0);
    assert.equal(endBeforeBlanks('x 1 ', 1, 3), 3);
    assert.equal(parseDecimalAt('12.50 \r', 0, 7), 12.5);
    assert.equal(parseDecimalAt(' 12.50', 0, 6), null, 'leading blanks are not padding a line leaves');
    assert.equal(parseDecimalAt('1 2', 0, 3), null);
    assert.equal(parseDecimalAt('  ', 0, 2), null);
  });
});
