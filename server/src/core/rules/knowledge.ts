// Everything the checks and hovers know: PTP edits, MUE values, add-on code edits, code
// descriptors, and what went wrong loading them. Built once per settings change by loadKnowledge, which never throws.

import type { PtpTableKind } from '../model';
import { AocTable } from './aoc';
import { loadAocTable } from './aocLoad';
import { addBuiltinEdits, builtinDescriptorTable } from './builtin';
import type { PtpTables } from './checkPtp';
import { DescriptorTable, loadDescriptorFile } from './descriptors';
import { emptyMueTables, loadMueTable, mueKindFromName, type MueTable, type MueTableKind } from './mue';
import { loadPtpTable, PtpRuleSet } from './ptp';
import type { LoadProblem } from './loadProblems';
import { describeFsError } from './fsErrors';
import { formatBytes, MAX_RULE_FILE_BYTES, type TextContent } from './textInput';

export interface LoadedFile {
  source: string;
  kind: 'ptp' | 'descriptors' | 'mue' | 'aoc';
  /** For PTP files: the table the rows went into. */
  table?: PtpTableKind;
  /** For PTP files: given in hospitalPtpFiles (a file of ptpFiles may go to the hospital table by its name). */
  hospitalList?: true;
  /** For MUE files that could be read: the table the rows went into (from the header, else the file name, else practitioner). */
  mueTable?: MueTableKind;
  /** Rows (PTP edits, MUE values, add-on code rows or descriptors) taken from the file; 0 when it could not be read. */
  rows: number;
  /** Found in a folder that was given (RuleFileEntry.inFolder), not named itself. */
  inFolder?: true;
  /** Could not be read at all (as opposed to read, with no row of this kind in it). */
  unread?: true;
  problems: number;
}

/** A table to read, as KnowledgeOptions.expand gives it (in Node, ruleFiles.ts RuleFileEntry). */
export interface ExpandedEntry {
  /** Display name for problems and file lists: the path as given or found, or `zip path › entry name`. */
  source: string;
  /** The file on disk that was given or found in a folder (for a zip entry, the zip); a name that is not UTF-8 as shown (filePaths.ts), read() reading its bytes. */
  path: string;
  /** Found in a folder that was given (itself, or inside a zip found there), not named itself. */
  inFolder?: true;
  /** The table's content: a plain file is read a block at a time when its lines are walked; a zip entry is unzipped now. Throws an Error with a clear message when it cannot. */
  read(): TextContent;
}

export interface Knowledge {
  /** The practitioner PTP table (837P and CSV claims); the same object as tables.practitioner. */
  rules: PtpRuleSet;
  /** Both PTP tables: practitioner, and outpatient hospital (837I claims). */
  tables: PtpTables;
  /** The MUE tables: practitioner (837P and CSV claims), outpatient hospital (837I), DME supplier. Empty unless files are loaded. */
  mue: Record<MueTableKind, MueTable>;
  /** Add-on code edits. Empty unless files are loaded. */
  aoc: AocTable;
  descriptors: DescriptorTable;
  /** Load problems of every file (line 0 = the whole file). */
  problems: LoadProblem[];
  files: LoadedFile[];
}

export interface KnowledgeOptions {
  builtinEdits: boolean;
  /** Practitioner PTP tables (837P and CSV claims). */
  ptpFiles: readonly string[];
  /** Outpatient hospital PTP tables (837I claims). */
  hospitalPtpFiles?: readonly string[];
  /** CMS MUE tables (CSV as downloaded); each goes to the table its header (else its name) says. */
  mueFiles?: readonly string[];
  /** CMS add-on code edit tables (tab-delimited text or CSV saved from the spreadsheet). */
  addOnCodeFiles?: readonly string[];
  descriptorFiles: readonly string[];
  /** Reads a file (readFileCapped in Node); may throw. Paths are passed as given. */
  readFile: (path: string) => TextContent;
  /**
   * Turns the configured paths into the tables to read: in Node, expandRuleFilePaths (folders and
   * CMS .zip downloads). Without it each path is one file read with readFile.
   */
  expand?: (paths: readonly string[]) => { entries: ExpandedEntry[]; problems: LoadProblem[]; problemsAt?: readonly number[] };
  /**
   * The table a PTP file given in ptpFiles goes into, from its name (ccioph... is hospital);
   * practitioner when absent. A table in a zip is asked by its own name, then by the zip's path.
   */
  tableOfName?: (path: string) => PtpTableKind;
  /** Refuse content larger than this (bytes, or characters for strings). */
  maxFileBytes?: number;
}

/** Knowledge with only the built-in data (or nothing, when builtinEdits is false). */
export function emptyKnowledge(builtinEdits = true): Knowledge {
  return loadKnowledge({ builtinEdits, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
}

/** For a table inside a zip, its name there (`x.zip › table.csv` is how expand names it); else null. */
function nameInZip(source: string): string | null {
  const at = source.lastIndexOf(' \u203a ');
  return at >= 0 ? source.slice(at + 3) : null;
}

/**
 * Loads the built-in data and the user's files. An unreadable, oversized or broken file becomes
 * a problem; the data of every other file (and the good rows of a partly broken one) is kept.
 * User PTP files are loaded after the built-in edits, so on equal date windows theirs win.
 */
export function loadKnowledge(options: KnowledgeOptions): Knowledge {
  const maxBytes = options.maxFileBytes ?? MAX_RULE_FILE_BYTES;
  const tables: PtpTables = { practitioner: new PtpRuleSet(), hospital: new PtpRuleSet() };
  const mue = emptyMueTables();
  const aoc = new AocTable();
  const descriptors = builtinDescriptorTable();
  const problems: LoadProblem[] = [];
  const files: LoadedFile[] = [];

  if (options.builtinEdits) {
    // The built-in set serves both claim types, each with its table's indicators; a loaded table's rows for a pair replace it.
    problems.push(...addBuiltinEdits(tables.practitioner, 'practitioner').problems);
    problems.push(...addBuiltinEdits(tables.hospital, 'hospital').problems);
  }

  /**
   * The entries of `paths`, in order. A file the expansion could not read (a zip half downloaded)
   * is listed among `files` in its place among them, as one read but not loaded would be: the
   * server merges a lost file's earlier rows back in by this order (lsp/keptRows.ts), which must
   * be the load order (of two quarters, the newer decides a pair).
   */
  function* expand(paths: readonly string[], kind: LoadedFile['kind']): Generator<ExpandedEntry> {
    if (!options.expand) {
      for (const path of paths) yield { source: path, path, read: () => options.readFile(path) };
      return;
    }
    const expanded = options.expand(paths);
    problems.push(...expanded.problems);
    let p = 0;
    const lostUpTo = (at: number) => {
      for (; p < expanded.problems.length && (expanded.problemsAt?.[p] ?? 0) <= at; p++) files.push({ source: expanded.problems[p]!.source, kind, rows: 0, problems: 1, unread: true });
    };
    for (let i = 0; i < expanded.entries.length; i++) {
      lostUpTo(i);
      yield expanded.entries[i]!;
    }
    lostUpTo(Infinity);
  }

  const load = (
    entry: ExpandedEntry,
    kind: LoadedFile['kind'],
    parse: (content: TextContent, source: string) => { rows: number; problems: LoadProblem[]; mueTable?: MueTableKind },
    table?: PtpTableKind,
  ) => {
    const source = entry.source;
    const where = entry.inFolder ? { inFolder: true as const } : {};
    let content: TextContent;
    try {
      content = entry.read();
    } catch (error) {
      problems.push({ source, line: 0, reason: `cannot read: ${describeFsError(error)}` });
      files.push({ source, kind, rows: 0, problems: 1, unread: true, ...where });
      return;
    }
    const size = typeof content === 'string' ? content.length : content.byteLength;
    if (size > maxBytes) {
      problems.push({ source, line: 0, reason: `not loaded: file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit` });
      files.push({ source, kind, rows: 0, problems: 1, unread: true, ...where });
      return;
    }
    try {
      const result = parse(content, source);
      problems.push(...result.problems);
      files.push({
        source,
        kind,
        rows: result.rows,
        problems: result.problems.length,
        ...where,
        ...(table ? { table } : {}),
        ...(result.mueTable ? { mueTable: result.mueTable } : {}),
      });
    } catch (error) {
      // Rows added before the failure stay: they were each checked.
      problems.push({ source, line: 0, reason: `could not be loaded completely: ${describeFsError(error)}` });
      files.push({ source, kind, rows: 0, problems: 1, unread: true, ...where });
    }
  };

  const loadPtp = (paths: readonly string[], fixed: PtpTableKind | null) => {
    for (const entry of expand(paths, 'ptp')) {
      // A table in a zip is a hospital table when its own name says so (one zip may bundle both
      // tables), else when the zip's name does.
      const inZip = nameInZip(entry.source);
      const ownName = inZip !== null && options.tableOfName?.(inZip) === 'hospital' ? 'hospital' : null;
      const table = fixed ?? ownName ?? options.tableOfName?.(entry.path) ?? 'practitioner';
      load(entry, 'ptp', (content, source) => loadPtpTable(content, source, tables[table]), table);
      // Given as the hospital table, it is loaded as one; but CMS names its practitioner tables ccipra.
      const file = files[files.length - 1];
      if (fixed === 'hospital' && /ccipra/i.test(inZip ?? entry.path) && file?.source === entry.source && file.rows > 0) {
        problems.push({ source: entry.source, line: 0, reason: "its name says it is CMS's practitioner table (ccipra); it was loaded as the outpatient hospital table, as the hospital setting gave it: give it to the practitioner setting (claimlint.ptpEditFiles, --ptp) if it is not one" });
        file.problems++;
      }
    }
  };
  loadPtp(options.ptpFiles, null);
  const firstHospital = files.length;
  loadPtp(options.hospitalPtpFiles ?? [], 'hospital');
  for (const file of files.slice(firstHospital)) file.hospitalList = true;
  for (const entry of expand(options.descriptorFiles, 'descriptors')) {
    load(entry, 'descriptors', (content, source) => loadDescriptorFile(content, source, descriptors));
  }
  for (const entry of expand(options.mueFiles ?? [], 'mue')) {
    // The header names the table; when it does not, the file's name (for a table in a zip, its
    // name there, else the zip's name).
    const inZip = nameInZip(entry.source);
    const fromName = (inZip !== null ? mueKindFromName(inZip) : null) ?? mueKindFromName(entry.path);
    load(entry, 'mue', (content, source) => {
      const result = loadMueTable(content, source, mue, fromName);
      return { ...result, mueTable: result.kind ?? fromName ?? 'practitioner' };
    });
  }
  for (const entry of expand(options.addOnCodeFiles ?? [], 'aoc')) {
    load(entry, 'aoc', (content, source) => loadAocTable(content, source, aoc));
  }
  for (const table of ['practitioner', 'hospital'] as const) {
    try {
      tables[table].finish();
    } catch (error) {
      problems.push({ source: `${table} PTP edits`, line: 0, reason: `index could not be built: ${describeFsError(error)}` });
    }
  }
  return { rules: tables.practitioner, tables, mue, aoc, descriptors, problems, files };
}

/** Whether an NCCI table (PTP, MUE or add-on codes) gave rows: else only the built-in 43214 edits are checked, if any. */
export function ncciTablesLoaded(knowledge: Knowledge): boolean {
  return knowledge.files.some((f) => f.kind !== 'descriptors' && f.rows > 0);
}
