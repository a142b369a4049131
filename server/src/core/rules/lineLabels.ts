// How a coding finding names a line other than the one it sits on ("claim 3, service line 2",
// "row 17", "other.837, claim 1, service line 4"): by position, never by contents.

import { listWithAnd } from '../wordLists';
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

/**
 * Several lines (rows `others`, none of them `self`) as one list, those of one claim (or file) under
 * one name: "claim 1, service lines 1 and 3; claim 2, service line 1"; "rows 4, 7 and 9".
 */
export function lineList(lines: KeptLines, others: readonly number[], self: number, fileNames?: readonly string[]): string {
  const groups = new Map<string, { prefix: string; x12: boolean; numbers: string[] }>();
  for (const other of others) {
    const label = lineLabel(lines, other, self, fileNames);
    // The label ends with "service line N" or "row N": what is before it names the claim or file.
    const x12 = lines.x12(other);
    const word = x12 ? 'service line ' : 'row ';
    const at = label.lastIndexOf(word);
    const prefix = label.slice(0, at);
    const number = label.slice(at + word.length);
    const key = `${x12 ? 1 : 0}${prefix}`;
    const group = groups.get(key);
    if (group) group.numbers.push(number);
    else groups.set(key, { prefix, x12, numbers: [number] });
  }
  return [...groups.values()]
    .map(({ prefix, x12, numbers }) => `${prefix}${x12 ? 'service line' : 'row'}${numbers.length > 1 ? 's' : ''} ${listWithAnd(numbers)}`)
    .join('; ');
}

