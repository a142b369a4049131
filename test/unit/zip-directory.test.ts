// The zip reader that replaced fflate's unzipSync for rule tables (zipDirectory.ts, zipEntry.ts):
// a zip64 archive (sizes and offsets in the zip64 extra field and end record), names in latin-1
// unless flagged UTF-8, a local header whose extra field differs from the directory's, and the
// table-driven CRC-32 against Node's. Zips written here byte by byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { crc32, crc32ByTable } from '../../server/src/core/rules/crc32';
import { readZipDirectory, ZipDamaged } from '../../server/src/core/rules/zipDirectory';
import { readZipEntryBytes } from '../../server/src/core/rules/zipEntry';

interface Member {
  name: Buffer;
  data: Buffer;
  utf8Flag?: boolean;
  /** Bytes of extra field in the local header only. */
  localExtra?: number;
}

/** A zip64 archive when `zip64`, else a plain one; every member deflated. */
function makeZip(members: Member[], zip64: boolean): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const body = deflateRawSync(member.data);
    const flags = member.utf8Flag ? 0x800 : 0;
    const localExtra = Buffer.alloc(member.localExtra ?? 0);
    if (localExtra.length >= 4) {
      localExtra.writeUInt16LE(0xcafe, 0);
      localExtra.writeUInt16LE(localExtra.length - 4, 2);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32ByTable(member.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(member.data.length, 22);
    local.writeUInt16LE(member.name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(member.data.length), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32ByTable(member.data), 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : body.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : member.data.length, 24);
    central.writeUInt16LE(member.name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    parts.push(local, member.name, localExtra, body);
    centrals.push(central, member.name, extra);
    offset += local.length + member.name.length + localExtra.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(BigInt(members.length), 24);
    record.writeBigUInt64LE(BigInt(members.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : members.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : members.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...parts, directory, ...tail, end]);
}

function withZip<T>(bytes: Buffer, read: (fd: number, length: number) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-zip-directory-'));
  const path = join(dir, 'tables.zip');
  writeFileSync(path, bytes);
  const fd = openSync(path, 'r');
  try {
    return read(fd, bytes.length);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

const TABLE = Buffer.from('99213\t36415\t\t20200101\t*\t0\tMutually exclusive procedures\r\n'.repeat(20), 'latin1');

for (const zip64 of [false, true]) {
  test(`a ${zip64 ? 'zip64' : 'plain'} zip: each entry's name, sizes and bytes, read from its offset`, () => {
    const members: Member[] = [
      { name: Buffer.from('caf\xe9.txt', 'latin1'), data: TABLE },
      { name: Buffer.from('naïve/ptp.txt', 'utf8'), data: Buffer.from('second table\n'), utf8Flag: true, localExtra: 9 },
      { name: Buffer.from('empty.txt'), data: Buffer.alloc(0) },
    ];
    withZip(makeZip(members, zip64), (fd, length) => {
      const entries = readZipDirectory(fd, length);
      assert.deepEqual(
        entries.map((e) => [e.name, e.originalSize]),
        [
          ['café.txt', TABLE.length],
          ['naïve/ptp.txt', 13],
          ['empty.txt', 0],
        ],
      );
      assert.deepEqual(
        entries.map((e) => readZipEntryBytes(fd, length, e)),
        members.map((m) => m.data),
      );
    });
  });
}

test('an entry whose offset points past the end of the zip is damaged, not read', () => {
  withZip(makeZip([{ name: Buffer.from('a.txt'), data: TABLE }], false), (fd, length) => {
    const [entry] = readZipDirectory(fd, length);
    assert.throws(() => readZipEntryBytes(fd, length, { ...entry!, offset: length - 10 }), (error: unknown) => error instanceof ZipDamaged && /damaged/.test(error.message));
    assert.throws(() => readZipEntryBytes(fd, length, { ...entry!, offset: 1 }), (error: unknown) => error instanceof ZipDamaged && /damaged/.test(error.message));
  });
});

test('the table-driven CRC-32 is the one Node and the zip format give', () => {
  for (const text of ['', 'a', '123456789', TABLE.toString('latin1')]) {
    const bytes = Buffer.from(text, 'latin1');
    assert.equal(crc32ByTable(bytes), crc32(bytes));
  }
  assert.equal(crc32ByTable(Buffer.from('123456789')), 0xcbf43926);
});
