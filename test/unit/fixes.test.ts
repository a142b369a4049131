import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/edits';
import { addModifierEdit, fixAll, fixesFor, formatAmountLike, removeLines } from '../../server/src/core/fixes';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { parseDocument } from '../../server/src/core/parse';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

describe('removing service lines', () => {
  test('removing the last two rows of a CSV without a final line break is one edit and leaves the header and first row', () => {
    const text = 'Claim,CPT,DOS,Charge\r\nA,43214,2026-03-10,100\r\nA,43200,2026-03-10,50\r\nA,76000,2026-03-10,25';
    const doc = parseDocument(text);
    const edits = removeLines(text, doc, [{ claimIndex: 0, lineIndex: 1 }, { claimIndex: 0, lineIndex: 2 }]);
    assert.equal(edits.length, 1);
    assert.equal(applyEdits(text, edits), 'Claim,CPT,DOS,Charge\r\nA,43214,2026-03-10,100');
  });

  test('fix-all removes two lines of one claim: LX renumbered once, SE01 and CLM02 lowered by both', () => {
    const { text } = writeX12([{ id: 'C1', lines: [
      { code: '43200', charge: '10.00', date: day },
      { code: '43214', charge: '100.00', date: day },
      { code: '76000', charge: '5.50', date: day },
      { code: '99213', charge: '20.00', date: day },
    ] }], { lineEnding: '\n' });
    const analysis = analyze(text, knowledge);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits);
    const after = analyze(fixed, knowledge);
    assert.deepEqual(after.findings, []);
    assert.deepEqual(after.doc.claims[0]!.lines.map((l) => [l.lineNumber, l.code]), [['1', '43214'], ['2', '99213']]);
    assert.equal(after.doc.claims[0]!.totalChargeText, '120.00');
  });

  test('indicator 0 offers removal only, marked preferred', () => {
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1', date: day }, { code: '43200', charge: '1', date: day }] }]);
    const analysis = analyze(text, knowledge);
    const fixes = fixesFor(text, analysis.doc, analysis.findings[0]!);
    assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred]), [['Remove service line 2 (43200, bundled into 43214)', true]]);
  });
});

describe('adding a modifier', () => {
  const lineWith = (composite: string) => {
    const text = `SV1*${composite}*10*UN*1~`;
    const start = 4;
    return {
      text,
      line: {
        modifiers: [],
        modifierInsert: { kind: 'x12-composite' as const, compositeSpan: { start, end: start + composite.length }, componentCount: composite.split(':').length, componentSeparator: ':' },
      } as unknown as Parameters<typeof addModifierEdit>[1],
    };
  };
  for (const [composite, expected] of [
    ['HC:43200', 'HC:43200:XE'],
    ['HC:43200:26', 'HC:43200:26:XE'],
    ['HC:43200::26', 'HC:43200:XE:26'],
    ['HC:43200:26:LT:RT', 'HC:43200:26:LT:RT:XE'],
  ] as const) {
    test(`${composite} -> ${expected}`, () => {
      const { text, line } = lineWith(composite);
      const edit = addModifierEdit(text, line, 'XE');
      assert.ok(edit);
      assert.equal(applyEdits(text, [edit]), `SV1*${expected}*10*UN*1~`);
    });
  }
  test('no free position: no edit', () => {
    const { text, line } = lineWith('HC:43200:26:LT:RT:59');
    assert.equal(addModifierEdit(text, line, 'XE'), null);
  });
});

describe('amounts keep their written form', () => {
  for (const [cents, original, expected] of [
    [175000, '2150.00', '1750.00'],
    [175000, '2150', '1750'],
    [175050, '2150', '1750.50'],
    [17505, '215.5', '175.05'],
    [17500, '215.5', '175.0'],
    // A CSV export's amounts keep their "$", thousands commas and parentheses.
    [61725, '$1,234.50', '$617.25'],
    [123450000, '$2,469,000.00', '$1,234,500.00'],
    [100000, '1,250', '1,000'],
    [-1250, '(25.00)', '(12.50)'],
    [-1250, '-$25.00', '-$12.50'],
    [8000, '$ 160', '$80'],
    [0, '(25.00)', '0.00'],
    // A trailing dot wrote no decimals: the cents still get two.
    [6667, '100.', '66.67'],
    [6600, '100.', '66'],
    [6667, '$1,000.', '$66.67'],
    // More decimals than toFixed takes: a hundred.
    [100, `1.${'0'.repeat(101)}`, `1.${'0'.repeat(100)}`],
  ] as const) {
    test(`${original} -> ${expected}`, () => assert.equal(formatAmountLike(cents, original), expected));
  }
});
