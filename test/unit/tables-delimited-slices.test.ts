// Found in review: a descriptor CSV with one long quoted cell took about 36 times its size in
// memory, as parseDelimited (then in textInput.ts, now delimitedText.ts) built each field one character at a time. It now takes
// fields as slices of the text; this holds it to the records the character-by-character reading
// gave, on texts made of the characters that matter (quotes, delimiters, line breaks, blanks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDelimited } from '../../server/src/core/rules/delimitedText';

/** parseDelimited as it was before fields were taken as slices: the reference. */
function characterByCharacter(text: string, delimiter: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  const pushRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      else if (c === '\r' && text[i + 1] !== '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted && field.trim() === '') {
      quoted = true;
      fieldStarted = true;
      field = '';
      i++;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i += delimiter.length;
      continue;
    }
    if (c === '\r' || c === '\n') {
      pushRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    if (c !== ' ') fieldStarted = true;
    i++;
  }
  if (fields.length > 0 || field !== '' || fieldStarted) pushRecord();
  return records;
}

const piece = fc.constantFrom('"', '""', ',', '\t', ';', '\r', '\n', '\r\n', ' ', '  ', 'a', 'B1', '99213', '\ufeff', 'é', '|', '||');
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

test('fields taken as slices give the records the character-by-character reading gave', () => {
  fc.assert(
    fc.property(text, fc.constantFrom(',', '\t', ';', '|', '||'), (input, delimiter) => {
      assert.deepEqual(parseDelimited(input, delimiter), characterByCharacter(input, delimiter));
    }),
    { numRuns: 3000 },
  );
});

test('quoted cells across lines, doubled quotes and text after a closing quote', () => {
  const input = 'Code,Short,Long\r\n99213," Office ""visit""","line one\r\nline two\rthree"\n  "x" y,b\n';
  assert.deepEqual(parseDelimited(input, ','), characterByCharacter(input, ','));
  assert.deepEqual(parseDelimited(input, ',').map((r) => r.line), [1, 2, 5]);
});
