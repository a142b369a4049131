// The `claimlint` command: the same core checks as the language server, for pipelines and CI.
//   claimlint check [--format text|json|sarif] [--ptp FILE]... [--mue FILE]... [--aoc FILE]... [--descriptors FILE]... [--no-builtin-edits] FILE|DIR... | -
//   claimlint fix [--out FILE] [options] FILE
// Exit codes: 0 no errors, 1 findings of error severity, 2 bad usage or unreadable input.
// Nothing printed ever quotes claim contents: rule ids, codes, counts and file names only.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyze, internalError, type SharedCoding } from '../core/analyze';
import { CLI_DEFAULT_GUIDE_CHECKS, keptWhenOff, type GuideChecks } from '../core/guides/checks';
import type { RunFinding } from '../core/rules/checkPtp';
import { CodingRun } from '../core/rules/codingRun';
import { expandRuleFilePaths, tableKindFromName } from '../core/rules/ruleFiles';
import { applyEdits, type TextEdit } from '../core/edits';
import { fixAllWithGuides } from '../core/guides/fixes';
import type { ClaimFormat, Finding, ParsedDocument } from '../core/model';
import { loadKnowledge, type Knowledge, type LoadedFile } from '../core/rules/knowledge';
import { openFileBlocks } from '../core/rules/readFile';
import { fileReports, isMoreNotListed, unusableFileReason } from '../lsp/loadReport';
import { EMPTY_FILE_RULE, ENCODING_RULE } from '../core/parse';
import { parseArguments, usage, UsageError, type CliOptions } from './arguments';
import { decode as decodeInput, encodedChunks, forEachEncodedChunk, InputError, OutputError, readInput, readStandardInput, removeStaleTemporaries, writeAtomicallyInterruptibly, type DecodedInput } from './files';
import { BIG_INPUT_BYTES, Progress } from './progress';
import { byPosition, CLAIMLINT_VERSION, createReporter, offsetsOf, Positions, textLine, type FileResult } from './report';
import { checkCsvInBlocks, type CsvBlockCheck } from './csvStream';
import { checkInBlocks, type BlockCheck } from './stream';
import { CLAIM_FILE_EXTENSIONS, claimFilesUnder } from './claimFiles';
import { ReaderGone, writeAllSync } from './output';

/** Standard output's descriptor: written to directly (see output.ts), never through process.stdout. */
const STDOUT = 1;

export interface Io {
  stdout: (data: string | Uint8Array) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  /** Standard error is a terminal: progress may be drawn on it. */
  isTty: boolean;
  columns?: number;
  now?: () => number;
}

/** The text of a claim file's bytes, decoded as the CLI decodes them (see files.ts; bench uses it). */
export function decode(bytes: Buffer): string {
  return decodeInput(bytes).text;
}

export const UNRECOGNIZED_RULE = 'claimlint.unrecognized-format';
export const EMPTY_RULE = EMPTY_FILE_RULE;

/**
 * The findings the CLI reports for a file: the analysis's, with an empty file made an error (the
 * editor shows it as a warning while a file is being written; an empty export in CI is a
 * failure), and a file it could not read as claims saying so, unless the analysis already says
 * why (empty, or in an encoding Claimlint does not read).
 */
export function withInputFindings(findings: readonly Finding[], format: ClaimFormat | null): Finding[] {
  const out = findings.map((f) => (f.rule === EMPTY_RULE && f.severity !== 'error' ? { ...f, severity: 'error' as const } : f));
  if (format !== null || out.some((f) => f.rule === EMPTY_RULE || f.rule === ENCODING_RULE)) return out;
  out.push(
    {
      rule: UNRECOGNIZED_RULE,
      severity: 'error',
      message:
        'Not an X12 837 or a claim CSV export, so nothing in it was checked: an 837 starts with an ISA segment (or ST/GS when pasted without one), a claim CSV has a header row that names a procedure code column.',
      span: { start: 0, end: 0 },
    },
  );
  return out;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

function displayPath(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/** The exit code; a promise of it when fix writes a file (the write yields to Ctrl-C). */
export function run(argv: readonly string[], io: Io): number | Promise<number> {
  let options: CliOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`claimlint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.command === 'help') {
    io.stdout(usage);
    return 0;
  }
  if (options.command === 'version') {
    io.stdout(`claimlint ${CLAIMLINT_VERSION}\n`);
    return 0;
  }

  const knowledge = loadRules(options, io);
  if (knowledge === null) return 2;
  return options.command === 'fix' ? runFix(options, knowledge, io) : runCheck(options, knowledge, io);
}

// ---- rule and descriptor files ---------------------------------------------------------------

/** Warnings shown per rule file; the rest are counted. */
const PROBLEMS_SHOWN_PER_FILE = 5;

/**
 * Loads the PTP, MUE and add-on code tables and the descriptor files with the extension's
 * loaders. A file that cannot be read, or yields no rows at all, stops the run (exit 2), naming
 * the option that gave it: a wrong path in CI must not pass silently with fewer edits. Bad rows
 * of a file that loads are warnings.
 */
function loadRules(options: CliOptions, io: Io): Knowledge | null {
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
  let fatal = false;
  for (const report of reports) {
    if (report.file.rows > 0) continue;
    fatal = true;
    // The loader's reason for the whole file, else what the file is not and its first rows' problems.
    const reason = unusableFileReason(report) ?? NOTHING_FOUND[report.file.kind];
    io.stderr(`claimlint: ${ruleFileOption(report.file)} ${report.file.source}: ${reason}\n`);
  }
  if (fatal) return null;
  const fileSources = new Set(knowledge.files.map((file) => file.source));
  for (const report of reports) {
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

/** The option that named a rule file. */
function ruleFileOption(file: LoadedFile): string {
  switch (file.kind) {
    case 'descriptors':
      return '--descriptors';
    case 'mue':
      return '--mue';
    case 'aoc':
      return '--aoc';
    default:
      return file.table === 'hospital' ? '--ptp-hospital' : '--ptp';
  }
}

/** What a rule file that gave no rows (and no reason) lacked. */
const NOTHING_FOUND: Record<LoadedFile['kind'], string> = {
  ptp: 'no PTP edits found in it',
  descriptors: 'no code descriptors found in it',
  mue: 'no MUE values found in it',
  aoc: 'no add-on code edits found in it',
};

function configurationMessages(knowledge: Knowledge): string[] {
  return knowledge.problems.map((p) => `${p.source}${p.line > 0 ? `:${p.line}` : ''}: ${p.reason}`);
}

function progressFor(options: CliOptions, io: Io): Progress {
  return new Progress({
    isTty: io.isTty,
    write: io.stderr,
    ...(io.columns !== undefined ? { columns: io.columns } : {}),
    ...(io.now !== undefined ? { now: io.now } : {}),
    files: options.files.map((path) => ({ path, size: sizeOf(path) })),
  });
}

function sizeOf(path: string): number | null {
  if (path === '-') return null;
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

// ---- check -----------------------------------------------------------------------------------

/** Why a directory argument gave no file to check. */
const NO_CLAIM_FILES = `no claim files in this directory (${CLAIM_FILE_EXTENSIONS.join(', ')}, or a file starting with ISA)`;

/**
 * The inputs with each directory replaced by the claim files under it (claimFiles.ts), in place;
 * a directory without any stays, to be reported as such.
 */
function expandDirectories(files: readonly string[]): { files: string[]; empty: Set<string> } {
  const out: string[] = [];
  const empty = new Set<string>();
  for (const path of files) {
    let directory = false;
    try {
      directory = path !== '-' && statSync(path).isDirectory();
    } catch {
      // Missing or unreadable: reported as such when it is read.
    }
    const found = directory ? claimFilesUnder(path) : [];
    if (found.length > 0) out.push(...found);
    else {
      if (directory) empty.add(path);
      out.push(path);
    }
  }
  return { files: out, empty };
}

function runCheck(given: CliOptions, knowledge: Knowledge, io: Io): number {
  const { files, empty } = expandDirectories(given.files);
  const options: CliOptions = { ...given, files };
  const progress = progressFor(options, io);
  const stdout = (text: string) => {
    progress.clear();
    io.stdout(text);
  };
  const reporter = createReporter(options.format, stdout, knowledge, options.descriptorFiles.length > 0);
  for (const message of configurationMessages(knowledge)) reporter.configurationProblem(message);
  const totals = { files: 0, claims: 0, serviceLines: 0, error: 0, warning: 0, information: 0 };
  let unreadable = 0;
  const report = (result: FileResult) => {
    reporter.file(result);
    totals.files++;
    totals.claims += result.claims;
    totals.serviceLines += result.serviceLines;
    for (const finding of result.findings) totals[finding.severity]++;
  };
  // Several files are checked together (the lines of one patient, provider and date paired across
  // them) unless --each-file: their reports wait for the run's coding check at the end.
  const together = !options.eachFile && options.files.length > 1;
  const guide: GuideChecks = options.guide ?? CLI_DEFAULT_GUIDE_CHECKS;
  const run = together ? new CodingRun(knowledge) : null;
  const held = new Map<number, FileResult>();

  options.files.forEach((path, index) => {
    progress.update(index, 'reading');
    const shared = run === null ? undefined : { run, file: index };
    let checked: CheckedFile;
    try {
      if (empty.has(path)) throw new InputError(path, NO_CLAIM_FILES);
      // --guide full reads in blocks too: the guide checks run in the reader's pass, piece by piece.
      const blocks = path === '-' ? null : checkFileInBlocks(path, index, knowledge, progress, shared, guide === 'full');
      // An 837 read in blocks gets the envelope checks: off drops the envelope and structure ones.
      if (blocks && guide === 'off') blocks.result.findings = blocks.result.findings.filter((f) => keptWhenOff(f.rule));
      checked = blocks ?? checkWholeFile(path, index, knowledge, progress, io, shared, guide);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      progress.clear();
      io.stderr(`claimlint: ${path === '-' ? 'standard input' : path}: ${error.message}\n`);
      reporter.unreadable(displayPath(path), error.message);
      unreadable++;
      progress.fileDone(index);
      return;
    }
    if (together) held.set(index, checked.result);
    else report(checked.result);
    progress.fileDone(index);
    // Free a big file's analysis before the next file's is built (peak: one file, not the sum).
    if (checked.textLength >= BIG_INPUT_BYTES && index < options.files.length - 1) collectGarbage();
  });
  if (run !== null) {
    let coding: RunFinding[];
    try {
      coding = run.check(options.files.map(displayPath));
    } catch (error) {
      coding = [...held.keys()].map((file) => ({ file, finding: internalError('checking', error) }));
    }
    const added = new Map<number, Finding[]>();
    for (const { file, finding } of coding) {
      const list = added.get(file);
      if (list) list.push(finding);
      else added.set(file, [finding]);
    }
    for (const [file, result] of [...held.entries()].sort((a, b) => a[0] - b[0])) {
      report({ ...result, findings: byPosition([...result.findings, ...(added.get(file) ?? [])]) });
    }
  }
  reporter.finish();
  progress.finish();

  if (options.format === 'text') {
    const counts = [plural(totals.error, 'error'), plural(totals.warning, 'warning')];
    if (totals.information > 0) counts.push(plural(totals.information, 'note'));
    io.stderr(
      `claimlint: ${plural(totals.files, 'file')} checked, ${plural(totals.claims, 'claim')}, ${plural(totals.serviceLines, 'service line')}: ${counts.join(', ')}` +
        `${unreadable > 0 ? `; ${plural(unreadable, 'file')} could not be read` : ''}\n`,
    );
  }
  if (unreadable > 0) return 2;
  return totals.error > 0 ? 1 : 0;
}

/** A checked input, and how much of its text was held at once (none when read in blocks). */
interface CheckedFile {
  result: FileResult;
  textLength: number;
}

/**
 * An 837 file read in blocks, a few transaction sets in memory at a time (see stream.ts); null
 * when the file is to be read whole. No text of the file is held once it returns.
 */
function checkFileInBlocks(path: string, index: number, knowledge: Knowledge, progress: Progress, shared: SharedCoding | undefined, guide: boolean): CheckedFile | null {
  const blockProgress = {
    checked: (bytes: number) => progress.advance(index, 'checking', bytes),
    locating: () => progress.update(index, 'writing'),
  };
  let checked: BlockCheck | CsvBlockCheck | null = checkInBlocks(path, knowledge, blockProgress, {}, shared, guide);
  if (checked === null) {
    // Read whole instead (a late non-ASCII byte, say): what its first blocks added to the run goes.
    shared?.run.dropFile(shared.file);
  }
  // Not an 837: a claim CSV is read in blocks too (csvStream.ts); it adds to the run only once it has been read to the end.
  checked ??= checkCsvInBlocks(path, knowledge, blockProgress, {}, shared);
  if (checked === null) return null;
  return { result: { path: displayPath(path), ...checked }, textLength: 0 };
}

/** Any input read whole into one string: standard input, and files that are not read in blocks. */
function checkWholeFile(path: string, index: number, knowledge: Knowledge, progress: Progress, io: Io, shared: SharedCoding | undefined, guide: GuideChecks): CheckedFile {
  let input: DecodedInput | null = readInput(path, io.readStdin);
  progress.update(index, 'checking', input.bytes);
  const text = input.text;
  input = null;
  const analysis = analyze(text, knowledge, undefined, shared, { guideChecks: guide });
  const doc = analysis.doc;
  const findings = byPosition(withInputFindings(analysis.findings, doc.format));
  // Checked with other files: the run's coding findings land on this file's coded lines later.
  const wanted = shared ? offsetsOf(findings).concat(shared.run.offsetsOf(shared.file)) : offsetsOf(findings);
  const serviceLines = doc.claims.reduce((sum, claim) => sum + claim.lines.length, 0);
  progress.update(index, 'writing');
  const result: FileResult = {
    path: displayPath(path),
    format: doc.format,
    claims: doc.claims.length,
    serviceLines,
    findings,
    positions: new Positions(text, wanted),
  };
  return { result, textLength: text.length };
}

// ---- fix -------------------------------------------------------------------------------------

interface FixPlan {
  format: ClaimFormat | null;
  edits: TextEdit[] | null;
  /** Service lines the edits remove, and the indicator-0 findings they resolve. */
  removedLines: number;
  resolved: number;
  /** What the fix does when it also fixes MUE or add-on code findings (null when it only removes PTP lines). */
  otherFixes: string | null;
  /** Findings of the input (used as the result's findings when nothing changes). */
  findings: Finding[];
}

/** What fix changes besides removing PTP column-2 lines: coding findings, and envelope ones. */
const FIX_ALL_CODING = 'NCCI conflicts with modifier indicator 0, MUEs with MAI 2, add-on codes of type 1';
const FIX_ALL_ENVELOPE = 'SE01, GE01 and IEA01 counts, HL numbers, ISA field widths, blanks before segments';

/** The kinds of findings a fix-all resolves, as its message names them. */
function fixedKinds(findings: readonly Finding[]): string {
  const coding = findings.some((f) => f.data !== undefined);
  const envelope = findings.some((f) => f.data === undefined);
  return [coding ? FIX_ALL_CODING : null, envelope ? FIX_ALL_ENVELOPE : null].filter((k) => k !== null).join('; ');
}

/** Analyses the input and plans the removals; the analysis is dropped when this returns. */
function planFix(text: string, knowledge: Knowledge, guide: GuideChecks): FixPlan {
  const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: guide });
  const doc: ParsedDocument = analysis.doc;
  const findings = withInputFindings(analysis.findings, doc.format);
  // The certain fixes: coding (below), and envelope counts, HL numbers, ISA widths, leading blanks.
  const fix = doc.format === null ? null : fixAllWithGuides(text, analysis.doc, analysis.findings);
  if (!fix) return { format: doc.format, edits: null, removedLines: 0, resolved: 0, otherFixes: null, findings };
  const lines = new Set(fix.findings.flatMap((f) => (f.data?.kind === 'ptp' ? [`${f.data.claimIndex}:${f.data.columnTwoLine}`] : [])));
  const others = fix.findings.filter((f) => f.data?.kind !== 'ptp');
  const otherFixes =
    others.length === 0
      ? null
      : `${fix.title.charAt(0).toLowerCase()}${fix.title.slice(1)}, resolving ${plural(fix.findings.length, 'finding')} (${fixedKinds(fix.findings)})`;
  return { format: doc.format, edits: fix.edits, removedLines: lines.size, resolved: fix.findings.length, otherFixes, findings: [] };
}

function runFix(options: CliOptions, knowledge: Knowledge, io: Io): number | Promise<number> {
  const path = options.files[0]!;
  const shownPath = path === '-' ? 'standard input' : path;
  const target = options.out ?? path;
  const toStdout = target === '-';
  if (!toStdout) {
    const stale = removeStaleTemporaries(target);
    if (stale > 0) io.stderr(`claimlint: removed ${plural(stale, 'temporary file')} that an earlier fix of ${target} left behind\n`);
  }
  const progress = progressFor(options, io);
  progress.update(0, 'reading');
  let input: DecodedInput;
  try {
    input = readInput(path, io.readStdin);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    progress.clear();
    io.stderr(`claimlint: ${shownPath}: ${error.message}\n`);
    return 2;
  }
  const { encoding, bom } = input;
  progress.update(0, 'checking', input.bytes);
  const guide: GuideChecks = options.guide ?? CLI_DEFAULT_GUIDE_CHECKS;
  const plan = planFix(input.text, knowledge, guide);

  let fixed = input.text;
  let remaining = plan.findings;
  if (plan.edits) {
    progress.update(0, 'fixing');
    fixed = applyEdits(input.text, plan.edits);
    plan.edits = null;
    // The original text is no longer needed once the result is flat; let it go before re-checking.
    input.text = '';
    collectGarbage();
    remaining = analyze(fixed, knowledge, undefined, undefined, { guideChecks: guide }).findings;
  }
  remaining = byPosition(remaining);

  progress.update(0, 'writing');
  progress.clear();
  const changed = plan.removedLines > 0 || plan.otherFixes !== null;
  const outputName = toStdout ? '<stdout>' : target;
  if (toStdout) {
    forEachEncodedChunk(fixed, encoding, bom, (chunk) => io.stdout(chunk));
  } else if (changed || options.out !== null) {
    const note = (message: string) => io.stderr(`claimlint: ${message}\n`);
    return writeAtomicallyInterruptibly(target, encodedChunks(fixed, encoding, bom), { note, force: options.force === true, source: input.identity }).then(report, (error: unknown) => {
      if (!(error instanceof OutputError)) throw error;
      progress.finish();
      io.stderr(`claimlint: cannot write ${target}: ${error.message}; ${target === path ? 'the file was not changed' : 'nothing was written'}\n`);
      return 2;
    });
  }
  return report();

  function report(): number {
    progress.finish();

    const arrow = !toStdout && target !== path ? ` -> ${target}` : '';
    if (plan.format === null) {
      io.stderr(`claimlint: ${shownPath}: not a claim file, nothing to fix${arrow}\n`);
    } else if (changed && plan.otherFixes !== null) {
      io.stderr(`claimlint: ${shownPath}: ${plan.otherFixes}${arrow}\n`);
    } else if (changed) {
      io.stderr(
        `claimlint: ${shownPath}: removed ${plural(plan.removedLines, 'service line')}, the column-2 codes of ${plural(plan.resolved, 'NCCI conflict')} with modifier indicator 0${arrow}\n`,
      );
    } else {
      io.stderr(`claimlint: ${shownPath}: nothing to fix (no NCCI conflicts with modifier indicator 0, MUEs with MAI 2 or type 1 add-on codes)${arrow}\n`);
    }
    // Indicator-1 conflicts still in the result (those on a removed line went with it).
    const leftForReview = remaining.filter((f) => f.data?.kind === 'ptp' && f.data.modifierIndicator === '1').length;
    if (leftForReview > 0) {
      io.stderr(
        `claimlint: ${shownPath}: ${plural(leftForReview, 'conflict')} with modifier indicator 1 left for review: a modifier such as 59 or XS may make the pair payable, so fix never removes those lines\n`,
      );
    }
    const positions = Positions.forFindings(fixed, remaining);
    for (const finding of remaining) io.stderr(textLine(outputName, finding, positions));
    return remaining.some((f) => f.severity === 'error') ? 1 : 0;
  }
}

/**
 * A full garbage collection between two analyses (fix's two, or two big files of check), so that
 * the first one's claims are gone before the next are built: the peak is one analysis, not two. Node exposes gc()
 * only behind a flag; it can be turned on at run time and fetched from a fresh context.
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // Not available: the collector runs on its own schedule.
  }
}

// ---- entry point -----------------------------------------------------------------------------

if (require.main === module) {
  // The check streams: what a piece allocates is garbage once the piece is read, so a young
  // generation that stays at its starting size (1 MB semi-spaces) collects it as well as V8's
  // default growth to 16 MB does, and peaks about 30 MB lower (bench: the 50 MB 837P, 116 to
  // 88 MB RSS at the same CPU time). Only the growth factor can still be set once the heap exists.
  setFlagsFromString('--semi-space-growth-factor=1');
  // A bug of ours: say so in one line, without a stack that could quote claim contents. A
  // reader that goes away (`claimlint check ... | head`) is not an error of ours.
  const internalError = (error: unknown): number => {
    if (error instanceof ReaderGone) process.exit(process.exitCode ?? 0);
    const name = error instanceof Error ? error.name : 'Error';
    process.stderr.write(`claimlint: internal error (${name}); please report it with a synthetic file that reproduces it\n`);
    return 2;
  };
  let code: number | Promise<number>;
  try {
    code = run(process.argv.slice(2), {
      stdout: (data) => writeAllSync(STDOUT, data),
      stderr: (text) => process.stderr.write(text),
      readStdin: readStandardInput,
      isTty: process.stderr.isTTY === true,
      ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
    });
  } catch (error) {
    code = internalError(error);
  }
  if (typeof code === 'number') process.exitCode = code;
  else code.then((exit) => (process.exitCode = exit), (error: unknown) => (process.exitCode = internalError(error)));
}
