// The `claimlint` command: the same core checks as the language server, for pipelines and CI.
//   claimlint check [--format text|json|sarif] [--ptp FILE]... [--mue FILE]... [--aoc FILE]... [--descriptors FILE]... [--no-builtin-edits] FILE|DIR... | -
//   claimlint fix [--out FILE] [options] FILE
// Exit codes: 0 no errors, 1 findings of error severity, 2 bad usage or unreadable input, 141
// when the reader of the report went away before its end (`| head`).
// Nothing printed ever quotes claim contents: rule ids, codes, counts and file names only.
import { setFlagsFromString } from 'node:v8';
import { parseArguments, usage, UsageError, type CliOptions } from './arguments';
import { readStandardInput } from './files';
import { CLAIMLINT_VERSION } from './report';
import { runCheck } from './check';
import { runFix } from './fix';
import type { Io } from './io';
import { loadRules } from './rulesLoading';
import { unloadedReport } from './reportUnloaded';
import { ReaderGone, writeAllSync } from './output';

export type { Io } from './io';

/** Standard output's descriptor: written to directly (see output.ts), never through process.stdout. */
const STDOUT = 1;

/** The exit code when the reader of standard output went away: 128 + SIGPIPE (13 on Linux and macOS). */
const READER_GONE_EXIT = 141;

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

  const fatal: string[] = [];
  const knowledge = loadRules(options, io, fatal);
  if (knowledge === null) {
    // A report a CI step reads (json, sarif) is still a valid document that says why nothing was checked.
    if (options.command === 'check' && options.format !== 'text') io.stdout(unloadedReport(options.format, fatal));
    return 2;
  }
  return options.command === 'fix' ? runFix(options, knowledge, io) : runCheck(options, knowledge, io);
}

// ---- entry point -----------------------------------------------------------------------------

if (require.main === module) {
  // The check streams: what a piece allocates is garbage once the piece is read, so a young
  // generation that stops growing here collects it as well as V8's default growth to 16 MB
  // semi-spaces does, and peaks about 30 MB lower (bench: the 50 MB 837P, 116 to 88 MB RSS at the
  // same CPU time). It stays at the size loading the bundle has grown it to by now: 2 MB
  // semi-spaces (4 MB of new space; V8 starts at 1 MB). Only the growth factor can still be set
  // once the heap exists; semi-spaces of 4 to 16 MB from the start (--min-semi-space-size) took
  // no less CPU on the 100 MB 837P and up to 30 MB more RSS.
  setFlagsFromString('--semi-space-growth-factor=1');
  // A bug of ours: say so in one line, without a stack that could quote claim contents. A
  // reader that goes away (`claimlint check ... | head`) is not an error of ours: the run stops
  // without a word, but not as a success, since the report was cut short and the files after it
  // were never checked (under `set -o pipefail` a CI step must not pass on it). It exits 141,
  // 128 + SIGPIPE, as a shell reports a command a broken pipe ended (`yes | head`).
  const internalError = (error: unknown): number => {
    if (error instanceof ReaderGone) process.exit(READER_GONE_EXIT);
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
