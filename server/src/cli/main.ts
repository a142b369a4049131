// The `claimlint` command: the same core checks as the language server, for pipelines and CI.
//   claimlint check [--format text|json|sarif] [--ptp FILE]... [--descriptors FILE]... [--no-builtin-edits] FILE... | -
//   claimlint fix [--out FILE] [options] FILE
// Exit codes: 0 no errors, 1 findings of error severity, 2 bad usage or unreadable input.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { analyze, type Analysis } from '../core/analyze';
import { applyEdits } from '../core/edits';
import { fixAll } from '../core/fixes';
import { loadKnowledge, type Knowledge } from '../core/rules/knowledge';
import { readFileCapped } from '../core/rules/readFile';
import { parseArguments, usage, UsageError, type CliOptions } from './arguments';
import { toJsonReport, toSarif, toText, type FileReport } from './report';

export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  isTty: boolean;
}

export function run(argv: string[], io: Io): number {
  let options: CliOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`claimlint: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
  if (options.command === 'help') {
    io.stdout(usage);
    return 0;
  }
  if (options.command === 'version') {
    io.stdout('claimlint 0.1.0\n');
    return 0;
  }

  const knowledge = loadKnowledge({
    builtinEdits: options.builtinEdits,
    ptpFiles: options.ptpFiles,
    descriptorFiles: options.descriptorFiles,
    readFile: readFileCapped,
  });
  for (const problem of knowledge.problems) {
    io.stderr(`claimlint: warning: ${problem.source}${problem.line ? `:${problem.line}` : ''}: ${problem.reason}\n`);
  }
  // A rule file that cannot be read at all is bad input; malformed rows are only warnings.
  const unreadableRules = knowledge.problems.find((p) => p.line === 0);
  if (unreadableRules) {
    io.stderr(`claimlint: cannot use ${unreadableRules.source}: ${unreadableRules.reason}\n`);
    return 2;
  }

  if (options.command === 'fix') return runFix(options, knowledge, io);

  const reports: FileReport[] = [];
  let unreadable = false;
  for (const path of options.files) {
    const text = readInput(path, io);
    if (text === null) {
      unreadable = true;
      continue;
    }
    const progress = startProgress(io, path, text.length);
    const analysis = analyze(text, knowledge);
    progress.done();
    reports.push(toFileReport(path === '-' ? '<stdin>' : path, analysis));
  }
  if (options.format === 'json') io.stdout(JSON.stringify(toJsonReport(reports), null, 2) + '\n');
  else if (options.format === 'sarif') io.stdout(JSON.stringify(toSarif(reports, knowledge), null, 2) + '\n');
  else io.stdout(toText(reports));
  if (unreadable) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function toFileReport(path: string, analysis: Analysis): FileReport {
  return {
    path,
    format: analysis.doc.format,
    claims: analysis.doc.claims.length,
    serviceLines: analysis.doc.claims.reduce((sum, claim) => sum + claim.lines.length, 0),
    findings: analysis.findings,
    lines: analysis.lines,
  };
}

function readInput(path: string, io: Io): string | null {
  try {
    let bytes: Buffer;
    if (path === '-') bytes = io.readStdin();
    else {
      const size = statSync(path).size;
      if (size > MAX_INPUT_BYTES) {
        io.stderr(`claimlint: ${path}: file is ${Math.round(size / 1048576)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB\n`);
        return null;
      }
      bytes = readFileSync(path);
    }
    return decode(bytes);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    io.stderr(`claimlint: ${path === '-' ? 'standard input' : path}: ${reason}\n`);
    return null;
  }
}

/** UTF-8 when it is valid UTF-8, else latin-1 (X12 files are often ISO-8859-1): no byte is ever lost. */
export function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function runFix(options: CliOptions, knowledge: Knowledge, io: Io): number {
  const path = options.files[0]!;
  const bytes = (() => {
    try {
      return path === '-' ? io.readStdin() : readFileSync(path);
    } catch {
      return null;
    }
  })();
  if (bytes === null) {
    io.stderr(`claimlint: ${path}: cannot be read\n`);
    return 2;
  }
  const text = decode(bytes);
  const latin1 = text.length === bytes.length && bytes.toString('latin1') === text && !isUtf8(bytes);
  const analysis = analyze(text, knowledge);
  const fix = fixAll(text, analysis.doc, analysis.findings);
  const fixed = fix ? applyEdits(text, fix.edits) : text;
  const out = options.out ?? (path === '-' ? '-' : path);
  const encoded = Buffer.from(fixed, latin1 ? 'latin1' : 'utf8');
  if (out === '-') io.stdout(fixed);
  else writeAtomically(out, encoded);
  const removed = fix ? fix.findings.length : 0;
  io.stderr(`claimlint: ${path}: ${removed === 0 ? 'nothing to fix' : `removed ${new Set(fix!.findings.map((f) => f.data && `${f.data.claimIndex}:${f.data.columnTwoLine}`)).size} bundled service line(s)`}${out !== path && out !== '-' ? ` -> ${out}` : ''}\n`);
  const remaining = analyze(fixed, knowledge).findings.filter((f) => f.severity === 'error');
  return remaining.length > 0 ? 1 : 0;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Writes to a temporary file beside the target, flushes it, then renames: never a partial file. */
export function writeAtomically(target: string, content: Buffer): void {
  const temporary = join(dirname(target), `.${basename(target)}.claimlint-${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'w', 0o600);
    let written = 0;
    while (written < content.length) written += writeSync(fd, content, written, content.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw error;
  }
}

/** A progress line on standard error for long work on a terminal; nothing otherwise. */
function startProgress(io: Io, path: string, size: number): { done(): void } {
  if (!io.isTty || size < 20 * 1024 * 1024) return { done: () => undefined };
  io.stderr(`claimlint: checking ${path} (${Math.round(size / 1048576)} MB)…`);
  return { done: () => io.stderr(' done\n') };
}

if (require.main === module) {
  const code = run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0),
    isTty: process.stderr.isTTY === true,
  });
  process.exitCode = code;
}
