// `claimlint check`: each file read in blocks when it can be (stream.ts, csvStream.ts), else whole;
// several files judged together unless --each-file; one report in the chosen format.
import { statSync } from 'node:fs';
import { analyze, internalError, type SharedCoding } from '../core/analyze';
import { CLI_DEFAULT_GUIDE_CHECKS, keptWhenOff, type GuideChecks } from '../core/guides/checks';
import type { RunFinding } from '../core/rules/checkPtp';
import { CodingRun } from '../core/rules/codingRun';
import { lineCountOf } from '../core/x12/serviceLine837';
import { documentInterchangeHeaders, type InterchangeHeader } from '../core/x12/interchangeHeaders';
import { ControlNumbersAcrossFiles } from '../core/x12/controlNumbersAcrossFiles';
import type { Finding } from '../core/model';
import type { Knowledge } from '../core/rules/knowledge';
import { fails, type CliOptions } from './arguments';
import { InputError, readInput, type DecodedInput } from './files';
import { BIG_INPUT_BYTES, type Progress } from './progress';
import { byPosition, createReporter, Positions, wantedOffsets, type FileResult } from './report';
import { checkCsvInBlocks, type CsvBlockCheck } from './csvStream';
import { FindingList } from './findingList';
import { checkInBlocks, type BlockCheck } from './stream';
import { CLAIM_FILE_EXTENSIONS, claimFilesUnder, hasTableExtension, SeenFiles, type FilePath } from './claimFiles';
import { NOT_EDITED_RULE, notEditedCount } from '../core/rules/notEdited';
import { withInputFindings, withOtherTransactionsFailed } from '../core/inputFindings';
import { collectGarbage, displayPath, plural, progressFor, stderrName, type Io } from './io';
import { builtinOnlyNote, configurationMessages } from './rulesLoading';

/**
 * What stderr says of a directory argument that holds no claim file. It is not an unreadable
 * input (exit 0 if nothing else fails): a nightly run over an outbound folder with nothing in it
 * has simply nothing to check.
 */
const NO_CLAIM_FILES = `no claim files in this folder (looked for ${CLAIM_FILE_EXTENSIONS.join(', ')} and files starting with ISA), so nothing in it was checked`;

/** The inputs to check, and why some of them are refused before they are read. */
interface Inputs {
  files: FilePath[];
  /** A folder under a checked one that cannot be listed: why. */
  refused: Map<FilePath, string>;
  /** The folders that cannot be listed (counted apart from the files that cannot be read). */
  unlisted: Set<FilePath>;
  /** The files found in a folder given (not named themselves). */
  found: Set<FilePath>;
  /** The directories given that hold no claim file: noted, not checked, not an error. */
  empty: FilePath[];
  /** Entries named as claim files in a folder given that are no regular files (a named pipe): noted, not read. */
  passed: Map<FilePath, string>;
}

/**
 * The inputs with each directory replaced by the claim files under it (claimFiles.ts), in place,
 * and the folders under it that cannot be listed, to be reported in their place; a directory
 * without any goes to `empty`. A file reached again (a folder and a file in it, the same path
 * twice, a link to it) is dropped, so that it is checked once and never paired with
 * itself: the first of its places is kept (SeenFiles, claimFiles.ts; the editor's folder check
 * drops one the same way).
 */
function expandDirectories(files: readonly string[]): Inputs {
  const inputs: Inputs = { files: [], refused: new Map(), unlisted: new Set(), found: new Set(), empty: [], passed: new Map() };
  const seen = new SeenFiles();
  const add = (path: FilePath) => {
    if (seen.firstTime(path)) inputs.files.push(path);
  };
  const isDirectory = (path: string): boolean => {
    try {
      return path !== '-' && statSync(path).isDirectory();
    } catch {
      // Missing or unreadable: reported as such when it is read.
      return false;
    }
  };
  const directories = files.map(isDirectory);
  // The files named themselves, wherever else they are found: a file named is judged as named.
  const named = new SeenFiles();
  files.forEach((path, i) => {
    if (path !== '-' && !directories[i]) named.firstTime(path);
  });
  for (const [i, path] of files.entries()) {
    const directory = directories[i]!;
    const found = directory ? claimFilesUnder(path) : { paths: [], unlisted: new Map<FilePath, string>(), passed: new Map<FilePath, string>() };
    for (const [folder, reason] of found.unlisted) {
      inputs.refused.set(folder, reason);
      inputs.unlisted.add(folder);
    }
    for (const [entry, reason] of found.passed) inputs.passed.set(entry, reason);
    if (found.paths.length > 0) {
      found.paths.forEach(add);
      for (const file of found.paths) if (!named.has(file)) inputs.found.add(file);
    } else if (directory) {
      // Given twice, said once (as a file given twice is checked once).
      if (seen.firstTime(path)) inputs.empty.push(path);
    } else {
      add(path);
    }
  }
  return inputs;
}

export function runCheck(options: CliOptions, knowledge: Knowledge, io: Io): number {
  const { files, refused, unlisted, found, empty, passed } = expandDirectories(options.files);
  const progress = progressFor(options, io, files);
  const stdout = (text: string) => {
    progress.clear();
    io.stdout(text);
  };
  const reporter = createReporter(options.format, stdout, knowledge, options.descriptorFiles.length > 0);
  for (const message of configurationMessages(knowledge)) reporter.configurationProblem(message);
  for (const folder of empty) io.stderr(`claimlint: ${stderrName(folder)}: ${NO_CLAIM_FILES}\n`);
  for (const [entry, reason] of passed) io.stderr(`claimlint: ${stderrName(entry)}: ${reason}\n`);
  const totals = { files: 0, claims: 0, serviceLines: 0, error: 0, warning: 0, information: 0 };
  /** Claims the files' notes say no NCCI table judges (ncci.not-applicable). */
  let notJudged = 0;
  let unreadable = 0;
  let unlistedFolders = 0;
  const report = (result: FileResult) => {
    reporter.file(result);
    totals.files++;
    totals.claims += result.claims;
    totals.serviceLines += result.serviceLines;
    // A big file's FindingList is counted from its numbers: iterating it makes every finding again.
    if (result.findings instanceof FindingList) {
      result.findings.countSeverities(totals);
      for (const note of result.findings.ofRule(NOT_EDITED_RULE)) notJudged += notEditedCount(note);
    } else {
      for (const finding of result.findings) {
        totals[finding.severity]++;
        if (finding.rule === NOT_EDITED_RULE) notJudged += notEditedCount(finding);
      }
    }
  };
  // Several files are checked together (the lines of one patient, provider and date paired across
  // them) unless --each-file: their reports wait for the run's coding check at the end.
  const together = !options.eachFile && files.length > 1;
  const guide: GuideChecks = options.guide ?? CLI_DEFAULT_GUIDE_CHECKS;
  const run = together ? new CodingRun(knowledge) : null;
  // ISA13 used again for a sender by a later file of the run (a guide check, of files judged together).
  const controlNumbers = guide === 'full' && together ? new ControlNumbersAcrossFiles() : null;
  const held = new Map<number, FileResult>();

  files.forEach((path, index) => {
    progress.update(index, 'reading');
    const shared = run === null ? undefined : { run, file: index };
    let checked: CheckedFile;
    try {
      const refusal = refused.get(path);
      if (refusal !== undefined) throw new InputError(displayPath(path), refusal);
      // --guide full reads in blocks too: the guide checks run in the reader's pass, piece by piece.
      const blocks = path === '-' ? null : checkFileInBlocks(path, index, knowledge, progress, shared, guide === 'full');
      // An 837 read in blocks gets the envelope checks: off drops the envelope and structure ones.
      if (blocks && guide === 'off') blocks.result.findings = [...blocks.result.findings].filter((f) => keptWhenOff(f.rule));
      checked = blocks ?? checkWholeFile(path, index, knowledge, progress, io, shared, guide, found.has(path));
      // An X12 file of no claims, only other transaction sets (an 835 given to a claim check), fails.
      checked.result.findings = withOtherTransactionsFailed(checked.result.findings, checked.result.claims, found.has(path));
      const repeated = controlNumbers?.file(index, displayPath(path), checked.interchanges ?? []) ?? [];
      if (repeated.length > 0) checked.result.findings = byPosition([...checked.result.findings, ...repeated]);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // A file read in blocks gave the run its lines before it failed (changed while it was read,
      // a read error past its start): no other file may be paired with a file reported unreadable.
      // One pass over the run's groups, as offsetsOf makes for every file that is read.
      shared?.run.dropFile(shared.file);
      progress.clear();
      io.stderr(`claimlint: ${stderrName(path)}: ${error.message}\n`);
      reporter.unreadable(displayPath(path), error.message);
      if (unlisted.has(path)) unlistedFolders++;
      else unreadable++;
      progress.fileDone(index);
      return;
    }
    if (together) held.set(index, checked.result);
    else report(checked.result);
    progress.fileDone(index);
    // Free a big file's analysis before the next file's is built (peak: one file, not the sum).
    if (checked.textLength >= BIG_INPUT_BYTES && index < files.length - 1) collectGarbage();
  });
  if (run !== null) {
    let coding: RunFinding[];
    try {
      coding = run.check(files.map(displayPath));
    } catch (error) {
      coding = [...held.keys()].map((file) => ({ file, finding: internalError('checking', error) }));
    }
    const added = new Map<number, Finding[]>();
    for (const { file, finding } of coding) {
      const list = added.get(file);
      if (list) list.push(finding);
      else added.set(file, [finding]);
    }
    // A finding's related location in another file is placed by that file's positions.
    const others = (file: number) => held.get(file);
    for (const [file, result] of [...held.entries()].sort((a, b) => a[0] - b[0])) {
      report({ ...result, findings: byPosition([...result.findings, ...(added.get(file) ?? [])]), others });
    }
  }
  const reportNote = reporter.finish();
  progress.finish();
  if (reportNote !== null) io.stderr(`claimlint: ${reportNote}\n`);

  // In every format: stdout holds only the report (JSON and SARIF stay parseable), and the
  // summary and the built-in-only note are for the person or log reading stderr.
  const counts = [plural(totals.error, 'error'), plural(totals.warning, 'warning')];
  if (totals.information > 0) counts.push(plural(totals.information, 'note'));
  io.stderr(
    `claimlint: ${plural(totals.files, 'file')} checked, ${plural(totals.claims, 'claim')}, ${plural(totals.serviceLines, 'service line')}: ${counts.join(', ')}` +
      `${unreadable > 0 ? `; ${plural(unreadable, 'file')} could not be read` : ''}` +
      `${unlistedFolders > 0 ? `; ${plural(unlistedFolders, 'folder')} could not be listed` : ''}` +
      `${empty.length > 0 ? `; ${plural(empty.length, 'folder')} held no claim files` : ''}` +
      `${passed.size > 0 ? `; ${plural(passed.size, 'entry', 'entries')} passed by (not ${passed.size === 1 ? 'a regular file' : 'regular files'})` : ''}\n`,
  );
  // Not when no claim read is one a table judges (dental claims, inpatient bills): the files' notes
  // say so; nor when no file was checked (an empty folder), which no edit was checked on.
  const note = totals.files === 0 || (totals.claims > 0 && notJudged >= totals.claims) ? null : builtinOnlyNote(knowledge, options.builtinEdits);
  if (note !== null) io.stderr(`claimlint: note: ${note}\n`);
  if (unreadable > 0 || unlistedFolders > 0) return 2;
  const failing = totals.error + (fails('warning', options.failOn) ? totals.warning : 0) + (fails('information', options.failOn) ? totals.information : 0);
  return failing > 0 ? 1 : 0;
}

/** A checked input, and how much of its text was held at once (none when read in blocks). */
interface CheckedFile {
  result: FileResult;
  textLength: number;
  /** Its interchanges' senders and control numbers (an 837 with --guide full), whose ISA13 positions are known. */
  interchanges?: InterchangeHeader[];
}

/**
 * An 837 file read in blocks, a few transaction sets in memory at a time (see stream.ts); null
 * when the file is to be read whole. No text of the file is held once it returns.
 */
function checkFileInBlocks(path: FilePath, index: number, knowledge: Knowledge, progress: Progress, shared: SharedCoding | undefined, guide: boolean): CheckedFile | null {
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
  if (checked.format === 'x12') {
    const { interchanges, ...result } = checked;
    return { result: { path: displayPath(path), ...result }, textLength: 0, ...(interchanges ? { interchanges } : {}) };
  }
  return { result: { path: displayPath(path), ...checked }, textLength: 0 };
}

/** Any input read whole into one string: standard input, and files that are not read in blocks. */
function checkWholeFile(path: FilePath, index: number, knowledge: Knowledge, progress: Progress, io: Io, shared: SharedCoding | undefined, guide: GuideChecks, foundInFolder: boolean): CheckedFile {
  let input: DecodedInput | null = readInput(path, io.readStdin);
  progress.update(index, 'checking', input.bytes);
  const text = input.text;
  input = null;
  const analysis = analyze(text, knowledge, undefined, shared, { guideChecks: guide });
  const doc = analysis.doc;
  const findings = byPosition(withInputFindings(analysis.findings, doc.format, foundInFolder && hasTableExtension(path)));
  // For the check of ISA13 across the files of the run, a guide check (controlNumbers.ts).
  const interchanges = guide === 'full' ? documentInterchangeHeaders(doc) : undefined;
  // Checked with other files: the run's coding findings land on this file's coded lines later.
  const wanted = wantedOffsets(findings, shared, interchanges);
  const serviceLines = doc.claims.reduce((sum, claim) => sum + lineCountOf(claim), 0);
  progress.update(index, 'writing');
  const result: FileResult = {
    path: displayPath(path),
    format: doc.format,
    claims: doc.claims.length,
    serviceLines,
    findings,
    positions: new Positions(text, wanted),
  };
  return { result, textLength: text.length, ...(interchanges ? { interchanges } : {}) };
}
