// Everything the checks and hovers know: PTP edits, code descriptors, and what went wrong
// loading them. Built once per settings change by loadKnowledge, which never throws.

import { addBuiltinEdits, builtinDescriptorTable } from './builtin';
import { DescriptorTable, loadDescriptorFile } from './descriptors';
import { loadPtpTable, PtpRuleSet } from './ptp';
import { formatBytes, MAX_RULE_FILE_BYTES, type LoadProblem, type TextContent } from './textInput';

export interface LoadedFile {
  source: string;
  kind: 'ptp' | 'descriptors';
  /** Rows (PTP edits or descriptors) taken from the file; 0 when it could not be read. */
  rows: number;
  problems: number;
}

export interface Knowledge {
  rules: PtpRuleSet;
  descriptors: DescriptorTable;
  /** Load problems of every file (line 0 = the whole file). */
  problems: LoadProblem[];
  files: LoadedFile[];
}

export interface KnowledgeOptions {
  builtinEdits: boolean;
  ptpFiles: readonly string[];
  descriptorFiles: readonly string[];
  /** Reads a file (readFileCapped in Node); may throw. Paths are passed as given. */
  readFile: (path: string) => TextContent;
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
  const rules = new PtpRuleSet();
  const descriptors = builtinDescriptorTable();
  const problems: LoadProblem[] = [];
  const files: LoadedFile[] = [];

  if (options.builtinEdits) problems.push(...addBuiltinEdits(rules).problems);

  const load = (source: string, kind: LoadedFile['kind'], parse: (content: TextContent) => { rows: number; problems: LoadProblem[] }) => {
    let content: TextContent;
    try {
      content = options.readFile(source);
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
      const result = parse(content);
      problems.push(...result.problems);
      files.push({ source, kind, rows: result.rows, problems: result.problems.length });
    } catch (error) {
      // Rows added before the failure stay: they were each checked.
      problems.push({ source, line: 0, reason: `could not be loaded completely: ${describeError(error)}` });
      files.push({ source, kind, rows: 0, problems: 1 });
    }
  };

  for (const path of options.ptpFiles) load(path, 'ptp', (content) => loadPtpTable(content, path, rules));
  for (const path of options.descriptorFiles) load(path, 'descriptors', (content) => loadDescriptorFile(content, path, descriptors));
  try {
    rules.finish();
  } catch (error) {
    problems.push({ source: 'PTP edits', line: 0, reason: `index could not be built: ${describeError(error)}` });
  }
  return { rules, descriptors, problems, files };
}
