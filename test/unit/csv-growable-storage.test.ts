// The storage a claim CSV read in pieces keeps its claims in: columns that grow in place
// (growableColumn.ts) and strings held as bytes (byteStrings.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ByteStrings, hashOf } from '../../server/src/core/csv/byteStrings';
import { growableBuffer, GrowableColumn, mappedArray, releaseArray } from '../../server/src/core/csv/growableColumn';
import { StringTable } from '../../server/src/core/csv/stringTable';
import { claimIdNumber, claimIdNumberOfHash } from '../../server/src/core/rules/supersession';

describe('GrowableColumn', () => {
  it('keeps every entry as it grows, in place and past its first reserve (copied once there)', () => {
    const column = new GrowableColumn(Uint8Array);
    const count = (1 << 24) + 5000;
    for (let i = 0; i < count; i++) {
      column.ensure(i);
      column.set(i, i % 251);
    }
    assert.ok(column.capacity >= count);
    for (let i = 0; i < count; i += 997) assert.equal(column.get(i), i % 251);
    assert.equal(column.get(count - 1), (count - 1) % 251);
    column.increment(7);
    assert.equal(column.get(7), 8);
    assert.equal(column.entries()[count - 1], (count - 1) % 251);
  });

  it('holds 32-bit values, and its entries are one array that follows its growth', () => {
    const column = new GrowableColumn(Uint32Array);
    const entries = column.entries();
    for (let i = 0; i < 5000; i++) {
      column.ensure(i);
      column.set(i, 0xffffffff - i);
    }
    // The view taken before the column grew sees every entry (a resizable buffer grows in place).
    if (entries.buffer.resizable) assert.equal(entries[4999], 0xffffffff - 4999);
    assert.equal(column.entries()[4999], 0xffffffff - 4999);
    assert.equal(column.get(0), 0xffffffff);
  });

  it('gives its memory back when released, and grows again from nothing after', () => {
    const column = new GrowableColumn(Int32Array);
    for (let i = 0; i < 3000; i++) {
      column.ensure(i);
      column.set(i, -i);
    }
    column.release();
    assert.equal(column.capacity, 0);
    column.ensure(0);
    assert.equal(column.get(0), 0);
    column.set(0, 5);
    assert.equal(column.get(0), 5);
    const array = mappedArray(Uint32Array, 4096);
    array[4095] = 1;
    releaseArray(array);
    if (array.buffer.resizable) assert.equal(array.length, 0);
  });

  it('falls back to an ordinary buffer when no resizable one can be had', () => {
    const buffer = growableBuffer(16, Number.MAX_SAFE_INTEGER);
    assert.equal(buffer.byteLength, 16);
    assert.equal(buffer.resizable, false);
    assert.equal(growableBuffer(16, 64).resizable, true);
    const zeros = mappedArray(Int32Array, 1024);
    assert.equal(zeros.length, 1024);
    assert.ok(zeros.every((v) => v === 0));
  });
});

describe('ByteStrings', () => {
  it('gives back every string written, latin-1, wide, empty and long ones alike', () => {
    const strings = new ByteStrings();
    const texts = ['', 'C000000001', 'caf\u00e9', 'wide\u0100\u4e2d', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(9000), '\u0000\u00ff', 'w\u0101'.repeat(70000)];
    const offsets = texts.map((text) => strings.add(text));
    texts.forEach((text, i) => {
      assert.equal(strings.get(offsets[i]!), text);
      assert.ok(strings.equals(offsets[i]!, text));
      assert.equal(strings.hashAt(offsets[i]!), hashOf(text));
    });
    assert.ok(!strings.equals(offsets[1]!, 'C000000002'));
    assert.ok(!strings.equals(offsets[1]!, 'C00000001'));
    // A wide string that differs from a narrow one only in its last character's high byte.
    assert.ok(!strings.equals(offsets[2]!, 'caf\u01e9'));
    assert.ok(!strings.equals(offsets[0]!, 'a'));
    assert.equal(strings.size, strings.add(''));
    strings.release();
    assert.equal(strings.size, 0);
    const again = strings.add('C1');
    assert.equal(strings.get(again), 'C1');
  });
});

describe('StringTable released', () => {
  it('still gives every string by its number once its hash table is given back', () => {
    const table = new StringTable();
    const keys = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? `P\u0101${i}` : `C${i}`));
    keys.forEach((key) => table.add(key));
    table.releaseIndex();
    keys.forEach((key, i) => assert.equal(table.get(i), key));
    assert.equal(table.size, keys.length);
  });
});

describe('a claim id held as bytes', () => {
  it('has the id number of the id, from its bytes (a replacement supersedes by it)', () => {
    const table = new StringTable();
    const ids = ['C000000001', 'A1', '0', 'caf\u00e9', 'wide\u0100id', 'x'.repeat(200), ''];
    ids.forEach((id) => table.add(id));
    ids.forEach((id, n) => {
      assert.equal(table.lengthOf(n), id.length);
      if (id !== '') assert.equal(claimIdNumberOfHash(table.hashOf(n)), claimIdNumber(id));
    });
  });
});
