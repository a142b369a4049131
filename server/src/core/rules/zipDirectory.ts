// A zip's central directory, read once from the end of the open file: each entry's name, method,
// sizes, CRC-32 and where its local header is, so that a table is then read from its own offset
// (zipEntry.ts) and a zip of thousands of tables is not read again for each. Plain zips and zip64;
// a directory that does not fit in the file, or whose records are not where it says, is damaged.
import { readSync } from 'node:fs';

export interface ZipEntryInfo {
  /** Its name in the zip, folders included: UTF-8 when its flags say so, else latin-1. */
  name: string;
  /** The compression method: 0 stored, 8 deflate (others are refused). */
  compression: number;
  /** Bytes of its data in the zip. */
  size: number;
  /** Bytes it unzips to, as the directory gives it. */
  originalSize: number;
  /** The CRC-32 of what it unzips to, as the directory gives it. */
  crc: number;
  /** General purpose flags (bit 0: encrypted). */
  flags: number;
  /** Where its local header starts in the file. */
  offset: number;
}

/** A zip whose structure is wrong; the message is meant for the user. */
export class ZipDamaged extends Error {}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const END_BYTES = 22;
const MAX_COMMENT_BYTES = 65535;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_END_BYTES = 56;
/** A central directory record without its name, extra field and comment. */
export const CENTRAL_RECORD_BYTES = 46;
/** A 32-bit field holding this says the value is in the zip64 extra field. */
const IN_ZIP64 = 0xffffffff;
const ZIP64_EXTRA_ID = 0x0001;
const UTF8_NAME_FLAG = 0x800;

/** The message fflate gave for a zip it could not read, kept for what a user has seen before. */
export const INVALID_ZIP = 'invalid zip data';

/** `length` bytes of the open file from `position`; ZipDamaged when the file has fewer. */
export function readExactly(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, buffer, filled, length - filled, position + filled);
    if (read === 0) throw new ZipDamaged(INVALID_ZIP);
    filled += read;
  }
  return buffer;
}

function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** The end of central directory record, found from the end of the file as unzip tools look for it. */
function findEnd(fd: number, byteLength: number): { tail: Buffer; tailStart: number; end: number } {
  const tailLength = Math.min(byteLength, END_BYTES + MAX_COMMENT_BYTES + ZIP64_LOCATOR_BYTES);
  const tailStart = byteLength - tailLength;
  const tail = readExactly(fd, tailLength, tailStart);
  const lowest = Math.max(0, tail.length - END_BYTES - MAX_COMMENT_BYTES);
  for (let end = tail.length - END_BYTES; end >= lowest; end--) {
    if (tail.readUInt32LE(end) === END_SIGNATURE) return { tail, tailStart, end };
  }
  throw new ZipDamaged(INVALID_ZIP);
}

interface DirectoryPlace {
  count: number;
  size: number;
  offset: number;
  /** Where the records after the directory start: it must end before them. */
  limit: number;
}

function directoryPlace(fd: number, byteLength: number): DirectoryPlace {
  const { tail, tailStart, end } = findEnd(fd, byteLength);
  const place: DirectoryPlace = { count: tail.readUInt16LE(end + 10), size: tail.readUInt32LE(end + 12), offset: tail.readUInt32LE(end + 16), limit: tailStart + end };
  const locator = end - ZIP64_LOCATOR_BYTES;
  if (locator >= 0 && tail.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE) {
    const recordOffset = safeNumber(tail.readBigUInt64LE(locator + 8));
    if (recordOffset + ZIP64_END_BYTES > tailStart + locator) throw new ZipDamaged(INVALID_ZIP);
    const record = readExactly(fd, ZIP64_END_BYTES, recordOffset);
    if (record.readUInt32LE(0) !== ZIP64_END_SIGNATURE) throw new ZipDamaged(INVALID_ZIP);
    place.count = safeNumber(record.readBigUInt64LE(32));
    place.size = safeNumber(record.readBigUInt64LE(40));
    place.offset = safeNumber(record.readBigUInt64LE(48));
    place.limit = recordOffset;
  }
  return place;
}

/** The zip64 values of a record whose 32-bit fields say they are there, in the order the format gives them. */
function zip64Values(extra: Buffer, entry: ZipEntryInfo, offsetInZip64: boolean, originalInZip64: boolean, sizeInZip64: boolean): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    const body = at + 4;
    if (body + length > extra.length) break;
    if (id === ZIP64_EXTRA_ID) {
      let field = body;
      const next = (): number => {
        if (field + 8 > body + length) throw new ZipDamaged(INVALID_ZIP);
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (originalInZip64) entry.originalSize = next();
      if (sizeInZip64) entry.size = next();
      if (offsetInZip64) entry.offset = next();
      return;
    }
    at = body + length;
  }
  throw new ZipDamaged(INVALID_ZIP);
}

/**
 * The entries of the zip open as `fd` (`byteLength` bytes), in directory order. Throws ZipDamaged
 * when the directory does not fit in the file (an offset past its end) or holds fewer records
 * than it counts; a count beyond what its size could hold (46 bytes a record) is refused before
 * any is read, so a crafted count cannot loop for billions of rounds.
 */
export function readZipDirectory(fd: number, byteLength: number): ZipEntryInfo[] {
  const place = directoryPlace(fd, byteLength);
  if (place.count === 0) return [];
  if (place.offset + place.size > place.limit) throw new ZipDamaged('its central directory lies past the end of the file: the zip is damaged');
  if (place.count > Math.floor(place.size / CENTRAL_RECORD_BYTES)) throw new ZipDamaged(INVALID_ZIP);
  const directory = readExactly(fd, place.size, place.offset);
  const entries: ZipEntryInfo[] = [];
  let at = 0;
  for (let index = 0; index < place.count; index++) {
    if (at + CENTRAL_RECORD_BYTES > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipDamaged(INVALID_ZIP);
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const nameStart = at + CENTRAL_RECORD_BYTES;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > directory.length) throw new ZipDamaged(INVALID_ZIP);
    const entry: ZipEntryInfo = {
      name: directory.toString(flags & UTF8_NAME_FLAG ? 'utf8' : 'latin1', nameStart, nameStart + nameLength),
      compression: directory.readUInt16LE(at + 10),
      size: directory.readUInt32LE(at + 20),
      originalSize: directory.readUInt32LE(at + 24),
      crc: directory.readUInt32LE(at + 16),
      flags,
      offset: directory.readUInt32LE(at + 42),
    };
    const originalInZip64 = entry.originalSize === IN_ZIP64;
    const sizeInZip64 = entry.size === IN_ZIP64;
    const offsetInZip64 = entry.offset === IN_ZIP64;
    if (originalInZip64 || sizeInZip64 || offsetInZip64) {
      zip64Values(directory.subarray(nameStart + nameLength, nameStart + nameLength + extraLength), entry, offsetInZip64, originalInZip64, sizeInZip64);
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}
