// File names as the file system gives them: bytes, which are not always UTF-8 (a latin-1 name
// from a Windows share or an old zip, `caf\xe9.837`). Listed as text, such a name becomes
// `caf\uFFFD.837`, which names no file. So a path found in a folder is a string when its bytes
// are UTF-8 (every usual name) and the bytes themselves otherwise, which every fs call takes; it is
// shown with each byte that is not UTF-8 written \xHH, as the text report writes a control
// character in a name.
import { isUtf8 } from 'node:buffer';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A path: text, or the bytes of one that is not UTF-8. */
export type FilePath = string | Buffer;

/** The path of the entry `name` (as readdirSync with `encoding: 'buffer'` gives it) in `folder`. */
export function childPath(folder: FilePath, name: Buffer): FilePath {
  if (typeof folder === 'string' && isUtf8(name)) return join(folder, name.toString('utf8'));
  // A text folder as join spells it, with a placeholder name (a NUL is in no file name) then cut;
  // a folder of bytes was made here, never with a separator at its end.
  const prefix = typeof folder === 'string' ? Buffer.from(join(folder, '\u0000')).subarray(0, -1) : Buffer.concat([folder, Buffer.from(sep)]);
  return Buffer.concat([prefix, name]);
}

/** How many bytes the UTF-8 character starting at `at` takes, or 0 when the bytes there are not one. */
function characterLength(bytes: Buffer, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  return length > 0 && at + length <= bytes.length && isUtf8(bytes.subarray(at, at + length)) ? length : 0;
}

/** The bytes decoded as UTF-8, each byte that is not part of a UTF-8 character written as `standIn` gives it. */
function decodedWith(path: Buffer, standIn: (byte: number) => string): string {
  let out = '';
  let from = 0;
  for (let at = 0; at < path.length; ) {
    const length = characterLength(path, at);
    if (length > 0) {
      at += length;
      continue;
    }
    out += path.toString('utf8', from, at) + standIn(path[at]!);
    at++;
    from = at;
  }
  return out + path.toString('utf8', from);
}

const hex = (byte: number): string => byte.toString(16).padStart(2, '0');

/** The path as text for messages and reports: a byte that is not UTF-8 as \xHH (lower-case hex). */
export function shownPath(path: FilePath): string {
  return typeof path === 'string' ? path : decodedWith(path, (byte) => `\\x${hex(byte)}`);
}

/**
 * The file: URI of a path: pathToFileURL's for text; for bytes, the same spelling with each byte
 * that is not UTF-8 percent-encoded as itself, as a file: URI holds a name's bytes. (Each such byte
 * stands in as a NUL, which no path holds and pathToFileURL writes %00, then takes its place.)
 */
export function fileUriOf(path: FilePath): string {
  if (typeof path === 'string') return pathToFileURL(path).toString();
  const bytes: number[] = [];
  const text = decodedWith(path, (byte) => {
    bytes.push(byte);
    return '\u0000';
  });
  let next = 0;
  return pathToFileURL(text)
    .toString()
    .replace(/%00/g, () => `%${hex(bytes[next++]!).toUpperCase()}`);
}

/** A key that tells files apart by their absolute path, bytes included (a NUL marks the bytes: no text path holds one). */
export function pathKey(path: FilePath): string {
  return typeof path === 'string' ? resolve(path) : `${resolve(shownPath(path))}\u0000${path.toString('latin1')}`;
}
