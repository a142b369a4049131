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

  it('stays linear with many stray quotes', () => {
    const rows: string[] = [];
    for (let i = 0; i < 20000; i++) rows.push(i % 2 ? '"a,b' : 'x,"y""');
    const text = rows.join('\n');
    const t0 = performance.now();
    const { records } = readAll(text);
    assert.ok(records.length > 0);
    assert.ok(performance.now() - t0 < 2000);
  });

  it('grows past 16 cells', () => {
    const cells = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const { records } = readAll(cells.join(',') + '\n');
    assert.deepEqual(records[0]!.values, cells);
  });
});
