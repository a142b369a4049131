// What a table loader says of a file it could not read whole: its problems, each with its line,
// at most MAX_PROBLEMS_PER_FILE of them (then counted), and a field's value shown only when it
// cannot be claim contents.

/**
 * A field's value for a load problem: quoted when it is shaped like a code or indicator (up to 5
 * characters with a digit in it) or is *, else only its length. A claim file set as a rule file by
 * mistake must not put names, member ids or birth dates in the log and the warning: a short word
 * of letters only (a surname such as DOE) is never quoted, nor is a run of 6 or more digits (a
 * member id, or a date, which may be a birth date).
 */
export function valueForMessage(text: string): string {
  if (/^(?:(?=[A-Za-z]{0,4}\d)[A-Za-z0-9]{1,5}|\*)$/.test(text)) return JSON.stringify(text);
  const n = text.length;
  // "an 8-character value", "an 11-character value", "an 18-character value".
  const article = n === 11 || n === 18 || String(n).startsWith('8') ? 'an' : 'a';
  return `(${article} ${n}-character value)`;
}

/** One problem found while loading a file. line is 1-based; 0 means the file as a whole. */
export interface LoadProblem {
  source: string;
  line: number;
  reason: string;
}

/** Keep at most this many problems per file, so a wrong file (a PDF, a claim file) cannot flood the list. */
export const MAX_PROBLEMS_PER_FILE = 200;

/** Collects a file's problems up to MAX_PROBLEMS_PER_FILE, then only counts them. */
export class ProblemList {
  readonly problems: LoadProblem[] = [];
  private dropped = 0;

  constructor(private readonly source: string) {}

  add(line: number, reason: string): void {
    if (this.problems.length < MAX_PROBLEMS_PER_FILE) this.problems.push({ source: this.source, line, reason });
    else this.dropped++;
  }

  get count(): number {
    return this.problems.length + this.dropped;
  }

  /** The problems, with a closing summary when some were dropped. */
  finish(): LoadProblem[] {
    if (this.dropped > 0) {
      this.problems.push({ source: this.source, line: 0, reason: `${this.dropped} more problems not listed` });
      this.dropped = 0;
    }
    return this.problems;
  }
}
