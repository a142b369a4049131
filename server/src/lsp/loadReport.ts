// What loading the rule files gave, said once per file and once in all: the log and the
// client's warning get one line per file with problems (what was loaded from it, how many
// problems, the first few), never one line per bad row, and the counts say what was loaded.
import type { Knowledge, LoadedFile } from '../core/rules/knowledge';
import type { LoadProblem } from '../core/rules/loadProblems';
import { TABLE_KIND_NAME_WORDS } from '../core/data/tableNames';
import { nameWords } from '../core/rules/nameWords';

/** Problems quoted per file; the count says how many there are. */
const REASONS_SHOWN = 3;

/**
 * The loader lists a file's first problems and closes the list with this line for the rest
 * (ProblemList.finish in core/rules/loadProblems.ts). If its wording changes, the count shown is
 * only the problems listed.
 */
const MORE_NOT_LISTED = /^(\d+) more problems? not listed$/;

export interface KindWords {
  /** One file of this kind, as the user would call it: "not a PTP table". */
  file: string;
  files: string;
  row: string;
  rows: string;
}

const kindWords: Record<string, KindWords> = {
  ptp: { file: 'PTP table', files: 'PTP tables', row: 'PTP edit', rows: 'PTP edits' },
  descriptors: { file: 'descriptor table', files: 'descriptor files', row: 'descriptor', rows: 'descriptors' },
  mue: { file: 'MUE table', files: 'MUE tables', row: 'MUE value', rows: 'MUE values' },
  aoc: { file: 'add-on code table', files: 'add-on code tables', row: 'add-on code edit', rows: 'add-on code edits' },
};

/** The words for a kind of rule file (LoadedFile['kind']). */
export function wordsOf(kind: string): KindWords {
  return kindWords[kind] ?? { file: `${kind} file`, files: `${kind} files`, row: 'row', rows: 'rows' };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 PTP edit", "12 descriptors": a file's rows in its kind's words. */
export function rowsOf(file: LoadedFile): string {
  const words = wordsOf(file.kind);
  return count(file.rows, words.row, words.rows);
}

/** A loaded file with its own problems. */
export interface FileReport {
  file: LoadedFile;
  /** As the loader listed them (perhaps closed by a "more not listed" line). */
  problems: LoadProblem[];
  /** How many problems the file has, those not listed included. */
  total: number;
}

/**
 * Each file the loader read (or tried to), with its problems, in the loader's order. A path set
 * for two kinds (a PTP table also given as a descriptor file) has two entries; its problems are
 * shared out in load order, each entry taking as many as it counts.
 */
export function fileReports(knowledge: Knowledge): FileReport[] {
  const bySource = new Map<string, LoadProblem[]>();
  for (const problem of knowledge.problems) {
    const list = bySource.get(problem.source);
    if (list) list.push(problem);
    else bySource.set(problem.source, [problem]);
  }
  const taken = new Map<string, number>();
  return knowledge.files.map((file) => {
    const start = taken.get(file.source) ?? 0;
    const problems = (bySource.get(file.source) ?? []).slice(start, start + file.problems);
    taken.set(file.source, start + file.problems);
    let total = 0;
    for (const problem of problems) {
      const more = problem.line === 0 ? MORE_NOT_LISTED.exec(problem.reason) : null;
      total += more ? Number(more[1]) : 1;
    }
    return { file, problems, total };
  });
}

/** The setting (or CLI option) a rule file was given in: for a PTP file the list, not the table its name chose. */
export type RuleList = 'ptp' | 'hospitalPtp' | 'mue' | 'aoc' | 'descriptors';

export function listOf(file: LoadedFile): RuleList {
  if (file.kind === 'ptp') return file.hospitalList ? 'hospitalPtp' : 'ptp';
  return file.kind;
}

/**
 * Files of another kind in a folder given for a kind of table: one folder may hold every CMS
 * download (the PTP zip, the MUE zip, the add-on code file) and be given to each setting, where the
 * MUE zip holds no PTP edit. Such a file is skipped (said in one line, not as a problem) when it
 * was found in a folder (or a zip found there), was read, gave no rows, and its setting loaded rows
 * from some other file. A file named itself, or one that could not be read, stays a problem.
 */
export function otherKindsInFolders(reports: readonly FileReport[]): Set<FileReport> {
  const loaded = new Set(reports.filter((r) => r.file.rows > 0).map((r) => listOf(r.file)));
  return new Set(reports.filter(({ file }) => file.rows === 0 && file.inFolder && !file.unread && loaded.has(listOf(file))));
}

/** Problems that belong to no file the user set (the built-in data, building the index): one line each. */
export function otherProblems(knowledge: Knowledge): string[] {
  const sources = new Set(knowledge.files.map((file) => file.source));
  return knowledge.problems.filter((p) => !sources.has(p.source)).map((p) => `${p.source}${p.line > 0 ? `:${p.line}` : ''}: ${p.reason}`);
}

/**
 * One line for a file with problems: `path: reason` when the file as a whole could not be used,
 * else `path: N PTP edits loaded; M problems, first: line 4: reason; line 9: reason; ...`.
 */
export function fileSummary(report: FileReport): string {
  const { file, problems, total } = report;
  const [only] = problems;
  if (file.rows === 0 && problems.length === 1 && only && only.line === 0) return `${file.source}: ${only.reason}`;
  const words = wordsOf(file.kind);
  const loaded = file.rows > 0 ? `${rowsOf(file)} loaded` : `no ${words.rows} loaded`;
  const listed = problems.filter((p) => !(p.line === 0 && MORE_NOT_LISTED.test(p.reason)));
  const shown = listed.slice(0, REASONS_SHOWN).map((p) => (p.line > 0 ? `line ${p.line}: ${p.reason}` : p.reason));
  return `${file.source}: ${loaded}; ${count(total, 'problem', 'problems')}${total > shown.length ? ', first' : ''}: ${shown.join('; ')}`;
}

/** The loader's closing "N more problems not listed" line: a count, not a problem of its own. */
export function isMoreNotListed(problem: LoadProblem): boolean {
  return problem.line === 0 && MORE_NOT_LISTED.test(problem.reason);
}

/** The loader's reason why the file as a whole could not be used (line 0, not the "more not listed" line), if it gave one. */
export function wholeFileReason(report: FileReport): string | null {
  return report.problems.find((p) => p.line === 0 && !isMoreNotListed(p))?.reason ?? null;
}

/**
 * Why a file gave no rows at all, in one line: the loader's whole-file reason when it gave one;
 * else what the file is not and why its first rows fail, `not a PTP table: no row of it could be
 * read (856 problems); first: line 2: reason; line 3: reason; line 4: reason`. Null when the
 * loader said nothing about it.
 */
export function unusableFileReason(report: FileReport): string | null {
  const whole = wholeFileReason(report);
  // A file that was read but is not of its setting's kind may say by its name which it is.
  if (whole !== null) return report.file.unread ? whole : whole + otherKindHint(report.file);
  const listed = report.problems.filter((p) => !isMoreNotListed(p));
  if (listed.length === 0) return null;
  const shown = listed.slice(0, REASONS_SHOWN).map((p) => `line ${p.line}: ${p.reason}`);
  return `not a ${wordsOf(report.file.kind).file}: no row of it could be read (${count(report.total, 'problem', 'problems')}); first: ${shown.join('; ')}${otherKindHint(report.file)}`;
}

/** Where a file of another kind of table goes, when its name says which: "; its name says it is an MUE table: give it as one (--mue, claimlint.mueFiles)". */
const GIVE_AS: Record<keyof typeof TABLE_KIND_NAME_WORDS, string> = {
  ptp: 'a PTP table: give it as one (--ptp or --ptp-hospital, claimlint.ptpEditFiles or claimlint.hospitalPtpEditFiles)',
  mue: 'an MUE table: give it as one (--mue, claimlint.mueFiles)',
  aoc: 'an add-on code table: give it as one (--aoc, claimlint.addOnCodeFiles)',
};

function otherKindHint(file: LoadedFile): string {
  const words = nameWords(file.source.slice(file.source.lastIndexOf(' \u203a ') + 1));
  for (const kind of ['ptp', 'mue', 'aoc'] as const) {
    if (kind !== file.kind && TABLE_KIND_NAME_WORDS[kind].some((word) => words.includes(word))) return `; its name says it is ${GIVE_AS[kind]}`;
  }
  return '';
}

/** What a rule file that gave no rows (and no reason) lacked. */
const NOTHING_FOUND: Record<LoadedFile['kind'], string> = {
  ptp: 'no PTP edits found in it',
  descriptors: 'no code descriptors found in it',
  mue: 'no MUE values found in it',
  aoc: 'no add-on code edits found in it',
};

/** Why a file gave no rows, in one line: unusableFileReason, else what it lacked (the CLI's stderr, the server's log). */
export function whyUnusable(report: FileReport): string {
  return unusableFileReason(report) ?? NOTHING_FOUND[report.file.kind];
}

/**
 * What was loaded, for the log: per kind of file, how many of the files set gave rows and how
 * many rows (files of another kind skipped in a folder, `skipped`, counted apart); then the PTP
 * edits in use in each table, and whether the built-in set is among them.
 */
export function loadedSummary(knowledge: Knowledge, builtinEdits: boolean, skipped: ReadonlySet<LoadedFile> = new Set()): string {
  const kinds = [...new Set(knowledge.files.map((file) => file.kind))];
  const parts = kinds.map((kind) => {
    const all = knowledge.files.filter((file) => file.kind === kind);
    const files = all.filter((file) => !skipped.has(file));
    const loaded = files.filter((file) => file.rows > 0);
    const rows = loaded.reduce((sum, file) => sum + file.rows, 0);
    const words = wordsOf(kind);
    const unit = kind === 'ptp' ? ['edit', 'edits'] : [words.row, words.rows];
    const others = all.length - files.length;
    const skippedNote = others > 0 ? `; ${count(others, 'file', 'files')} of other kinds skipped` : '';
    return `${words.files}: ${loaded.length} of ${count(files.length, 'file', 'files')} loaded (${count(rows, unit[0]!, unit[1]!)}${skippedNote})`;
  });
  const { practitioner, hospital } = knowledge.tables;
  const inUse = `in use: ${practitioner.size} practitioner and ${hospital.size} outpatient hospital PTP edits (built-in set ${builtinEdits ? 'on' : 'off'})`;
  return `Claimlint rules loaded: ${parts.length > 0 ? parts.join(', ') : 'no rule files set'}; ${inUse}.`;
}
