// Turns the paths a user set (plain table files, CMS .zip downloads as they come, folders of
// either) into the list of tables to load. A zip's directory is read once when it is listed
// (zipDirectory.ts), and each table from its own offset when it is loaded (zipTables.ts, zipEntry.ts
// with Node's zlib), checked against its size and CRC-32. Like readFile.ts this touches the file
// system; it never throws: whatever cannot be used becomes a problem for the loader to show.
// Names in a folder are listed as bytes (filePaths.ts), so a table whose name is not UTF-8 is
// still read.

import type { ExpandedEntry } from './knowledge';
import { byEffectiveDate } from './quarterOrder';
import { nameWords } from './nameWords';
import { listWithAnd } from '../wordLists';
import { closeSync, readdirSync, statSync } from 'node:fs';
import { childPath, pathKey, shownPath, type FilePath } from './filePaths';
import { describeFsError } from './fsErrors';
import { openFileBlocks, openFileCapped, type OpenFile } from './readFile';
import type { LoadProblem } from './loadProblems';
import { formatBytes, MAX_RULE_FILE_BYTES } from './textInput';
import { readZipDirectory, ZipDamaged, type ZipEntryInfo } from './zipDirectory';
import { entryRefusal, looksLikeZip, readZipEntry, type ListedZip } from './zipTables';

export interface RuleFileEntry extends ExpandedEntry {
  /** For a table inside a zip, its name there (with any folders in the zip); undefined for a plain file. */
  entryName?: string;
}

export interface RuleFileProblem extends LoadProblem {
  line: 0;
}

export interface ExpandOptions {
  /** Largest zip, table file or unzipped table accepted (default MAX_RULE_FILE_BYTES). Also caps the sum of the tables in one zip. */
  maxBytes?: number;
  /** Table file extensions, with or without the dot, case-insensitive (default .txt, .csv, .tsv). Zips are always recognized. */
  extensions?: readonly string[];
}

export interface ExpandedRuleFiles {
  entries: RuleFileEntry[];
  problems: RuleFileProblem[];
  /** For each problem, how many entries come before it: where the file it names stands in the order the paths give. */
  problemsAt: number[];
}

export type TableKind = 'hospital' | 'practitioner';

export const DEFAULT_TABLE_EXTENSIONS: readonly string[] = ['.txt', '.csv', '.tsv'];

/** Separator between a zip and an entry in a source name. */
export const ZIP_ENTRY_SEPARATOR = ' › ';


/**
 * Which NCCI table a file holds, from its name (the last path component, case-insensitive):
 * 'hospital' (outpatient hospital, 837I) when it contains `ccioph`, or the word hospital or
 * outpatient (words split at non-letters and at lower-to-upper case changes, so
 * Outpatient_Hospital_PTP.csv and OutpatientHospital.csv count, hospitalist.csv does not);
 * otherwise 'practitioner'.
 */
export function tableKindFromName(name: string): TableKind {
  const last = name.split(/[\\/]/).pop() ?? name;
  if (last.toLowerCase().includes('ccioph')) return 'hospital';
  const words = nameWords(last);
  return words.includes('hospital') || words.includes('outpatient') ? 'hospital' : 'practitioner';
}

function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function lastComponent(name: string): string {
  const parts = name.split('/').filter((part) => part !== '');
  return parts[parts.length - 1] ?? '';
}

/** A .txt whose name says it is a readme or notice, not a table. */
function isReadme(name: string): boolean {
  const base = lastComponent(name).toLowerCase();
  return extensionOf(base) === '.txt' && (base.includes('readme') || base.includes('notice'));
}

/** What stands for a folder among the names kindsOf counts. */
const FOLDER = '\u0000folder';

/** Names counted by kind, not named: "2 .837 files, a .pdf file, a readme and a folder". */
function kindsOf(names: readonly string[]): string {
  const counts = new Map<string, { one: string; many: string; n: number }>();
  for (const name of names) {
    const extension = extensionOf(name);
    const [key, one, many] =
      name === FOLDER ? ['folder', 'a folder', 'folders']
      : name.startsWith('.') ? ['hidden', 'a hidden file', 'hidden files']
      : isReadme(name) ? ['readme', 'a readme', 'readmes']
      : extension === '' ? ['none', 'a file or folder without an extension', 'files or folders without an extension']
      // Only what reads as an extension is shown: a name with a dot inside (Doe.Jane 2026) is not quoted.
      : /^\.[a-z0-9]{1,5}$/.test(extension) ? [extension, `a ${extension} file`, `${extension} files`]
      : ['other', 'a file with another extension', 'files with other extensions'];
    const kind = counts.get(key) ?? { one, many, n: 0 };
    kind.n++;
    counts.set(key, kind);
  }
  return listWithAnd([...counts.values()].map((kind) => (kind.n === 1 ? kind.one : `${kind.n} ${kind.many}`)));
}


class Expander {
  readonly entries: RuleFileEntry[] = [];
  readonly problems: RuleFileProblem[] = [];
  readonly problemsAt: number[] = [];
  private readonly seen = new Map<string, RuleFileEntry>();
  private readonly maxBytes: number;
  private readonly extensions: ReadonlySet<string>;

  constructor(options: ExpandOptions) {
    this.maxBytes = options.maxBytes ?? MAX_RULE_FILE_BYTES;
    const extensions = options.extensions ?? DEFAULT_TABLE_EXTENSIONS;
    this.extensions = new Set(extensions.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase()));
  }

  problem(source: string, reason: string): void {
    this.problems.push({ source, line: 0, reason });
    this.problemsAt.push(this.entries.length);
  }

  /**
   * Adds an entry unless the same file (or zip entry) was already added through another path; one
   * found in a folder and also named itself (or inside a zip named itself) is not `inFolder`.
   */
  private add(entry: RuleFileEntry, key: string): void {
    const earlier = this.seen.get(key);
    if (earlier !== undefined) {
      if (!entry.inFolder) delete earlier.inFolder;
      return;
    }
    this.seen.set(key, entry);
    this.entries.push(entry);
  }

  /** A path from the settings: a folder, a zip, or a table file (any extension: the user named it). */
  expandGiven(path: string): void {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      this.problem(path, `cannot read: ${describeFsError(error)}`);
      return;
    }
    if (stats.isDirectory()) this.expandFolder(path);
    else if (!stats.isFile()) this.problem(path, 'cannot read: not a file or folder');
    else if (extensionOf(path) === '.zip' || looksLikeZip(path)) this.expandZip(path, false);
    else this.addPlain(path, false);
  }

  /** A table file; a path of bytes (a name that is not UTF-8) is named by its shown form (filePaths.ts). */
  private addPlain(path: FilePath, inFolder: boolean): void {
    const maxBytes = this.maxBytes;
    const shown = shownPath(path);
    this.add({ source: shown, path: shown, read: () => openFileBlocks(path, maxBytes), ...(inFolder ? { inFolder } : {}) }, pathKey(path));
  }

  private expandFolder(folder: string): void {
    let listed: Buffer[];
    try {
      // As bytes: a name that is not UTF-8 would come back as text that names no file.
      listed = readdirSync(folder, { encoding: 'buffer' });
    } catch (error) {
      this.problem(folder, `cannot read the folder: ${describeFsError(error)}`);
      return;
    }
    const names = listed.map((bytes) => ({ bytes, name: shownPath(bytes) }));
    // Oldest quarter first: of two quarters' tables, the newer one's rows are loaded last and win.
    names.sort((a, b) => byEffectiveDate(a.name, b.name));
    // What else is there, by kind: a folder given by mistake may be one of claim files, whose names can name patients.
    const others: string[] = [];
    let tables = 0;
    for (const { bytes, name } of names) {
      const extension = extensionOf(name);
      const isZip = extension === '.zip';
      // Dot files include macOS's ._name resource forks, which carry a table's extension but no table.
      if (name.startsWith('.') || (!isZip && (!this.extensions.has(extension) || isReadme(name)))) {
        others.push(name);
        continue;
      }
      const path = childPath(folder, bytes);
      let stats;
      try {
        stats = statSync(path);
      } catch (error) {
        this.problem(shownPath(path), `cannot read: ${describeFsError(error)}`);
        tables++;
        continue;
      }
      if (!stats.isFile()) {
        others.push(stats.isDirectory() ? FOLDER : name);
        continue;
      }
      tables++;
      if (isZip) this.expandZip(path, true);
      else this.addPlain(path, true);
    }
    if (tables === 0) {
      const extensions = ['.zip', ...this.extensions].join(', ');
      this.problem(folder, others.length === 0 ? `no table in this folder (the folder is empty; tables end in ${extensions})` : `no table in this folder (found ${kindsOf(others)}; tables end in ${extensions})`);
    }
  }

  /** A zip's directory, read once; null (and a problem said) when it cannot be read. */
  private listZip(path: FilePath): { infos: ZipEntryInfo[]; listed: ListedZip } | null {
    const shown = shownPath(path);
    let zip: OpenFile;
    try {
      zip = openFileCapped(path, this.maxBytes);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      this.problem(shown, code === undefined && error instanceof Error ? `not loaded: ${error.message}` : `cannot read: ${describeFsError(error)}`);
      return null;
    }
    try {
      return { infos: readZipDirectory(zip.fd, zip.size), listed: { size: zip.size, mtimeMs: zip.mtimeMs } };
    } catch (error) {
      this.problem(shown, error instanceof ZipDamaged ? `not a readable zip file (${error.message})` : `cannot read: ${describeFsError(error)}`);
      return null;
    } finally {
      closeSync(zip.fd);
    }
  }

  private expandZip(path: FilePath, inFolder: boolean): void {
    const maxBytes = this.maxBytes;
    const zip = this.listZip(path);
    if (zip === null) return;
    const { infos, listed } = zip;
    const shown = shownPath(path);
    const others: string[] = [];
    let tables = 0;
    let total = 0;
    const key = pathKey(path);
    infos.forEach((info, index) => {
      const name = info.name;
      if (name === '' || name.endsWith('/') || name.split('/').includes('__MACOSX')) return;
      if (!this.extensions.has(extensionOf(name)) || isReadme(name) || lastComponent(name).startsWith('._')) {
        others.push(name);
        return;
      }
      tables++;
      const source = `${shown}${ZIP_ENTRY_SEPARATOR}${name}`;
      const refusal = entryRefusal(info, maxBytes);
      if (refusal) {
        this.problem(source, `not loaded: ${refusal}`);
        return;
      }
      // Many entries can share one compressed body; bound what one zip can make the loader unzip.
      total += info.compression === 0 ? info.size : info.originalSize;
      if (total > maxBytes) {
        this.problem(source, `not loaded: the tables in this zip unzip to more than the ${formatBytes(maxBytes)} limit together`);
        return;
      }
      this.add({ source, path: shown, entryName: name, read: () => readZipEntry(path, info, listed, maxBytes), ...(inFolder ? { inFolder } : {}) }, `${key}\u0000${index}`);
    });
    if (tables === 0) this.problem(shown, others.length === 0 ? 'no table in this zip (the zip is empty)' : `no table in this zip (found ${kindsOf(others.map(lastComponent))})`);
  }
}

/**
 * Expands the table paths from the settings or the command line, in the order given:
 * a folder to its .zip and table files (not recursively, oldest first by the date or quarter their
 * names give, then by name: quarterOrder.ts; readme/notice .txt,
 * dot files and other files skipped), a zip to its tables (readmes, PDFs, folders and __MACOSX/
 * skipped; its directory read once, each entry unzipped from its offset when read() is called,
 * and reported damaged when it does not unzip to the size and CRC-32 the zip gives), any other
 * file to itself.
 * The same file or zip entry reached twice is listed once. Never throws: a missing path, an
 * unreadable or damaged zip, a zip or folder without a table, or an oversized entry is a problem
 * with line 0.
 */
export function expandRuleFilePaths(paths: readonly string[], options: ExpandOptions = {}): ExpandedRuleFiles {
  const expander = new Expander(options);
  for (const path of paths) {
    try {
      expander.expandGiven(path);
    } catch (error) {
      expander.problem(path, `cannot read: ${describeFsError(error)}`);
    }
  }
  return { entries: expander.entries, problems: expander.problems, problemsAt: expander.problemsAt };
}
