// How a coding finding names a line other than the one it sits on ("claim 3, service line 2",
// "row 17", "other.837, claim 1, service line 4"): by position, never by contents.

import type { KeptLines } from './keptLines';

/** How a finding names a line (row `other`) that is not the one it sits on (row `self`): by position, never by contents. */
export function lineLabel(lines: KeptLines, other: number, self: number, fileNames?: readonly string[]): string {
  const x12 = lines.x12(other);
  const line = x12 ? `service line ${lines.lineNumber(other) || lines.lineIndex(other) + 1}` : `row ${lines.lineNumber(other)}`;
  const otherFile = lines.file(other);
  const sameFile = otherFile === lines.file(self);
  const inFile = sameFile ? '' : `${fileNames?.[otherFile] ?? `file ${otherFile + 1}`}, `;
  if (!x12) return `${inFile}${line}`;
  const claimIndex = lines.claimIndex(other);
  if (sameFile && claimIndex === lines.claimIndex(self)) return line;
  return `${inFile}claim ${claimIndex + 1}, ${line}`;
}
