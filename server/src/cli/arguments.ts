// Command-line arguments of `claimlint`, parsed by hand: a handful of options needs no library.

export class UsageError extends Error {}

export interface CliOptions {
  command: 'check' | 'fix' | 'help' | 'version';
  format: 'text' | 'json' | 'sarif';
  ptpFiles: string[];
  descriptorFiles: string[];
  builtinEdits: boolean;
  out: string | null;
  files: string[];
}

export const usage = `Usage:
  claimlint check [options] FILE...     check claim files (X12 837 or CSV); - reads standard input
  claimlint fix [options] FILE          remove every bundled service line (indicator-0 PTP conflicts)
Options:
  --format text|json|sarif   output format of check (default text)
  --ptp FILE                 load a PTP table (CMS quarterly text file or CSV/TSV); repeatable
  --descriptors FILE         load a code descriptor file (CSV/TSV); repeatable
  --no-builtin-edits         do not use the built-in CPT 43214 edits
  --out FILE                 fix: write the result here instead of over FILE (- for standard output)
  -h, --help                 show this help
  --version                  show the version
Exit codes: 0 no errors, 1 findings of error severity, 2 bad usage or unreadable input.
`;

export function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = { command: 'check', format: 'text', ptpFiles: [], descriptorFiles: [], builtinEdits: true, out: null, files: [] };
  const args = [...argv];
  const first = args[0];
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') return { ...options, command: 'help' };
  if (first === '--version' || first === '-v') return { ...options, command: 'version' };
  if (first !== 'check' && first !== 'fix') throw new UsageError(`unknown command '${first}' (expected check or fix)`);
  options.command = first;
  args.shift();
  const value = (name: string): string => {
    const next = args.shift();
    if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${name} needs a value`);
    return next;
  };
  let onlyFiles = false;
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
    }
    switch (arg) {
      case '--':
        onlyFiles = true;
        break;
      case '--format': {
        const format = value('--format');
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
        options.format = format;
        break;
      }
      case '--ptp':
        options.ptpFiles.push(value('--ptp'));
        break;
      case '--descriptors':
        options.descriptorFiles.push(value('--descriptors'));
        break;
      case '--no-builtin-edits':
        options.builtinEdits = false;
        break;
      case '--out':
        options.out = value('--out');
        break;
      case '-h':
      case '--help':
        return { ...options, command: 'help' };
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (options.files.length === 0) throw new UsageError(`${options.command} needs at least one FILE (or - for standard input)`);
  if (options.command === 'fix') {
    if (options.files.length > 1) throw new UsageError('fix takes one FILE at a time');
    if (options.format !== 'text') throw new UsageError('--format applies to check only');
  } else if (options.out !== null) {
    throw new UsageError('--out applies to fix only');
  }
  return options;
}
