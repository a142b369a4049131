// The rule and descriptor files a CLI run loads (--ptp, --ptp-hospital, --mue, --aoc,
// --descriptors), with the extension's loaders, and what is said about them on standard error.
import { resolve } from 'node:path';
import type { CliOptions } from './arguments';
import { expandRuleFilePaths, tableKindFromName } from '../core/rules/ruleFiles';
import { loadKnowledge, ncciTablesLoaded, type Knowledge } from '../core/rules/knowledge';
import { openFileBlocks } from '../core/rules/readFile';
import { fileReports, isMoreNotListed, listOf, otherKindsInFolders, whyUnusable, type RuleList } from '../lsp/loadReport';
import { plural, type Io } from './io';

/** Warnings shown per rule file; the rest are counted. */
const PROBLEMS_SHOWN_PER_FILE = 5;

/**
 * Loads the PTP, MUE and add-on code tables and the descriptor files with the extension's
 * loaders. A file that cannot be read, or yields no rows at all, stops the run (exit 2), naming
 * the option that gave it: a wrong path in CI must not pass silently with fewer edits. Bad rows
 * of a file that loads are warnings.
 */
export function loadRules(options: CliOptions, io: Io, fatalProblems: string[] = []): Knowledge | null {
  const knowledge = loadKnowledge({
    builtinEdits: options.builtinEdits,
    ptpFiles: options.ptpFiles,
    hospitalPtpFiles: options.hospitalPtpFiles,
    mueFiles: options.mueFiles ?? [],
    addOnCodeFiles: options.addOnCodeFiles ?? [],
    descriptorFiles: options.descriptorFiles,
    readFile: (path) => openFileBlocks(path),
    expand: (paths) => expandRuleFilePaths(paths),
    tableOfName: tableKindFromName,
  });
  const reports = fileReports(knowledge);
  // A folder that holds every CMS download (PTP, MUE, add-on code tables) may be given to each
  // option: a file in it that is not the option's kind is skipped (loadReport.ts
  // otherKindsInFolders), in a note when another option loaded it, else with a warning. A file
  // given itself, or one that cannot be read, stops the run.
  const skipped = otherKindsInFolders(reports);
  // By the file's full path: one folder given as `ncci` and as `./ncci` is one folder.
  const loadedBy = new Map<string, string>();
  for (const report of reports) if (report.file.rows > 0 && !loadedBy.has(resolve(report.file.source))) loadedBy.set(resolve(report.file.source), OPTION_OF[listOf(report.file)]);
  let fatal = false;
  for (const report of reports) {
    if (report.file.rows > 0) continue;
    // The loader's reason for the whole file, else what the file is not and its first rows' problems.
    const reason = whyUnusable(report);
    const option = OPTION_OF[listOf(report.file)];
    if (skipped.has(report)) {
      const other = loadedBy.get(resolve(report.file.source));
      if (other !== undefined) io.stderr(`claimlint: note: ${option} ${report.file.source}: skipped here, loaded by ${other}\n`);
      else io.stderr(`claimlint: warning: ${option} ${report.file.source}: skipped: ${reason}\n`);
      continue;
    }
    fatal = true;
    fatalProblems.push(`${option} ${report.file.source}: ${reason}`);
    io.stderr(`claimlint: ${option} ${report.file.source}: ${reason}\n`);
  }
  if (fatal) return null;
  const fileSources = new Set(knowledge.files.map((file) => file.source));
  for (const report of reports) {
    // A file skipped above was said in one line: its rows' problems are what it is not.
    if (skipped.has(report)) continue;
    const listed = report.problems.filter((p) => !isMoreNotListed(p));
    const shown = listed.slice(0, PROBLEMS_SHOWN_PER_FILE);
    for (const problem of shown) io.stderr(`claimlint: warning: ${problem.source}${problem.line > 0 ? `:${problem.line}` : ''}: ${problem.reason}\n`);
    // Counted from the file's total: the loader lists only its first problems.
    if (report.total > shown.length) io.stderr(`claimlint: warning: ${report.file.source}: ${plural(report.total - shown.length, 'more problem')} not shown\n`);
  }
  // Problems of no file given (the built-in data, building an index).
  for (const problem of knowledge.problems.filter((p) => !fileSources.has(p.source))) {
    io.stderr(`claimlint: warning: ${problem.source}${problem.line > 0 ? `:${problem.line}` : ''}: ${problem.reason}\n`);
  }
  return knowledge;
}

/**
 * What `check` says after its summary when no NCCI table was loaded at all: "0 errors" from the
 * built-in 43214 edits alone is not a clean file, and a pipeline's log should say so. Null when a
 * PTP, MUE or add-on code table was loaded (whoever loads one knows what the run checks).
 */
export function builtinOnlyNote(knowledge: Knowledge, builtinEdits: boolean): string | null {
  if (ncciTablesLoaded(knowledge)) return null;
  return builtinEdits
    ? 'no NCCI table was loaded, so only the built-in CPT 43214 edits were checked; load CMS\'s tables with --ptp, --ptp-hospital, --mue and --aoc'
    : 'no NCCI table was loaded and --no-builtin-edits was given, so no coding edit was checked';
}

/** The option that named a rule file: for PTP files the list it came in, not its table (a --ptp file named ccioph... goes to the hospital table). */
const OPTION_OF: Record<RuleList, string> = { ptp: '--ptp', hospitalPtp: '--ptp-hospital', mue: '--mue', aoc: '--aoc', descriptors: '--descriptors' };

export function configurationMessages(knowledge: Knowledge): string[] {
  return knowledge.problems.map((p) => `${p.source}${p.line > 0 ? `:${p.line}` : ''}: ${p.reason}`);
}
