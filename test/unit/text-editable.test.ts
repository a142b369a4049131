// EditableText (the server's copy of an open document) answers positions and offsets exactly as
// the LSP reference implementation (vscode-languageserver-textdocument) does, after any edits,
// with CR, LF and CRLF line breaks, including edits that split or join a CRLF.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditableText } from '../../server/src/core/editableText';
import { LineIndex } from '../../server/src/core/text';
import { differenceOf } from '../../server/src/core/x12/incremental';
import { runParameters } from '../fuzz/generators';

const textArb = fc.string({ unit: fc.constantFrom('a', 'b', '~', '\r', '\n', '\r\n'), maxLength: 60 });
const editArb = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: textArb.filter((t) => t.length <= 8) });

function assertSameAnswers(mine: EditableText, reference: TextDocument): void {
  const text = reference.getText();
  assert.equal(mine.text, text);
  assert.equal(mine.lineCount, reference.lineCount, 'line count');
  for (let offset = -1; offset <= text.length + 1; offset++) {
    assert.deepEqual(mine.positionAt(offset), reference.positionAt(offset), `positionAt(${offset}) of ${JSON.stringify(text)}`);
  }
  for (let line = -1; line <= reference.lineCount; line++) {
    for (const character of [-1, 0, 1, 2, 3, 5, 100]) {
      assert.equal(mine.offsetAt({ line, character }), reference.offsetAt({ line, character }), `offsetAt(${line}:${character}) of ${JSON.stringify(text)}`);
    }
  }
}

/** Latin-1 characters beyond ASCII, and (rarely) one wider, which ends editing as bytes. */
const wideTextArb = fc.string({ unit: fc.constantFrom('a', '~', '\r', '\n', '\r\n', 'é', 'ÿ', '\u0000'), maxLength: 60 });
const wideEditArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof({ weight: 9, arbitrary: wideTextArb.filter((t) => t.length <= 8) }, { weight: 1, arbitrary: fc.constantFrom('€', 'a€\r\n') }),
});

/** Replaces [start, end) in both texts, as an editor's range over the reference names it; returns the reference after. */
function replaceInBoth(mine: EditableText, reference: TextDocument, start: number, end: number, insert: string): TextDocument {
  const range = { start: reference.positionAt(start), end: reference.positionAt(end) };
  // Positions never split a CRLF, so replace what the range really covers.
  mine.replace(reference.offsetAt(range.start), reference.offsetAt(range.end), insert);
  return TextDocument.update(reference, [{ range, text: insert }], reference.version + 1);
}

function assertEditsAnswerAsReference(initial: string, edits: readonly { at: number; remove: number; insert: string }[], options: { bytesFrom?: number } = {}): void {
  const mine = new EditableText(initial, options);
  let reference = TextDocument.create('file:///x', 'x12', 1, initial);
  assertSameAnswers(mine, reference);
  for (const edit of edits) {
    const length = reference.getText().length;
    const start = edit.at % (length + 1);
    reference = replaceInBoth(mine, reference, start, Math.min(length, start + edit.remove), edit.insert);
    assertSameAnswers(mine, reference);
    assert.equal(mine.length, reference.getText().length);
  }
}

describe('EditableText: positions kept up to date by edits', () => {
  it('edited as bytes (a long one-byte text), answers as the reference implementation after any edits, also once a wider character ends that', () => {
    fc.assert(
      fc.property(wideTextArb, fc.array(wideEditArb, { maxLength: 8 }), (initial, edits) => assertEditsAnswerAsReference(initial, edits, { bytesFrom: 0 })),
      runParameters(400, 7302),
    );
  });

  it('a long text with a character over U+00FF is edited as a string, and answers the same', () => {
    assertEditsAnswerAsReference('ISA*€~\r\nGS*~\n', [{ at: 3, remove: 1, insert: 'é' }, { at: 9, remove: 0, insert: '\r\n' }, { at: 4, remove: 1, insert: '' }], { bytesFrom: 0 });
  });

  it('edited as bytes, gives back its memory when the text shrinks, and answers the same', () => {
    const initial = 'SV1*HC:43214~\r\n'.repeat(20000);
    const mine = new EditableText(initial, { bytesFrom: 0 });
    const held = (): number => (mine as unknown as { bytes: Buffer | null }).bytes?.length ?? 0;
    mine.replace(3, 4, 'X');
    assert.ok(held() >= initial.length, 'the bytes hold the text');
    mine.replace(0, mine.length, 'ISA*~\n');
    assert.equal(mine.text, 'ISA*~\n');
    assert.equal(mine.lineCount, 2);
    assert.ok(held() < 100_000, `${held()} bytes held for a text of 6`);
    mine.replace(6, 6, 'GS*~');
    assert.equal(mine.text, 'ISA*~\nGS*~');
  });

  it('edited as bytes, grows past the room it had and answers the same', () => {
    const initial = 'ISA*~\r\n'.repeat(10);
    const mine = new EditableText(initial, { bytesFrom: 0 });
    let reference = TextDocument.create('file:///x', 'x12', 1, initial);
    const paste = 'SV1*HC:43214~\r\n'.repeat(6000); // 90,000 characters: past the 64 KB of room
    for (const [start, end, insert] of [[12, 12, paste], [30, 33, 'é\r'], [12, 90_012, '']] as const) {
      reference = replaceInBoth(mine, reference, start, end, insert);
      const text = reference.getText();
      assert.equal(mine.text, text);
      assert.equal(mine.lineCount, reference.lineCount);
      for (let offset = 0; offset <= text.length; offset += 37) assert.deepEqual(mine.positionAt(offset), reference.positionAt(offset));
    }
  });

  it('answers as the reference implementation after any edits', () => {
    fc.assert(
      fc.property(textArb, fc.array(editArb, { maxLength: 6 }), (initial, edits) => assertEditsAnswerAsReference(initial, edits)),
      runParameters(400, 7301),
    );
  });

  it('keeps line starts right through a paste of many lines and its removal', () => {
    const text = 'ISA*~\n'.repeat(10);
    const mine = new EditableText(text);
    let reference = TextDocument.create('file:///x', 'x12', 1, text);
    const paste = 'SV1*HC:43214~\r\n'.repeat(6000);
    mine.replace(12, 12, paste);
    reference = TextDocument.update(reference, [{ range: { start: reference.positionAt(12), end: reference.positionAt(12) }, text: paste }], 2);
    assert.equal(mine.lineCount, reference.lineCount);
    for (const offset of [0, 12, 13, 5000, 90000, mine.text.length - 3]) assert.deepEqual(mine.positionAt(offset), reference.positionAt(offset));
    mine.replace(12, 12 + paste.length, '');
    assert.equal(mine.lineCount, 11);
    assert.deepEqual(mine.positionAt(text.length - 1), { line: 9, character: 5 });
  });

  it('finds the same line starts as LineIndex in a long single line and in many short ones', () => {
    const longLines = `${'x'.repeat(300)}\r${'y'.repeat(300)}\r\n${'z'.repeat(300)}\n\n`.repeat(20);
    for (const text of ['x'.repeat(100000), longLines, 'ISA*~\r\n'.repeat(5000), 'a\rb\r\nc\n\rd'.repeat(300)]) {
      const mine = new EditableText(text);
      const index = new LineIndex(text);
      assert.equal(mine.lineCount, index.lineCount);
      for (let offset = 0; offset <= text.length; offset += 97) {
        const expected = index.positionAt(offset);
        // LineIndex may point between CR and LF; EditableText, like LSP, moves before the CR.
        const between = text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;
        assert.deepEqual(mine.positionAt(offset), between ? { ...expected, character: expected.character - 1 } : expected);
      }
    }
  });
});

describe('EditableText: where it was edited since a mark', () => {
  // Edits, each made after a mark or not: the region answered holds every difference from the
  // marked text, and differenceOf within it finds what differenceOf of the whole texts finds.
  const markedEditArb = fc.record({ edit: editArb, markBefore: fc.boolean() });
  for (const bytesFrom of [undefined, 0]) {
    it(`holds every difference, and differenceOf within it is the whole texts' (${bytesFrom === 0 ? 'as bytes' : 'as a string'})`, () => {
      fc.assert(
        fc.property(textArb, fc.array(markedEditArb, { maxLength: 8 }), (initial, edits) => {
          const mine = new EditableText(initial, { bytesFrom });
          let marked = mine.text;
          let mark = mine.mark();
          for (const { edit, markBefore } of edits) {
            if (markBefore) {
              marked = mine.text;
              mark = mine.mark();
            }
            const start = edit.at % (mine.length + 1);
            mine.replace(start, Math.min(mine.length, start + edit.remove), edit.insert);
            const now = mine.text;
            const region = mine.editedSince(mark);
            assert.ok(region !== null);
            assert.ok(region.start <= region.oldEnd && region.start <= region.newEnd && region.oldEnd - region.newEnd === marked.length - now.length, JSON.stringify(region));
            assert.equal(now.slice(0, region.start), marked.slice(0, region.start));
            assert.equal(now.slice(region.newEnd), marked.slice(region.oldEnd));
            assert.deepEqual(differenceOf(marked, now, region), differenceOf(marked, now));
          }
        }),
        runParameters(400, 7303),
      );
    });
  }

  it('answers an empty region at the end when nothing was edited (nothing to compare), and nothing for a mark that is not the latest', () => {
    const mine = new EditableText('ISA*~\nGS*~\n');
    const first = mine.mark();
    assert.deepEqual(mine.editedSince(first), { start: 11, oldEnd: 11, newEnd: 11 });
    mine.replace(4, 5, '');
    assert.deepEqual(mine.editedSince(first), { start: 4, oldEnd: 5, newEnd: 4 });
    const second = mine.mark();
    assert.equal(mine.editedSince(first), null);
    assert.deepEqual(mine.editedSince(second), { start: 10, oldEnd: 10, newEnd: 10 });
    // The same text: differenceOf within the empty region finds no change.
    const text = mine.text;
    assert.deepEqual(differenceOf(text, text, mine.editedSince(second)!), { start: 10, oldEnd: 10, newEnd: 10 });
  });

  it('differenceOf within a region finds the smallest change over long texts, as over the whole texts', () => {
    const text = 'SV1*HC:43214*10.00~\r\n'.repeat(20000);
    for (const [at, remove, insert] of [[200_013, 1, '1'], [200_013, 1, '0'], [5, 0, 'C'], [text.length - 3, 3, ''], [300_000, 0, 'SV1*HC:43214*10.00~\r\n']] as const) {
      const mine = new EditableText(text);
      const mark = mine.mark();
      mine.replace(at, at + remove, insert);
      const region = mine.editedSince(mark)!;
      assert.deepEqual(differenceOf(text, mine.text, region), differenceOf(text, mine.text));
    }
  });
});
