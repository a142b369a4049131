// After an edit, the server reads again only the transaction set the edit falls in
// (reanalyze). Oracle: for any document and any edit, the result equals a full analyze() of the
// edited text: findings, claims with every span, envelopes and the segment table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { differenceOf, rereadTransactionSet } from '../../server/src/core/x12/incremental';
import { fuzzKnowledge, mutatedDocumentArb, runParameters, writeX12Scenario, x12ScenarioArb } from '../fuzz/generators';
import { writeX12 } from './helpers/x12-writer';
import { comparable } from './helpers/analysis';

const knowledge = fuzzKnowledge();

interface Edit {
  /** Where, as a fraction of the text length. */
  at: number;
  remove: number;
  insert: string;
}

const INSERTS = ['', '1', '9', ' ', '*', ':', '~', '\n', '43200', '43214', '59', 'XS', 'LX*9~', 'SV1*HC:43200*50*UN*1~', 'ST*837*0009~', 'SE*9*0001~', 'GE*1*1~', 'ISA*', 'DTP*472*D8*20260311~', 'CLM*X9*10~'];
const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 })),
  insert: fc.constantFrom(...INSERTS),
});

function applyEdit(text: string, edit: Edit): string {
  const at = Math.min(text.length, Math.floor(edit.at * text.length));
  return text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
}



/** Applies the edits one after another; returns how many were read again incrementally. */
function checkEdits(text: string, edits: readonly Edit[]): number {
  let previous = analyze(text, knowledge);
  let incremental = 0;
  for (const edit of edits) {
    const next = applyEdit(previous.text, edit);
    const expected = comparable(analyze(next, knowledge));
    // Copies: rereadTransactionSet consumes the previous analysis, which the next step needs.
    if (rereadTransactionSet(previous.text, analyze(previous.text, knowledge).doc, next, knowledge) !== null) incremental++;
    const actual = reanalyze(previous, next, knowledge);
    assert.deepEqual(comparable(actual), expected);
    previous = actual;
  }
  return incremental;
}

describe('reanalyze: one transaction set read again after an edit', () => {
  it('gives what a full analysis gives, for any edits of any 837', () => {
    let incremental = 0;
    let edits = 0;
    fc.assert(
      fc.property(x12ScenarioArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), (scenario, list) => {
        incremental += checkEdits(writeX12Scenario(scenario), list);
        edits += list.length;
      }),
      runParameters(300, 7201),
    );
    // The oracle means something only if most edits took the incremental path.
    assert.ok(incremental > edits * 0.4, `${incremental} of ${edits} edits read incrementally`);
  });

  it('gives what a full analysis gives when the document was broken before the edit', () => {
    fc.assert(
      fc.property(
        mutatedDocumentArb.filter((d) => d.scenario.format === 'x12'),
        fc.array(editArb, { minLength: 1, maxLength: 3 }),
        (document, list) => {
          checkEdits(document.text, list);
        },
      ),
      runParameters(200, 7203),
    );
  });

  it('reads one set of many again when a code changes, and the conflict follows it', () => {
    const day = { from: 20260310, to: 20260310 };
    const claims = Array.from({ length: 20 }, (_, i) => ({
      id: `C${i}`,
      date: day,
      lines: [{ code: '43214', charge: '100.00', date: day }, { code: i === 7 ? '99213' : '43200', charge: '50.00', date: day }],
    }));
    const text = writeX12(claims, { transactions: 5, lineEnding: '\n' }).text;
    const before = analyze(text, knowledge);
    assert.equal(before.findings.filter((f) => f.rule === 'ptp.conflict').length, 19);
    const edited = text.replace('HC:99213', 'HC:43200');
    const change = differenceOf(text, edited);
    const at = text.indexOf('HC:99213');
    assert.deepEqual(change, { start: at + 3, oldEnd: at + 8, newEnd: at + 8 });
    const reread = rereadTransactionSet(text, before.doc, edited, knowledge);
    assert.ok(reread, 'read incrementally');
    assert.equal(reread.findings.filter((f) => f.rule === 'ptp.conflict').length, 20);
    assert.deepEqual(comparable({ text: edited, lines: before.lines, ...reread }), comparable(analyze(edited, knowledge)));
  });

  it('reads everything again when an edit reaches outside one ST..SE or splits it', () => {
    const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1' }] }], { transactions: 2, lineEnding: '\n' }).text;
    const edits = [
      text.replace('GE*2', 'GE*3'),
      text.replace(/SE\*(\d+)\*0001~/, 'SE*$1*0001'),
      text.replace('CLM*', 'SE*1*1~CLM*'),
      text.replace('~\nST*837*0002', '~\nXST*837*0002'),
      text.replace('~\nGE*', '~\nSV1*HC:43200*1~\nGE*'),
    ];
    for (const edited of edits) {
      assert.notEqual(edited, text);
      assert.equal(rereadTransactionSet(text, analyze(text, knowledge).doc, edited, knowledge), null, JSON.stringify(differenceOf(text, edited)));
      assert.deepEqual(comparable(reanalyze(analyze(text, knowledge), edited, knowledge)), comparable(analyze(edited, knowledge)));
    }
  });

  it('finds the one changed region of two texts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), fc.nat(), fc.nat({ max: 30 }), (text, insert, at, remove) => {
        const start = at % (text.length + 1);
        const edited = text.slice(0, start) + insert + text.slice(start + remove);
        const d = differenceOf(text, edited);
        assert.equal(text.slice(0, d.start) + edited.slice(d.start, d.newEnd) + text.slice(d.oldEnd), edited);
        assert.ok(d.start <= Math.min(d.oldEnd, d.newEnd));
        assert.ok(d.oldEnd - d.start <= Math.min(remove, text.length - start));
      }),
      runParameters(500, 7202),
    );
  });
});
