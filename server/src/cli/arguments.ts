// Command-line arguments of `claimlint`, parsed by hand: a handful of options needs no library.
import type { GuideChecks } from '../core/guides/checks';

export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  command: 'check' | 'fix' | 'help' | 'version';
  format: OutputFormat;
  ptpFiles: string[];
  /** Outpatient hospital PTP tables (837I claims). */
  hospitalPtpFiles: string[];
  /** CMS MUE tables (absent unless --mue is given). */
  mueFiles?: string[];
  /** CMS add-on code edit tables (absent unless --aoc is given). */
  addOnCodeFiles?: string[];
  /** check: judge each file on its own instead of pairing lines of one patient across the files. */
  eachFile: boolean;
  descriptorFiles: string[];
  builtinEdits: boolean;
  /** fix: where to write the result (null: over the input; '-': standard output). */
  out: string | null;
  /** fix: replace a read-only file, or one whose owner cannot be kept (absent unless --force). */
  force?: true;
  /** Files to read; '-' is standard input. */
  files: string[];
  /** Implementation-guide checks (absent unless --guide is given: envelope). */
  guide?: GuideChecks;
  /** The least severity of a finding that makes the exit code 1 (absent unless --fail-on is given: error). */
  failOn?: FailOn;
}

/** --fail-on: the least severity that fails a run (exit code 1). */
export type FailOn = 'error' | 'warning' | 'information';

/** Whether a finding of `severity` fails a run under --fail-on `failOn` (default error). */
export function fails(severity: 'error' | 'warning' | 'information', failOn: FailOn = 'error'): boolean {
  return severity === 'error' || (severity === 'warning' && failOn !== 'error') || failOn === 'information';
}

export const usage = `Usage:
  claimlint check [options] FILE...   check claim files (X12 837P/I/D or a CSV/TSV claim export);
                                      - reads standard input; a directory stands for the claim
                                      files under it (.837 .837p .837i .837d .x12 .edi .csv
                                      .tsv, and files starting with ISA), recursively, sorted,
                                      skipping hidden folders and files and
                                      node_modules
  claimlint fix [options] FILE        apply the fixes that need no judgement, then write FILE
                                      back: remove the service lines that NCCI edits with
                                      modifier indicator 0 bundle into another line, and those
                                      of type 1 add-on codes without their primary; lower units
                                      over an MAI 2 MUE; fix envelope counts and ISA widths
                                      (with --guide full also HL numbers)

Options:
  --format text|json|sarif   output of check (default text: path:line:col severity rule message)
  --ptp FILE                 also load this PTP table: a CMS quarterly text file or its .zip as
                             downloaded, a folder of them, or CSV/TSV with the same columns;
                             repeatable. Practitioner table (837P, CSV claims), unless its name
                             says ccioph, hospital or outpatient
  --ptp-hospital FILE        load this outpatient hospital PTP table (837I claims, and
                             institutional CSV claims by their Claim Type or Bill Type
                             column), whatever its name; repeatable
  --mue FILE                 load this MUE table: the CMS CSV or its .zip as downloaded, or a
                             folder of them; repeatable. Practitioner, outpatient hospital or
                             DME table as its header says (else its name; else practitioner)
  --aoc FILE                 load this add-on code edit table: tab-delimited text or CSV saved
                             from the CMS spreadsheet (dates YYYYDDD, YYYYMMDD or MM/DD/YYYY), a
                             .zip or a folder of them; repeatable
  --each-file                check: judge each file on its own (by default the lines of one
                             patient, provider and date are paired across all the files)
  --descriptors FILE         load code descriptors (CSV/TSV: code, short, long); repeatable;
                             shown in the json and sarif output
  --no-builtin-edits         do not use the built-in CPT 43214 edits
  --guide off|envelope|full  implementation-guide checks (default envelope: envelope counts,
                             control numbers, LX order, CLM02 sums, code shapes); full also
                             checks each 837 against its guide (loops, segments, elements,
                             lengths, codes) as it reads, as the editor does by default (about
                             twice the CPU of envelope); off keeps only reading problems, claim
                             values and the coding checks
  --fail-on error|warning|information
                             the least severity of a finding that makes the exit code 1
                             (default error; warning also fails on indicator-1 conflicts
                             without their modifier and on guide warnings)
  --out FILE                 fix: write the result to FILE instead of over the input (- for
                             standard output)
  --force                    fix: replace the file even if it is read-only, or if its owner
                             cannot be kept (the new file is then yours)
  -h, --help                 show this help
  --version                  show the version

Of a PTP conflict, fix removes a line only when no modifier can make the pair payable
(modifier indicator 0). Conflicts with indicator 1 are left for a person to review: a modifier
such as 59 or XS may be right, and removing a billable line would lose its charge. Claim counts
(LX, SE01, CLM02) are kept right; the file is replaced only once the whole result has been
written. fix says on standard error what it did, and which findings of the kinds it fixes it
left for a person, and why.

Exit codes: 0 no errors, 1 findings of error severity (after fix: errors that remain),
2 bad usage, or a file or rule file that cannot be read or written (a folder with no claim
file is noted on standard error, and is not an error).
`;

const SHORT_USAGE = "run 'claimlint --help' for usage";

export function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = { command: 'check', format: 'text', ptpFiles: [], hospitalPtpFiles: [], eachFile: false, descriptorFiles: [], builtinEdits: true, out: null, files: [] };
  const args = [...argv];
  const first = args[0];
  if (first === undefined) throw new UsageError(`a command is needed: check or fix; ${SHORT_USAGE}`);
  if (first === '-h' || first === '--help' || first === 'help') return { ...options, command: 'help' };
  if (first === '--version' || first === 'version') return { ...options, command: 'version' };
  if (first !== 'check' && first !== 'fix') {
    throw new UsageError(
      first.startsWith('-') ? `expected a command (check or fix) before '${first}'; ${SHORT_USAGE}` : `unknown command '${first}' (expected check or fix); ${SHORT_USAGE}`,
    );
  }
  options.command = first;
  args.shift();
  const value = (name: string): string => {
    const next = args.shift();
    if (next === undefined || next === '' || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${name} needs a value; ${SHORT_USAGE}`);
    return next;
  };
  let onlyFiles = false;
  let formatGiven = false;
  while (args.length > 0) {
    let arg = args.shift()!;
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      options.files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      args.unshift(arg.slice(eq + 1));
      arg = arg.slice(0, eq);
      if (arg === '--no-builtin-edits' || arg === '--force' || arg === '--each-file') throw new UsageError(`${arg} takes no value; ${SHORT_USAGE}`);
    }
    switch (arg) {
      case '--':
        onlyFiles = true;
        break;
      case '--format': {
        const format = value('--format');
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
        options.format = format;
        formatGiven = true;
        break;
      }
      case '--ptp':
        options.ptpFiles.push(value('--ptp'));
        break;
      case '--ptp-hospital':
        options.hospitalPtpFiles.push(value('--ptp-hospital'));
        break;
      case '--mue':
        (options.mueFiles ??= []).push(value('--mue'));
        break;
      case '--aoc':
        (options.addOnCodeFiles ??= []).push(value('--aoc'));
        break;
      case '--each-file':
        options.eachFile = true;
        break;
      case '--descriptors':
        options.descriptorFiles.push(value('--descriptors'));
        break;
      case '--no-builtin-edits':
        options.builtinEdits = false;
        break;
      case '--guide': {
        const guide = value('--guide');
        if (guide !== 'off' && guide !== 'envelope' && guide !== 'full') throw new UsageError(`--guide must be off, envelope or full, not '${guide}'`);
        if (options.guide !== undefined && options.guide !== guide) throw new UsageError('--guide can be given only once');
        options.guide = guide;
        break;
      }
      case '--fail-on': {
        const failOn = value('--fail-on');
        if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'information') throw new UsageError(`--fail-on must be error, warning or information, not '${failOn}'`);
        options.failOn = failOn;
        break;
      }
      case '--force':
        options.force = true;
        break;
      case '--out':
        if (options.out !== null) throw new UsageError('--out can be given only once');
        options.out = value('--out');
        break;
      case '-h':
      case '--help':
        return { ...options, command: 'help' };
      case '--version':
        return { ...options, command: 'version' };
      default:
        throw new UsageError(`unknown option '${arg}'; ${SHORT_USAGE}`);
    }
  }
  if (options.files.length === 0) throw new UsageError(`${options.command} needs a FILE (or - for standard input); ${SHORT_USAGE}`);
  if (options.files.filter((file) => file === '-').length > 1) throw new UsageError('- (standard input) can be given only once');
  if (options.command === 'fix') {
    if (options.files.length > 1) throw new UsageError('fix takes one FILE at a time');
    if (formatGiven) throw new UsageError('--format applies to check only');
    if (options.eachFile) throw new UsageError('--each-file applies to check only (fix reads one file)');
  } else if (options.out !== null) {
    throw new UsageError('--out applies to fix only');
  } else if (options.force) {
    throw new UsageError('--force applies to fix only');
  }
  return options;
}
