// The kept-lines table (rules/keptLines.ts): a coding run keeps each line as a row of numbers,
// and a row gives back what the checks read of the line, whatever the number of rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modifier, numberedLine as line } from './helpers/service-lines';
import { KeptLines, type RowPlace } from '../../server/src/core/rules/keptLines';
import { ServiceGrouper } from '../../server/src/core/rules/serviceGroups';

function place(n: number, extra: Partial<RowPlace> = {}): RowPlace {
  return { file: n % 3, claimIndex: n >> 2, order: n, base: 1000, x12: n % 5 !== 0, provider: `P${n % 4}`, billing: 'B', ...extra };
}

describe('kept lines', () => {
  it('gives back what each row was made from, past many growths of its arrays', () => {
    const lines = new KeptLines();
    const count = 5000;
    for (let n = 0; n < count; n++) assert.equal(lines.add(line(n), place(n)), n);
    assert.equal(lines.size, count);
    for (let n = 0; n < count; n++) {
      const source = line(n);
      const where = place(n);
      assert.equal(lines.file(n), where.file);
      assert.equal(lines.claimIndex(n), where.claimIndex);
      assert.equal(lines.order(n), n);
      assert.equal(lines.lineIndex(n), source.index);
      assert.equal(lines.lineNumber(n), source.lineNumber);
      assert.equal(lines.x12(n), where.x12);
      assert.equal(lines.code(n), source.code);
      assert.equal(lines.from(n), source.dateOfService!.from);
      assert.equal(lines.to(n), source.dateOfService!.to);
      assert.equal(lines.units(n), source.units);
      assert.deepEqual(lines.codeSpan(n), { start: source.codeSpan.start + 1000, end: source.codeSpan.end + 1000 });
      assert.deepEqual(lines.unitsSpan(n), source.unitsSpan && { start: source.unitsSpan.start + 1000, end: source.unitsSpan.end + 1000 });
      assert.equal(lines.provider(n), where.provider);
    }
  });

  it('keeps missing units as null, and offsets as far as the largest input (1 GB) and beyond, to 4 GB', () => {
    const lines = new KeptLines();
    const row = lines.add(line(1, { units: null, unitsSpan: null }), place(1, { base: 2 ** 32 - 100 }));
    assert.equal(lines.units(row), null);
    assert.equal(lines.unitsSpan(row), null);
    assert.deepEqual(lines.codeSpan(row), { start: 2 ** 32 - 90, end: 2 ** 32 - 85 });
    const zero = lines.add(line(0, { units: 0, unitsSpan: { start: 0, end: 1 } }), place(0, { base: 0 }));
    assert.equal(lines.units(zero), 0);
    assert.deepEqual(lines.unitsSpan(zero), { start: 0, end: 1 });
  });

  it('gives back each line number as written: plain numbers (every CSV row number), leading zeros, letters, none', () => {
    const lines = new KeptLines();
    const written = ['1', '1048577', '01', '', 'A1', ' 2', '1e3', '0'];
    const rows = written.map((lineNumber, n) => lines.add(line(n, { lineNumber }), place(n)));
    assert.deepEqual(rows.map((row) => lines.lineNumber(row)), written);
  });

  it('holds each code, and numbers equal providers alike and others apart', () => {
    const lines = new KeptLines();
    const a = lines.add(line(0), place(0, { provider: 'X', billing: 'X' }));
    const b = lines.add(line(2), place(2, { provider: 'X', billing: 'Y' }));
    const c = lines.add(line(1), place(1, { provider: 'Y', billing: 'Y' }));
    assert.deepEqual([lines.code(a), lines.code(b), lines.code(c)], ['43214', '43214', '43197']);
    assert.equal(lines.providerNumber(a), lines.providerNumber(b));
    assert.notEqual(lines.providerNumber(a), lines.providerNumber(c));
    assert.equal(lines.billingNumber(b), lines.providerNumber(c));
  });

  it('holds what the modifiers do to a PTP pair and the modifiers written, one signature per kind and modifiers', () => {
    const lines = new KeptLines();
    const plain = lines.add(line(0), place(0));
    const distinct = lines.add(line(2, { modifiers: [modifier('59')] }), place(2));
    const alsoDistinct = lines.add(line(4, { modifiers: [modifier('xs'), modifier('59')] }), place(4));
    const sites = lines.add(line(6, { modifiers: [modifier('RT'), modifier('LT')] }), place(6));
    const againDistinct = lines.add(line(8, { modifiers: [modifier(' 59')] }), place(8));
    const professional = lines.add(line(10, { modifiers: [modifier('26')] }), place(10));
    assert.equal(lines.signature(plain).key, '');
    assert.equal(lines.signature(plain).written, '');
    assert.equal(lines.signature(distinct).distinct, true);
    // The same to a PTP pair, told apart by what is written (the repeated-line check reads it).
    assert.equal(lines.signature(distinct).key, lines.signature(alsoDistinct).key);
    assert.deepEqual([lines.signature(distinct).written, lines.signature(alsoDistinct).written], ['59', '59-XS']);
    assert.equal(lines.signature(againDistinct), lines.signature(distinct), 'held once');
    assert.deepEqual(lines.signature(sites).sites, ['LT', 'RT']);
    assert.equal(lines.signature(sites).written, 'LT-RT');
    // No PTP effect, but not nothing written: 26 tells a line from TC.
    assert.deepEqual([lines.signature(professional).key, lines.signature(professional).written], ['', '26']);
  });

  it('is shared by the groupers of a run: a line two of them keep is one row', () => {
    const lines = new KeptLines();
    const first = new ServiceGrouper(lines);
    const second = new ServiceGrouper(lines);
    const claim = {
      index: 0,
      kind: 'professional',
      patientKey: 'p',
      billingProviderId: 'B',
      renderingProviderId: null,
      lines: [line(0), line(1), line(2)],
    } as never;
    ServiceGrouper.addTo(
      [
        { grouper: first, keep: (l) => l.code === '43214' },
        { grouper: second, keep: undefined },
      ],
      [claim],
      { x12: true },
    );
    assert.equal(lines.size, 3);
    const [ofFirst] = [...first.groups()];
    const [ofSecond] = [...second.groups()];
    assert.deepEqual(ofFirst!.rows, [0, 2]);
    assert.deepEqual(ofSecond!.rows, [0, 1, 2]);
    assert.equal(ofFirst!.lines, ofSecond!.lines);
  });

  it('copies a row of another table whole, into its own numbering of codes, providers and signatures (addFrom)', () => {
    const staged = new KeptLines();
    const count = 300;
    const sourceOf = (n: number) => line(n, { lineNumber: n % 10 === 0 ? `0${n}` : String(n), modifiers: n % 4 === 0 ? [modifier('59')] : n % 4 === 1 ? [modifier('25')] : [], code: `${43200 + (n % 9)}` });
    for (let n = 0; n < count; n++) staged.add(sourceOf(n), place(n, { provider: `R${n % 6}`, billing: `B${n % 2}` }));
    const run = new KeptLines();
    // Another file's rows first: the copies get numbers of their own.
    run.add(line(0, { code: '99999' }), place(0, { provider: 'other', billing: 'other' }));
    for (let n = count - 1; n >= 0; n--) {
      const to = run.addFrom(staged, n, { file: 7, order: 1000 + n });
      assert.equal(run.file(to), 7);
      assert.equal(run.order(to), 1000 + n);
      for (const read of ['claimIndex', 'lineIndex', 'lineNumber', 'x12', 'code', 'from', 'to', 'units', 'codeSpan', 'unitsSpan', 'provider', 'signature'] as const) {
        assert.deepEqual(run[read](to), staged[read](n), `${read} of row ${n}`);
      }
    }
    // Equal providers and billing providers stay equal, others apart.
    for (const [a, b] of [[1, 7], [2, 3], [5, 11], [0, 6]]) {
      assert.equal(run.providerNumber(count - a) === run.providerNumber(count - b), staged.providerNumber(a) === staged.providerNumber(b));
      assert.equal(run.billingNumber(count - a) === run.billingNumber(count - b), staged.billingNumber(a) === staged.billingNumber(b));
    }
    assert.equal(run.provider(0), 'other');
  });

  it('groups staged lines as addTo groups their claims: claims in number order, their rows in the order read (addStaged)', () => {
    const staged = new KeptLines();
    // Rows of claims 2, 0, 2, 1 in the order read; claim 1 is dental (no table).
    const read = [2, 0, 2, 1];
    read.forEach((claim, n) => staged.add(line(n, { code: n === 1 ? '43197' : '43214' }), place(n, { claimIndex: claim, provider: `R${n}`, billing: '' })));
    const kinds = ['professional', 'dental', 'institutional'] as const;
    const patients = ['p', 'q', 'p'];
    const all = new ServiceGrouper();
    const some = new ServiceGrouper(all.lines);
    ServiceGrouper.addStaged(
      [
        { grouper: all, keep: undefined },
        { grouper: some, keep: undefined, keepCode: (code) => code === '43214' },
      ],
      { lines: staged, claimCount: 3, kind: (c) => kinds[c]!, facilityType: () => null, patientKey: (c) => patients[c]! },
      { file: 4 },
    );
    // Claim 0 (row 1), then claim 2 (rows 0 and 2); claim 1 is skipped but counted in the order.
    assert.equal(all.lines.size, 3);
    assert.deepEqual([0, 1, 2].map((r) => all.lines.provider(r)), ['R1', 'R0', 'R2']);
    assert.deepEqual([0, 1, 2].map((r) => all.lines.order(r)), [0, 2, 3]);
    assert.deepEqual([0, 1, 2].map((r) => all.lines.file(r)), [4, 4, 4]);
    assert.deepEqual([...all.groups()].map((g) => [g.key, g.table, g.rows]), [
      ['practitioner\u0000p', 'practitioner', [0]],
      ['hospital\u0000p', 'hospital', [1, 2]],
    ]);
    assert.deepEqual([...some.groups()].map((g) => [g.key, g.rows]), [['hospital\u0000p', [1, 2]]]);
  });
});
