// `claimlint fix`: the certain fixes of one file (indicator-0 PTP lines removed, MUE units, add-on
// codes, envelope counts, HL numbers, ISA widths), written back atomically or to --out.
import { listWithAnd } from '../core/wordLists';
import { analyze } from '../core/analyze';
import { CLI_DEFAULT_GUIDE_CHECKS, type GuideChecks } from '../core/guides/checks';
import { applyEdits, type TextEdit } from '../core/edits';
import { fixAllWithGuidesPlanned } from '../core/guides/fixes';
import { NONE_LEFT, type LeftForAPerson } from '../core/fixesAll';
import type { ClaimFormat, Finding, LineRef, ParsedDocument } from '../core/model';
import type { Knowledge } from '../core/rules/knowledge';
import { fails, type CliOptions } from './arguments';
import { InputError, readInput, type DecodedInput } from './files';
import { writeAtomicallyInterruptibly } from './atomicWrite';
import { encodedChunks, forEachEncodedChunk } from './encodedChunks';
import { OutputError } from './outputError';
import { removeStaleTemporaries } from './temporaries';
import { byPosition, pathOnOneLine, Positions, textLine } from './report';
import { withInputFindings } from '../core/inputFindings';
import { targetKind, writeIntoStreamInterruptibly } from './pipeOutput';
import { collectGarbage, displayPath, plural, progressFor, stderrName, type Io } from './io';
import { anyLeft, doneBy, leftLines } from './fixSummary';

interface FixPlan {
  format: ClaimFormat | null;
  edits: TextEdit[] | null;
  /** Service lines the edits remove, and the indicator-0 findings they resolve. */
  removedLines: number;
  resolved: number;
  /** Claims (1-based, in file order) every line of which the edits remove: they go whole. */
  removedClaims: number[];
  /** What the fix did when it also fixed other findings than PTP ones (null when it only removes PTP lines). */
  otherFixes: string | null;
  /** Findings of the kinds fix-all fixes that it leaves for a person (those of the input: of the result once it changes). */
  left: LeftForAPerson;
  /** Findings of the input (used as the result's findings when nothing changes). */
  findings: Finding[];
}

/** Analyses the input and plans the removals; the analysis is dropped when this returns. */
function planFix(text: string, knowledge: Knowledge, guide: GuideChecks): FixPlan {
  const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: guide });
  const doc: ParsedDocument = analysis.doc;
  const findings = withInputFindings(analysis.findings, doc.format);
  // The certain fixes: coding (below), and envelope counts, HL numbers, ISA widths, leading blanks.
  const { fix, left } = doc.format === null ? { fix: null, left: NONE_LEFT } : fixAllWithGuidesPlanned(text, analysis.doc, analysis.findings);
  if (!fix) return { format: doc.format, edits: null, removedLines: 0, resolved: 0, removedClaims: [], otherFixes: null, left, findings };
  const others = fix.findings.filter((f) => f.data?.kind !== 'ptp');
  const otherFixes = others.length === 0 ? null : `${doneBy(fix)}, resolving ${plural(fix.findings.length, 'finding')}`;
  return { format: doc.format, edits: fix.edits, removedLines: fix.removes?.length ?? 0, resolved: fix.findings.length, removedClaims: claimsEmptied(doc, fix.removes ?? []), otherFixes, left, findings: [] };
}

export function runFix(options: CliOptions, knowledge: Knowledge, io: Io): number | Promise<number> {
  const path = options.files[0]!;
  // Names on standard error, each on one line whatever it holds (a name with a line break).
  const shownPath = stderrName(path);
  const target = options.out ?? path;
  const shownTarget = pathOnOneLine(target);
  const toStdout = target === '-';
  // The result goes back to the file it was read from only when that is a file: a pipe or a
  // device read as input is not written back, nor replaced. Said before its bytes are taken.
  if (options.out === null && path !== '-' && targetKind(path) !== 'other') {
    io.stderr(`claimlint: ${shownPath}: not a regular file (a pipe or a device), so fix cannot write its result back to it; give --out FILE, or --out - for standard output\n`);
    return 2;
  }
  // --out into a named pipe or a character device writes into it (pipeOutput.ts); a socket or a
  // block device is refused (atomicWrite.ts), and anything else is replaced through a temporary file.
  const stream = !toStdout && targetKind(target) === 'stream';
  if (!toStdout && !stream) {
    const stale = removeStaleTemporaries(target);
    if (stale > 0) io.stderr(`claimlint: removed ${plural(stale, 'temporary file')} that an earlier fix of ${shownTarget} left behind\n`);
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
  /** What a second pass over the result fixed (the counts the first one put off), or null. */
  let countsFixed: string | null = null;
  /** The result is not the input: the findings left are placed in the result's text. */
  let edited = false;
  if (plan.edits) {
    edited = true;
    progress.update(0, 'fixing');
    fixed = applyEdits(input.text, plan.edits);
    plan.edits = null;
    // The original text is no longer needed once the result is flat; let it go before re-checking.
    input.text = '';
    collectGarbage();
    const after = analyze(fixed, knowledge, undefined, undefined, { guideChecks: guide });
    remaining = after.findings;
    // The count fixes fix-all puts off when a coding fix edits the same transaction set (SE01,
    // GE01, IEA01, HL numbers: guides/fixes.ts) are certain on the result: applied to it now, so
    // one run leaves the file right. Coding fixes are not chained (a line a removed line bundled
    // is billable once it has gone).
    const again = after.doc.format === null ? { fix: null, left: NONE_LEFT } : fixAllWithGuidesPlanned(fixed, after.doc, after.findings);
    const deferred = again.fix;
    // What is left is what the result holds: a finding on a line another fix removed went with it.
    plan.left = again.left;
    if (deferred !== null && deferred.findings.length > 0 && deferred.findings.every((f) => f.data === undefined)) {
      fixed = applyEdits(fixed, deferred.edits);
      countsFixed = doneBy(deferred);
      remaining = analyze(fixed, knowledge, undefined, undefined, { guideChecks: guide }).findings;
    }
  }
  remaining = byPosition(remaining);

  progress.update(0, 'writing');
  progress.clear();
  const changed = plan.removedLines > 0 || plan.otherFixes !== null;
  // The findings left are named by the text their positions count in. Unchanged, that is the
  // input, named as check names it (`<stdin>` for -); changed and on standard output, the result
  // has no name but that (its lines are not the input's once lines were removed).
  const outputName = !toStdout ? target : edited ? '<stdout>' : displayPath(path);
  if (toStdout) {
    forEachEncodedChunk(fixed, encoding, bom, (chunk) => io.stdout(chunk));
  } else if (changed || options.out !== null) {
    const note = (message: string) => io.stderr(`claimlint: ${message}\n`);
    const chunks = encodedChunks(fixed, encoding, bom);
    const written = stream
      ? writeIntoStreamInterruptibly(target, chunks, { note })
      : writeAtomicallyInterruptibly(target, chunks, { note, force: options.force === true, source: input.identity });
    return written.then(report, (error: unknown) => {
      if (!(error instanceof OutputError)) throw error;
      progress.finish();
      // A stream's error says what reached it; a file is replaced whole or not at all.
      const outcome = stream ? '' : `; ${target === path ? 'the file was not changed' : 'nothing was written'}`;
      io.stderr(`claimlint: cannot write ${shownTarget}: ${error.message}${outcome}\n`);
      return 2;
    });
  }
  return report();

  function report(): number {
    progress.finish();

    const arrow = !toStdout && target !== path ? ` -> ${shownTarget}` : '';
    if (plan.format === null) {
      io.stderr(`claimlint: ${shownPath}: not a claim file, nothing to fix${arrow}\n`);
    } else if (changed && plan.otherFixes !== null) {
      io.stderr(`claimlint: ${shownPath}: ${plan.otherFixes}${arrow}\n`);
    } else if (changed) {
      io.stderr(
        `claimlint: ${shownPath}: removed ${plural(plan.removedLines, 'service line')} bundled into another line, resolving ${plural(plan.resolved, 'NCCI conflict')} with modifier indicator 0${arrow}\n`,
      );
    } else if (anyLeft(plan.left)) {
      // There are such findings: the lines below say why fix left them.
      io.stderr(`claimlint: ${shownPath}: nothing fixed${arrow}\n`);
    } else {
      // fix reads one file: a user who saw check pair this file's lines with another's must not take this for "no conflict".
      // What fix fixes besides the coding findings depends on --guide: said, so that "nothing" is not read as "no guide problem".
      const structure = guide === 'full' ? ', and no envelope count, ISA field, HL number or other guide finding with a certain fix' : guide === 'envelope' ? ', and no envelope count or ISA field to set' : '';
      io.stderr(`claimlint: ${shownPath}: nothing to fix (no NCCI conflicts with modifier indicator 0, MUEs with MAI 2 or type 1 add-on codes in this file${structure}; fix reads one file, so a conflict with another file's line is found only by check given both)${arrow}\n`);
    }
    // A claim left with no line goes whole (an 837 claim needs one): said, since the claim is gone.
    if (changed && plan.removedClaims.length > 0) {
      io.stderr(`claimlint: ${shownPath}: ${plan.removedClaims.length === 1 ? 'claim' : 'claims'} ${listWithAnd(plan.removedClaims.map(String))} ${plan.removedClaims.length === 1 ? 'was' : 'were'} left with no service line and removed whole\n`);
    }
    if (countsFixed !== null) io.stderr(`claimlint: ${shownPath}: then on the result: ${countsFixed}\n`);
    for (const line of leftLines(plan.left)) io.stderr(`claimlint: ${shownPath}: ${line}\n`);
    // Indicator-1 conflicts still in the result (those on a removed line went with it).
    const leftForReview = remaining.filter((f) => f.data?.kind === 'ptp' && f.data.modifierIndicator === '1' && !f.data.otherProvider).length;
    if (leftForReview > 0) {
      io.stderr(
        `claimlint: ${shownPath}: ${plural(leftForReview, 'conflict')} with modifier indicator 1 left for review: a modifier such as 59 or XS may make the pair payable, so fix never removes those lines\n`,
      );
    }
    const positions = Positions.forFindings(fixed, remaining);
    for (const finding of remaining) io.stderr(textLine(outputName, finding, positions));
    return remaining.some((f) => fails(f.severity, options.failOn)) ? 1 : 0;
  }
}

/** The claims (1-based) every line of which `removes` names: fix-all removes them whole. */
function claimsEmptied(doc: ParsedDocument, removes: readonly LineRef[]): number[] {
  const byClaim = new Map<number, number>();
  for (const ref of removes) byClaim.set(ref.claimIndex, (byClaim.get(ref.claimIndex) ?? 0) + 1);
  return [...byClaim]
    .filter(([claimIndex, count]) => doc.format === 'x12' && (doc.claims[claimIndex]?.lines.length ?? -1) === count)
    .map(([claimIndex]) => claimIndex + 1)
    .sort((a, b) => a - b);
}

