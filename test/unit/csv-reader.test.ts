import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CsvReader } from '../../server/src/core/csv/reader';

interface Rec {
  line: number;
  values: string[];
  raw: string;
}

function readAll(text: string, sep = ','): { records: Rec[]; unterminated: number[] } {
  const r = new CsvReader(text, sep);
  const records: Rec[] = [];
  const unterminated: number[] = [];
  while (r.next()) {
    const values: string[] = [];
    for (let k = 0; k < r.cellCount; k++) {
      values.push(r.value(k));
      // The value span, with doubled quotes undoubled, is the value.
      const spanText = text.slice(r.valStart[k], r.valEnd[k]);
      if (!(r.flags[k]! & 4)) assert.equal(spanText.split('""').join('"'), r.isQuoted(k) ? values[k] : spanText);
    }
    if (r.unterminatedQuote >= 0) unterminated.push(r.unterminatedQuote);
    records.push({ line: r.recordLine, values, raw: text.slice(r.recordStart, r.recordEnd) });
  }
  return { records, unterminated };
}

describe('csv reader', () => {
  it('splits on each delimiter', () => {
    for (const sep of [',', '\t', ';', '|']) {
      const { records } = readAll(`a${sep}b${sep}${sep}c\n1${sep}2${sep}3${sep}4\n`, sep);
      assert.deepEqual(records.map((r) => r.values), [['a', 'b', '', 'c'], ['1', '2', '3', '4']]);
    }
  });

  it('handles LF, CRLF, CR and a missing final line break', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const { records } = readAll(`a,b${eol}c,d${eol}${eol}e,f`);
      assert.deepEqual(records.map((r) => r.values), [['a', 'b'], ['c', 'd'], [''], ['e', 'f']]);
      assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 4]);
    }
  });

  it('reads quoted fields with doubled quotes, delimiters and line breaks', () => {
    const text = 'id,note\r\n1,"He said ""hi"", then left"\r\n2,"two\r\nlines\nand\rthree"\r\n3,""\r\n4,"  padded  "\r\n';
    const { records } = readAll(text);
    assert.deepEqual(records.map((r) => r.values), [
      ['id', 'note'],
      ['1', 'He said "hi", then left'],
      ['2', 'two\r\nlines\nand\rthree'],
      ['3', ''],
      ['4', 'padded'],
    ]);
    assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 7, 8]);
  });

  it('trims spaces around values and allows spaces before an opening quote', () => {
    const { records } = readAll(' a , "b" ,c  ,  "d,e"  \n');
    assert.deepEqual(records[0]!.values, ['a', 'b', 'c', 'd,e']);
  });

  it('keeps quotes that do not open a field', () => {
    const { records } = readAll('5" tall,x"y\n');
    assert.deepEqual(records[0]!.values, ['5" tall', 'x"y']);
  });

  it('keeps text after a closing quote', () => {
    const { records } = readAll('"ab"cd,"x" ,e\n');
    assert.deepEqual(records[0]!.values, ['abcd', 'x', 'e']);
  });

  it('reports an unterminated quote and reads on', () => {
    const text = 'a,b\n1,"oops\n2,3\n4,5\n';
    const { records, unterminated } = readAll(text);
    assert.deepEqual(unterminated, [text.indexOf('"')]);
    assert.deepEqual(records.map((r) => r.values), [['a', 'b'], ['1', '"oops'], ['2', '3'], ['4', '5']]);
  });

  it('stays linear with many stray quotes: characters read grow with the text, not its square', () => {
    // The reader is handed a String object whose charCodeAt counts its calls: the characters it
    // reads, whatever the machine's speed.
    const read = (rows: number): { perCharacter: number; records: Rec[] } => {
      const lines: string[] = [];
      for (let i = 0; i < rows; i++) lines.push(i % 2 ? '"a,b' : 'x,"y""');
      const text = lines.join('\n');
      let reads = 0;
      const counted = Object.assign(new String(text), {
        charCodeAt(this: string, i: number) {
          reads++;
          return String.prototype.charCodeAt.call(this, i);
        },
      });
      const { records } = readAll(counted as unknown as string);
      return { perCharacter: reads / text.length, records };
    };
    const small = read(5_000);
    const large = read(20_000);
    // Each quote closes at the next one, on the next line: two lines make one record.
    assert.equal(large.records.length, 10_000);
    for (const record of large.records) assert.deepEqual(record.values, ['x', 'y"\na', 'b']);
    assert.ok(large.perCharacter < 3, `${large.perCharacter.toFixed(2)} reads a character`);
    assert.ok(large.perCharacter < small.perCharacter * 1.1, `reads a character: ${small.perCharacter.toFixed(2)} for 5,000 rows, ${large.perCharacter.toFixed(2)} for 20,000`);
  });

  it('grows past 16 cells', () => {
    const cells = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const { records } = readAll(cells.join(',') + '\n');
    assert.deepEqual(records[0]!.values, cells);
  });
});
