// How a coding finding names a line other than the one it sits on ("claim 3, service line 2",
// "line 17", "other.837, claim 1, service line 4"): by position, never by contents.

import { listWithAnd } from '../wordLists';
import type { KeptLines } from './keptLines';

/** How a finding names a line (row `other`) that is not the one it sits on (row `self`): by position, never by contents. */
export function lineLabel(lines: KeptLines, other: number, self: number, fileNames?: readonly string[]): string {
  const { where, unit, number } = labelParts(lines, other, self, fileNames);
  return `${where}${unit} ${number}`;
}

/**
 * Lines a list names at most: a day's sum over thousands of lines (one patient's export) would
 * otherwise make a message tens of kilobytes long; the finding's related locations list them all.
 */
export const LISTED_LINES = 10;

/**
 * Several lines (rows `others`, none of them `self`) as one list, those of one claim (or file) under
 * one name: "claim 1, service lines 1 and 3; claim 2, service line 1"; "lines 4, 7 and 9". Past
 * LISTED_LINES the first nine are named and the rest counted ("lines 2, 3, 4, 5, 6, 7, 8, 9, 10; 30 more lines").
 */
export function lineList(lines: KeptLines, others: readonly number[], self: number, fileNames?: readonly string[]): string {
  const groups = new Map<string, { where: string; unit: string; numbers: string[] }>();
  const more = others.length > LISTED_LINES ? others.length - (LISTED_LINES - 1) : 0;
  for (const other of more > 0 ? others.slice(0, LISTED_LINES - 1) : others) {
    const { where, unit, number } = labelParts(lines, other, self, fileNames);
    const key = `${unit}\u0000${where}`;
    const group = groups.get(key);
    if (group) group.numbers.push(number);
    else groups.set(key, { where, unit, numbers: [number] });
  }
  if (more > 0) return `${[...groups.values()].map(({ where, unit, numbers }) => `${where}${unit}${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')}`).join('; ')}; ${more} more lines`;
  return [...groups.values()].map(({ where, unit, numbers }) => `${where}${unit}${numbers.length > 1 ? 's' : ''} ${listWithAnd(numbers)}`).join('; ');
}

/** lineLabel's parts: where the line is ("other.837, claim 1, ", or ''), what it is ("service line" or "line") and its number. */
function labelParts(lines: KeptLines, other: number, self: number, fileNames?: readonly string[]): { where: string; unit: string; number: string } {
  const x12 = lines.x12(other);
  // A CSV row by its line in the file, as the reader's messages and the outline name it ("Line 7").
  const unit = x12 ? 'service line' : 'line';
  const number = String(x12 ? lines.lineNumber(other) || lines.lineIndex(other) + 1 : lines.lineNumber(other));
  const otherFile = lines.file(other);
  const sameFile = otherFile === lines.file(self);
  const inFile = sameFile ? '' : `${fileNames?.[otherFile] ?? `file ${otherFile + 1}`}, `;
  if (!x12) return { where: inFile, unit, number };
  const claimIndex = lines.claimIndex(other);
  if (sameFile && claimIndex === lines.claimIndex(self)) return { where: '', unit, number };
  return { where: `${inFile}claim ${claimIndex + 1}, `, unit, number };
}
