// How the CLI holds a big file's findings until its report is written (cli/findingList.ts), their
// messages packed in bytes (cli/packedMessages.ts) and their data as numbers where it can be
// (cli/findingData.ts): each is given back as it was added.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, FindingData } from '../../server/src/core/model';
import { FindingDataList } from '../../server/src/cli/findingData';
import { FindingList } from '../../server/src/cli/findingList';
import { PackedMessages } from '../../server/src/cli/packedMessages';

describe('PackedMessages', () => {
  it('gives back every message written: digits with leading zeros, long runs of them, latin-1 and wider characters', () => {
    const messages = new PackedMessages();
    const texts = [
      '',
      '0',
      '007',
      '43200 should not be billed with 43214 (row 33) on 02/26/2024: NCCI practitioner PTP edit, column 1 43214, column 2 43200.',
      '43201 should not be billed with 43214 (row 1234567) on 12/01/2024: NCCI practitioner PTP edit, column 1 43214, column 2 43201.',
      'a run of digits longer than nine: 12345678901234567890 and 000000000000 and 1000000000',
      'caf\u00e9 \u00ff 12',
      'wide \u0100 text 42',
      '12 34',
      'no digits at all',
      'x'.repeat(70000) + '99',
      '5'.repeat(30),
    ];
    const offsets: number[] = [];
    for (let round = 0; round < 200; round++) for (const text of texts) offsets.push(messages.add(round % 2 === 0 ? text : `${text} ${round}`));
    let k = 0;
    for (let round = 0; round < 200; round++) for (const text of texts) assert.equal(messages.get(offsets[k++]!), round % 2 === 0 ? text : `${text} ${round}`);
    // Sentences that repeat take far fewer bytes than their characters.
    const packed = new PackedMessages();
    let characters = 0;
    for (let n = 0; n < 1000; n++) {
      const text = `${43200 + (n % 7)} should not be billed with 43214 (row ${n * 37}) on 02/${String(1 + (n % 28)).padStart(2, '0')}/2024: NCCI practitioner PTP edit.`;
      characters += text.length;
      packed.add(text);
    }
    assert.ok(packed.size * 3 < characters, `${packed.size} bytes for ${characters} characters`);
  });
});

function finding(n: number): Finding {
  const out: Finding = {
    rule: n % 3 === 0 ? 'ptp.conflict' : 'ptp.modifier-required',
    severity: n % 3 === 0 ? 'error' : 'warning',
    message: `${43200 + (n % 9)} is bundled into 43214 (row ${n}) on 0${1 + (n % 9)}/1${n % 10}/2024`,
    span: { start: 1000 - n, end: 1005 - n },
  };
  // PTP data (with and without the other file), MUE data with its list of lines, none at all.
  if (n % 6 === 0) out.data = { kind: 'mue', code: '97110', value: 2, mai: 2, units: 2.5, lines: [{ claimIndex: n, lineIndex: 0 }] };
  else if (n % 6 === 1) out.data = { kind: 'ptp', columnOne: '43214', columnTwo: '43200', modifierIndicator: '0', table: 'practitioner', claimIndex: n, columnTwoLine: 0, columnOneClaim: n - 1, columnOneLine: 1, columnOneFile: n % 3 };
  else if (n % 6 !== 5) out.data = { kind: 'ptp', columnOne: '43214', columnTwo: `${43200 + (n % 9)}`, modifierIndicator: n % 2 === 0 ? '0' : '1', table: 'hospital', claimIndex: n, columnTwoLine: n % 4, columnOneClaim: n, columnOneLine: 2 };
  if (n % 4 !== 0) out.codes = ['43214', `${43200 + (n % 9)}`];
  if (n % 5 === 1) out.related = [];
  else if (n % 5 !== 0) out.related = [{ span: { start: 2000 + n, end: 2005 + n }, message: 'Column 1 code 43214 is on this line' }];
  return out;
}

describe('FindingList', () => {
  it('gives back each finding as it was added, in document order once sorted', () => {
    const list = new FindingList();
    const added = Array.from({ length: 1000 }, (_, n) => finding(n));
    for (const f of added) list.add(f);
    assert.equal(list.length, added.length);
    assert.deepEqual([...list], added);
    list.sortByPosition();
    const sorted = [...added].map((f, i) => ({ f, i })).sort((a, b) => a.f.span.start - b.f.span.start || a.i - b.i).map(({ f }) => f);
    assert.deepEqual([...list], sorted);
    const offsets: number[] = [];
    for (const f of added) {
      offsets.push(f.span.start, f.span.end);
      for (const r of f.related ?? []) offsets.push(r.span.start, r.span.end);
    }
    assert.deepEqual(list.offsets(), offsets);
  });

  it('forgets the findings added after a count (a check that failed part way)', () => {
    const list = new FindingList();
    for (let n = 0; n < 300; n++) list.add(finding(n));
    list.truncate(120);
    list.add(finding(999));
    assert.deepEqual([...list], [...Array.from({ length: 120 }, (_, n) => finding(n)), finding(999)]);
  });
});

describe('FindingDataList', () => {
  it('gives back equal data, its keys in their order, and holds as they are what numbers cannot be', () => {
    const list = new FindingDataList();
    const ptp: FindingData = { kind: 'ptp', columnOne: '43214', columnTwo: '43200', modifierIndicator: '1', table: 'practitioner', claimIndex: 2 ** 31 - 1, columnTwoLine: -5, columnOneClaim: 0, columnOneLine: 7 };
    // A value past 32 bits, a negative zero and a fraction cannot be an integer of the list: held as they are.
    const odd: FindingData[] = [{ ...ptp, claimIndex: 2 ** 31 }, { ...ptp, columnTwoLine: -0 }, { kind: 'mue', code: '97110', value: 1, mai: 3, units: 0.25, lines: [] }];
    const all: (FindingData | undefined)[] = [ptp, undefined, ...odd, { ...ptp, claimIndex: 3 }];
    const numbers = all.map((data) => list.add(data));
    assert.deepEqual(numbers, [0, 1, 2, 3, 4, 5]);
    all.forEach((data, n) => {
      const back = list.get(n);
      assert.deepStrictEqual(back, data);
      assert.equal(JSON.stringify(back), JSON.stringify(data));
    });
    assert.equal(list.get(2), odd[0]);
    assert.ok(Object.is((list.get(3) as { columnTwoLine: number }).columnTwoLine, -0));
    list.truncate(3);
    list.add(ptp);
    assert.equal(list.length, 4);
    assert.deepStrictEqual(list.get(3), ptp);
    assert.equal(list.get(2), odd[0]);
  });
});
