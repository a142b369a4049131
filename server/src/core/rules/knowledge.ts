// Everything the checks and hovers know: PTP edits, code descriptors, and what went wrong
// loading them. Built once per settings change by loadKnowledge, which never throws.

import type { PtpTableKind } from '../model';
import { addBuiltinEdits, builtinDescriptorTable } from './builtin';
import type { PtpTables } from './checkPtp';
import { DescriptorTable, loadDescriptorFile } from './descriptors';
import { loadPtpTable, PtpRuleSet } from './ptp';
import { formatBytes, MAX_RULE_FILE_BYTES, type LoadProblem, type TextContent } from './textInput';

export interface LoadedFile {
  source: string;
  kind: 'ptp' | 'descriptors';
  /** For PTP files: the table the rows went into. */
  table?: PtpTableKind;
  /** Rows (PTP edits or descriptors) taken from the file; 0 when it could not be read. */
  rows: number;
  problems: number;
}

export interface Knowledge {
  /** The practitioner PTP table (837P and CSV claims); the same object as tables.practitioner. */
  rules: PtpRuleSet;
  /** Both PTP tables: practitioner, and outpatient hospital (837I claims). */
  tables: PtpTables;
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
  descriptorFiles: readonly string[];
  /** Reads a file (readFileCapped in Node); may throw. Paths are passed as given. */
  readFile: (path: string) => TextContent;
  /**
   * Turns the configured paths into the tables to read: in Node, expandRuleFilePaths (folders and
   * CMS .zip downloads). Without it each path is one file read with readFile.
   */
  expand?: (paths: readonly string[]) => { entries: { source: string; path: string; read(): TextContent }[]; problems: LoadProblem[] };
  /** The table a PTP file given in ptpFiles goes into, from its name (ccioph... is hospital); practitioner when absent. */
  tableOfName?: (path: string) => PtpTableKind;
  /** Refuse content larger than this (bytes, or characters for strings). */
  maxFileBytes?: number;
}

/** Knowledge with only the built-in data (or nothing, when builtinEdits is false). */
export function emptyKnowledge(builtinEdits = true): Knowledge {
  return loadKnowledge({ builtinEdits, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads the built-in data and the user's files. An unreadable, oversized or broken file becomes
 * a problem; the data of every other file (and the good rows of a partly broken one) is kept.
 * User PTP files are loaded after the built-in edits, so on equal date windows theirs win.
 */
export function loadKnowledge(options: KnowledgeOptions): Knowledge {
  const maxBytes = options.maxFileBytes ?? MAX_RULE_FILE_BYTES;
  const tables: PtpTables = { practitioner: new PtpRuleSet(), hospital: new PtpRuleSet() };
  const descriptors = builtinDescriptorTable();
  const problems: LoadProblem[] = [];
  const files: LoadedFile[] = [];

  if (options.builtinEdits) {
    // The built-in set serves both claim types; a loaded table's rows for a pair replace it.
    problems.push(...addBuiltinEdits(tables.practitioner).problems);
    addBuiltinEdits(tables.hospital);
  }

  const expand = (paths: readonly string[], kind: LoadedFile['kind']) => {
    if (options.expand) {
      const expanded = options.expand(paths);
      problems.push(...expanded.problems);
      for (const problem of expanded.problems) files.push({ source: problem.source, kind, rows: 0, problems: 1 });
      return expanded.entries;
    }
    return paths.map((path) => ({ source: path, path, read: () => options.readFile(path) }));
  };

  const load = (
    entry: { source: string; read(): TextContent },
    kind: LoadedFile['kind'],
    parse: (content: TextContent, source: string) => { rows: number; problems: LoadProblem[] },
    table?: PtpTableKind,
  ) => {
    const source = entry.source;
    let content: TextContent;
    try {
      content = entry.read();
    } catch (error) {
      problems.push({ source, line: 0, reason: `cannot read: ${describeError(error)}` });
      files.push({ source, kind, rows: 0, problems: 1 });
      return;
    }
    const size = typeof content === 'string' ? content.length : content.byteLength;
    if (size > maxBytes) {
      problems.push({ source, line: 0, reason: `not loaded: file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit` });
      files.push({ source, kind, rows: 0, problems: 1 });
      return;
    }
    try {
      const result = parse(content, source);
      problems.push(...result.problems);
      files.push({ source, kind, rows: result.rows, problems: result.problems.length, ...(table ? { table } : {}) });
    } catch (error) {
      // Rows added before the failure stay: they were each checked.
      problems.push({ source, line: 0, reason: `could not be loaded completely: ${describeError(error)}` });
      files.push({ source, kind, rows: 0, problems: 1 });
    }
  };

  const loadPtp = (paths: readonly string[], fixed: PtpTableKind | null) => {
    for (const entry of expand(paths, 'ptp')) {
      const table = fixed ?? options.tableOfName?.(entry.path) ?? 'practitioner';
      load(entry, 'ptp', (content, source) => loadPtpTable(content, source, tables[table]), table);
    }
  };
  loadPtp(options.ptpFiles, null);
  loadPtp(options.hospitalPtpFiles ?? [], 'hospital');
  for (const entry of expand(options.descriptorFiles, 'descriptors')) {
    load(entry, 'descriptors', (content, source) => loadDescriptorFile(content, source, descriptors));
  }
  for (const table of ['practitioner', 'hospital'] as const) {
    try {
      tables[table].finish();
    } catch (error) {
      problems.push({ source: `${table} PTP edits`, line: 0, reason: `index could not be built: ${describeError(error)}` });
    }
  }
  return { rules: tables.practitioner, tables, descriptors, problems, files };
}
