// One table of a zip, read from where its directory record says it is (zipDirectory.ts) and
// checked whole: it must unzip to exactly the size the directory gives, never more (the inflation
// stops there, so a zip bomb costs no more than the size it declares, which the caller caps),
// and to bytes whose CRC-32 is the one the directory gives. A table cut short, run long or
// altered is damaged, never loaded as it reads.
import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';
import { readExactly, ZipDamaged, type ZipEntryInfo } from './zipDirectory';

const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
const STORED = 0;
const DEFLATED = 8;

/** Where the entry's data starts: after its local header, whose name and extra field may differ in length from the directory's. */
function dataStart(fd: number, byteLength: number, entry: ZipEntryInfo): number {
  if (entry.offset + LOCAL_HEADER_BYTES > byteLength) throw new ZipDamaged('its header lies past the end of the zip (the zip is damaged)');
  const local = readExactly(fd, LOCAL_HEADER_BYTES, entry.offset);
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipDamaged('its header is not where the zip says (the zip is damaged)');
  return entry.offset + LOCAL_HEADER_BYTES + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** Inflates raw deflate data to at most `declared` bytes; ZipDamaged when there would be more, or the data is not deflate's. */
function inflate(data: Buffer, declared: number): Buffer {
  try {
    // maxOutputLength is at least 1: an empty table that inflates to a byte is caught after.
    return inflateRawSync(data, { maxOutputLength: Math.max(declared, 1) });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') throw runsLong(declared);
    // zlib's reason ("invalid block type", "unexpected end of file"): never the data itself.
    throw new ZipDamaged(`${error instanceof Error ? error.message : String(error)} (the zip may be damaged or encrypted)`);
  }
}

function runsLong(declared: number): ZipDamaged {
  return new ZipDamaged(`it unzips to more than the ${declared} bytes the zip gives for it (the zip is damaged)`);
}

/**
 * The bytes of a stored or deflated entry of the zip open as `fd` (`byteLength` bytes). Throws
 * ZipDamaged when the entry is not where the directory says, runs past the end of the file,
 * is not deflate data, unzips to another size than the directory gives, or fails its CRC-32; a
 * read error of the file system as it is.
 */
export function readZipEntryBytes(fd: number, byteLength: number, entry: ZipEntryInfo): Buffer {
  const start = dataStart(fd, byteLength, entry);
  if (start + entry.size > byteLength) throw new ZipDamaged('its data runs past the end of the zip (the zip is damaged)');
  const stored = readExactly(fd, entry.size, start);
  let bytes: Buffer;
  if (entry.compression === STORED) bytes = stored;
  else if (entry.compression === DEFLATED) bytes = inflate(stored, entry.originalSize);
  else throw new ZipDamaged(`compressed with method ${entry.compression}, which cannot be read`);
  if (bytes.length > entry.originalSize) throw runsLong(entry.originalSize);
  if (bytes.length < entry.originalSize) throw new ZipDamaged(`it unzips to ${bytes.length} bytes, fewer than the ${entry.originalSize} the zip gives for it (the zip is damaged)`);
  if (crc32(bytes) !== entry.crc) throw new ZipDamaged('its CRC-32 checksum does not match its data (the zip is damaged)');
  return bytes;
}
