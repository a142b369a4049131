// Cells written as Excel text formulas: exports made to be opened in Excel write a code or an id
// as ="00100" (or, quoted, "=""00100""") so that Excel keeps it as text, leading zeros and all.
// The value is the text between the formula's quotes. A formula with a quote inside its text, or
// anything around the quotes, is not one of these and is read as written.

import type { Span } from '../model';
import { CELL_ESCAPED, CELL_JUNK, CELL_QUOTED, type CsvReader } from './reader';

const EQUALS = 61;
const QUOTE = 34;

/**
 * The span of the text inside column k's Excel text formula (trimmed of spaces), or null when the
 * cell is not one: ="…" unquoted, or "=""…""" in a quoted cell.
 */
export function excelTextSpan(r: CsvReader, k: number): Span | null {
  if (k < 0 || k >= r.cellCount) return null;
  const text = r.text;
  const vs = r.valStart[k]!;
  const ve = r.valEnd[k]!;
  const flags = r.flags[k]!;
  if (text.charCodeAt(vs) !== EQUALS || (flags & CELL_JUNK) !== 0) return null;
  // The formula's quotes: one character each unquoted, a doubled quote each inside a quoted cell.
  let quote: number;
  if ((flags & CELL_QUOTED) === 0) quote = 1;
  else if ((flags & CELL_ESCAPED) !== 0) quote = 2;
  else return null;
  let start = vs + 1 + quote;
  let end = ve - quote;
  if (end < start) return null;
  for (let i = vs + 1; i < start; i++) if (text.charCodeAt(i) !== QUOTE) return null;
  for (let i = end; i < ve; i++) if (text.charCodeAt(i) !== QUOTE) return null;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === QUOTE) return null;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Column k's value and the span it is written on: inside an Excel text formula when the cell is
 * one, else the cell's value (CsvReader.value) on its value span.
 */
export function cellText(r: CsvReader, k: number): { value: string; span: Span } {
  const inner = excelTextSpan(r, k);
  if (inner !== null) return { value: r.text.slice(inner.start, inner.end), span: inner };
  return { value: r.value(k), span: r.valueSpan(k) };
}

/** A value as read apart from its record (a header check's sample): the text inside ="…", else the value. */
export function unwrapExcelText(value: string): string {
  if (value.length < 3 || value.charCodeAt(0) !== EQUALS || value.charCodeAt(1) !== QUOTE || value.charCodeAt(value.length - 1) !== QUOTE) return value;
  const inner = value.slice(2, -1);
  return inner.includes('"') ? value : inner.trim();
}
