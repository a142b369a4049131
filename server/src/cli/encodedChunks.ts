// A fixed file's text encoded as it was read (UTF-8, UTF-16LE or Latin-1, with its byte-order
// mark), handed out a megabyte at a time, never as one big Buffer.
import type { InputEncoding } from './files';

/** Character count written per write call: a slice of a flat string costs nothing to make. */
const WRITE_CHUNK = 1 << 20;

/** Encodes text the way it was read and hands it out in pieces, never as one big Buffer. */
export function* encodedChunks(text: string, encoding: InputEncoding, bom: boolean): Generator<Buffer, void, undefined> {
  if (bom) yield encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]);
  const nodeEncoding: BufferEncoding = encoding === 'utf8' ? 'utf8' : encoding === 'utf16le' ? 'utf16le' : 'latin1';
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + WRITE_CHUNK, text.length);
    // Never split a surrogate pair between two chunks.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield Buffer.from(text.slice(start, end), nodeEncoding);
    start = end;
  }
}

/** encodedChunks, handed to `write` one by one. */
export function forEachEncodedChunk(text: string, encoding: InputEncoding, bom: boolean, write: (chunk: Buffer) => void): void {
  for (const chunk of encodedChunks(text, encoding, bom)) write(chunk);
}
