// The claim files under a folder, for `claimlint check DIR` and the editor's "Check All Claim
// Files": the file extensions the extension registers (.837, .837p, .837i, .837d, .x12, .edi,
// .csv, .tsv, in any case) and any other file that starts with an ISA header (as VS Code's
// firstLine rule recognises one). Folders are walked recursively; hidden folders (.git, .vscode)
// and node_modules are skipped, and so are hidden files (macOS's ._x.837 copies, the temporary
// file a killed `claimlint fix` left, which starts with ISA); symbolic links to folders are not
// followed (no loops). A hidden file named on the command line is checked as any other. Names are
// listed as bytes (core/rules/filePaths.ts), so a file whose name is not UTF-8 is still read; a
// folder that cannot be listed is said, as a file that cannot be read is. A file reached again (a
// link to one listed, a folder and a file in it named together) is checked once (SeenFiles).
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { extname, relative, resolve, sep } from 'node:path';
import { childPath, shownPath, type FilePath } from '../core/rules/filePaths';

export type { FilePath } from '../core/rules/filePaths';

export const CLAIM_FILE_EXTENSIONS: readonly string[] = ['.837', '.837p', '.837i', '.837d', '.x12', '.edi', '.csv', '.tsv'];

/** Whether the name has a claim file extension. */
export function hasClaimFileExtension(path: FilePath): boolean {
  return CLAIM_FILE_EXTENSIONS.includes(extname(shownPath(path)).toLowerCase());
}

/** Whether the name has a table's extension (.csv, .tsv): a folder holds other tables than claim exports. */
export function hasTableExtension(path: FilePath): boolean {
  const extension = extname(shownPath(path)).toLowerCase();
  return extension === '.csv' || extension === '.tsv';
}

/** Bytes read from the start of a file to look for an ISA header. */
const HEAD_BYTES = 256;

/**
 * Whether the bytes start like an X12 interchange: an optional UTF-8 BOM (or a UTF-16LE one, the
 * text then in UTF-16LE), blanks, then ISA and a delimiter that is not a letter, digit or space.
 * UTF-16LE without a BOM (Windows tools save it so: "I\0S\0A\0") counts too: the checker then
 * says what the file is (claimlint.encoding) rather than the folder run passing it by.
 */
export function startsWithIsaHeader(head: Buffer): boolean {
  const bom16 = head.length >= 2 && head[0] === 0xff && head[1] === 0xfe;
  const text = bom16
    ? head.toString('utf16le', 2)
    : head.toString('latin1', head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  const isa = /^[ \t\r\n]*ISA[^A-Za-z0-9 \r\n]/;
  return isa.test(text) || (!bom16 && head.length >= 8 && head[1] === 0 && head[3] === 0 && isa.test(head.toString('utf16le', 0, head.length & ~1)));
}

/** Whether the regular file at `path` starts with an ISA header (false when it cannot be read). */
export function fileStartsWithIsaHeader(path: FilePath): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, head, 0, HEAD_BYTES, 0);
    return startsWithIsaHeader(head.subarray(0, read));
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** A claim file by its name, else by its first bytes. */
export function isClaimFile(path: FilePath): boolean {
  return hasClaimFileExtension(path) || fileStartsWithIsaHeader(path);
}

const DOT = 0x2e;
const NODE_MODULES = Buffer.from('node_modules');

function skippedFolder(name: Buffer): boolean {
  return name[0] === DOT || name.equals(NODE_MODULES);
}

/** Why a folder could not be listed, in a few words. */
function unlistedReason(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'folder cannot be listed: permission denied';
    case 'ENAMETOOLONG':
      return 'folder cannot be listed: its path is too long';
    case 'ELOOP':
      return 'folder cannot be listed: too many symbolic links';
    default:
      return code ? `folder cannot be listed (${code})` : 'folder cannot be listed';
  }
}

/** Told of each folder under the walked one that cannot be listed, with why. */
export type UnlistedFolder = (folder: FilePath, reason: string) => void;

/** Told of each entry with a claim file's name that is not a regular file (a named pipe, a device), with what it is. */
export type PassedEntry = (path: FilePath, reason: string) => void;

/** What a directory entry (or a link's target) that is neither a file, a folder nor a link is, for the note that it was passed by. */
function notRegularReason(entry: Pick<Dirent, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  const kind = entry.isFIFO() ? 'a named pipe' : entry.isSocket() ? 'a socket' : entry.isCharacterDevice() || entry.isBlockDevice() ? 'a device' : 'not a file';
  return `not a regular file (${kind}), so not read`;
}

/**
 * The claim files under `folder`, in no particular order; null is yielded after each folder is
 * read, so a caller that must stay responsive can pause there. A folder that cannot be listed
 * (permissions, a path past the system's limit) goes to `unlisted`; one removed meanwhile holds
 * nothing. An entry named as a claim file that is no regular file (a named pipe, which would wait
 * for a writer) goes to `passed`, unread.
 */
export function* walkClaimFiles(folder: FilePath, unlisted: UnlistedFolder = () => {}, passed: PassedEntry = () => {}): Generator<FilePath | null, void, undefined> {
  const pending: FilePath[] = [folder];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(current, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') unlisted(current, unlistedReason(error));
      yield null;
      continue;
    }
    for (const entry of entries) {
      const path = childPath(current, entry.name);
      if (entry.name[0] === DOT && !entry.isDirectory()) continue;
      if (entry.isDirectory()) {
        if (!skippedFolder(entry.name)) pending.push(path);
      } else if (entry.isFile()) {
        if (isClaimFile(path)) yield path;
      } else if (entry.isSymbolicLink()) {
        // A link to a file counts as the file; a link to a folder is not followed.
        let target;
        try {
          target = statSync(path);
        } catch {
          continue;
        }
        if (target.isFile() && isClaimFile(path)) yield path;
        else if (!target.isFile() && !target.isDirectory() && hasClaimFileExtension(path)) passed(path, notRegularReason(target));
      } else if (hasClaimFileExtension(path)) {
        passed(path, notRegularReason(entry));
      }
    }
    yield null;
  }
}

/**
 * Sorts paths under `folder` by their path relative to it (as shown: filePaths.ts), compared
 * segment by segment in code-unit order (locale-free, the same on every machine): a.837, b/c.837,
 * b-c.837 would sort 'b' before 'b-c.837' since the folder name b is compared as a segment.
 */
export function sortClaimFiles<P extends FilePath>(folder: string, paths: readonly P[]): P[] {
  const keyed = paths.map((path) => ({ path, parts: relative(folder, shownPath(path)).split(sep) }));
  keyed.sort((a, b) => {
    const length = Math.min(a.parts.length, b.parts.length);
    for (let i = 0; i < length; i++) {
      const x = a.parts[i]!;
      const y = b.parts[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.parts.length - b.parts.length;
  });
  return keyed.map((k) => k.path);
}

/**
 * The claim files under `folder` and the folders under it that cannot be listed (with why), sorted
 * together (see sortClaimFiles); and the entries named as claim files that are not regular files
 * (with what they are), sorted apart.
 */
export function claimFilesUnder(folder: string): { paths: FilePath[]; unlisted: Map<FilePath, string>; passed: Map<FilePath, string> } {
  const found: FilePath[] = [];
  const unlisted = new Map<FilePath, string>();
  const passed = new Map<FilePath, string>();
  const walk = walkClaimFiles(
    folder,
    (path, reason) => {
      unlisted.set(path, reason);
      found.push(path);
    },
    (path, reason) => passed.set(path, reason),
  );
  for (const path of walk) {
    if (path !== null) found.push(path);
  }
  const passedSorted = new Map(sortClaimFiles(folder, [...passed.keys()]).map((path) => [path, passed.get(path)!] as const));
  return { paths: sortClaimFiles(folder, found), unlisted, passed: passedSorted };
}

/**
 * What tells two inputs apart: the real path of a file (links resolved; as bytes, so that names
 * that are not UTF-8 stay apart), else the absolute path; '-' for standard input.
 */
function identityOf(path: FilePath): string {
  if (path === '-') return path;
  try {
    // A hard link is the same file under another name: one inode, whatever the path.
    const stats = statSync(path, { bigint: true });
    if (stats.isFile() && stats.ino !== 0n) return `\u0001${stats.dev}:${stats.ino}`;
  } catch {
    // Not there, or not readable: by its path, as below.
  }
  try {
    return realpathSync(path, { encoding: 'buffer' }).toString('latin1');
  } catch {
    return typeof path === 'string' ? Buffer.from(resolve(path)).toString('latin1') : `\u0000${path.toString('latin1')}`;
  }
}

/**
 * The files met so far in one run (the CLI's inputs, the editor's folder check), by identityOf: a
 * file reached a second time is dropped, so that its claims are read once and never paired with
 * themselves; the first of its places is kept.
 */
export class SeenFiles {
  private readonly seen = new Set<string>();

  /** Whether `path` is a file not met before in this run (it is met from now on). */
  firstTime(path: FilePath): boolean {
    const key = identityOf(path);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** Whether `path` was met (without meeting it). */
  has(path: FilePath): boolean {
    return this.seen.has(identityOf(path));
  }
}
