// What every output format of `claimlint check` is given (FileResult) and does (Reporter), and
// the writing they share: output collected into pieces of about 64 KB, JSON pretty-printed at a depth.
import type { ClaimFormat, Finding } from '../core/model';
import type { Positions } from './positions';

/** One checked file, as every output format needs it. */
export interface FileResult {
  /** As given on the command line; '<stdin>' for standard input. */
  path: string;
  format: ClaimFormat | null;
  claims: number;
  serviceLines: number;
  /** In document order (a big claim CSV's as a FindingList, read once per use). */
  findings: Iterable<Finding>;
  positions: Positions;
  /**
   * The other files of a run checked together, by their index in it: where a related location in
   * another file (RelatedLocation.file) is. Absent, or undefined for a file: such a location is left out.
   */
  others?: OtherFiles;
}

/** Another file of the run: its path as reported, and the positions of its offsets. */
export type OtherFiles = (file: number) => { path: string; positions: Positions } | undefined;

export interface Reporter {
  file(result: FileResult): void;
  /** A file that could not be read at all (its one-line message already went to standard error). */
  unreadable(path: string, reason: string): void;
  /** Problems of rule and descriptor files (warnings already shown on standard error). */
  configurationProblem(message: string): void;
  /** Ends the report; returns what standard error should say of it (null: nothing). */
  finish(): string | null;
}

export type Write = (text: string) => void;

/** Collects small strings and writes them about 64 KB at a time. */
export class Batch {
  private buffer = '';

  constructor(private readonly write: Write) {}

  add(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 65536) this.flush();
  }

  flush(): void {
    if (this.buffer.length > 0) this.write(this.buffer);
    this.buffer = '';
  }
}

export type Describe = (codes: readonly string[]) => Record<string, string> | undefined;

/** JSON.stringify(value, null, 2) for a value that sits `depth` levels deep in a pretty-printed document. */
export function pretty(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 ? text : text.replace(/\n/g, '\n' + '  '.repeat(depth));
}
