// The text format of `claimlint check`: one line a finding, path:line:column severity rule message.
import type { Finding } from '../core/model';
import type { Positions } from './positions';
import { Batch, type FileResult, type Reporter, type Write } from './reporter';

/** A message on one line: its line breaks and the blanks around them made one space. */
function oneLine(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text;
  // Split, then trim each piece: linear, where /\s*[\r\n]+\s*/ rescans runs of blanks.
  const pieces = text.split(/[\r\n]+/);
  return pieces.map((piece, i) => (i > 0 ? piece.trimStart() : piece)).map((piece, i) => (i < pieces.length - 1 ? piece.trimEnd() : piece)).filter((piece, i) => i === 0 || piece !== '').join(' ');
}

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** A control character written as an escape: \n, \r, \t, else \xHH or \uHHHH. */
function escapeControl(code: number): string {
  if (code === 10) return '\\n';
  if (code === 13) return '\\r';
  if (code === 9) return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}

/**
 * A file name on one line: its control characters escaped (a line break in a name would split a
 * finding's line), every other character as it is, backslashes included (Windows paths).
 */
export function pathOnOneLine(path: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (!isControl(code)) continue;
    out += path.slice(from, i) + escapeControl(code);
    from = i + 1;
  }
  return from === 0 ? path : out + path.slice(from);
}

/** `path:line:col severity rule message`, lines and columns 1-based as compilers print them. */
export function textLine(path: string, finding: Finding, positions: Positions): string {
  const start = positions.at(finding.span.start);
  return `${pathOnOneLine(path)}:${start.line + 1}:${start.character + 1} ${finding.severity} ${finding.rule} ${oneLine(finding.message)}\n`;
}

export class TextReporter implements Reporter {
  private readonly batch: Batch;

  constructor(write: Write) {
    this.batch = new Batch(write);
  }

  file(result: FileResult): void {
    for (const finding of result.findings) this.batch.add(textLine(result.path, finding, result.positions));
    this.batch.flush();
  }

  unreadable(): void {}

  configurationProblem(): void {}

  finish(): string | null {
    this.batch.flush();
    return null;
  }
}
