// X12 837 entry points: text in, claims + findings + a segment index out. Pure: no editor types.
//
// How a document flows:
//   isa.ts        delimiters from each ISA header (fixed width, or split when unpadded)
//   tokenizer.ts  one pass over char codes -> offsets of segments and elements in Uint32Arrays
//   segment-index X12Index over those arrays: values, spans, locate(offset), made on demand
//   parse837.ts   one walk over the segments: envelopes and their counts, 2000/2300/2400 loops
//                 -> Claim / ServiceLine objects and Findings (rules `x12.*`); the loops are read
//                 by envelope837.ts, hierarchy837.ts, claim2300.ts, dates837.ts, serviceLines837.ts
//   values.ts     dates (D8/RD8), decimals, procedure-code shapes per qualifier
// Strings are made only for the values the model keeps or a check needs.

import type { ParsedDocumentWithIndex } from '../model';
import { isaOnLaterLine, isIsaAt, isIsaProblem, readIsaHeader, skipLeadingBlanks } from './isa';
import { GuidePass } from '../guides/pass';
import { parse837 } from './parse837';
import { X12SegmentIndex } from './segment-index';
import { tokenize } from './tokenizer';

export { X12SegmentIndex, segmentIdCode } from './segment-index';
export { tokenize, type SegmentTable, type DelimiterRun } from './tokenizer';
export { readIsaHeader, type IsaHeader } from './isa';
export { parseD8, parseDateValue, parseDecimal, procedureCodeProblem, toCents, formatCents } from './values';

export interface ParseX12Options {
  /** Run the implementation-guide checks in the reader's pass (guideChecks `full`). */
  guide?: boolean;
}

/**
 * Parses an X12 837 (P, I or D; 5010 or 4010). Never throws on bad input: structural problems
 * come back as findings, and a document cut short still yields the claims it holds.
 */
export function parseX12(text: string, options?: ParseX12Options): ParsedDocumentWithIndex & { x12: X12SegmentIndex } {
  const table = tokenize(text);
  const index = new X12SegmentIndex(table);
  const guide = options?.guide ? new GuidePass({ checkpoints: true }) : null;
  const parsed = parse837(index, guide);
  const run = guide?.finishRun();
  return {
    ...(run ? { guideFindings: run.findings, guideCheckpoints: run.checkpoints } : {}),
    format: 'x12',
    claims: parsed.claims,
    // In document order (a stable sort keeps a segment's findings in the order they were made).
    findings: [...table.findings, ...parsed.findings].sort((a, b) => a.span.start - b.span.start),
    interchanges: parsed.interchanges,
    groups: parsed.groups,
    transactions: parsed.transactions,
    x12: index,
  };
}

/**
 * True when the text starts (after any BOM or whitespace) like an X12 interchange: `ISA` and a
 * delimiter, or, for a fragment without its header, `GS` / `ST` and a delimiter.
 */
export function looksLikeX12(text: string): boolean {
  const at = skipLeadingBlanks(text);
  if (isIsaAt(text, at)) return true;
  return /^(?:GS|ST)[*|^~!]/.test(text.slice(at, at + 3));
}

/** How far into a text looksLikeX12AfterNote looks for the ISA (the first 4 KB, as parse.ts looks for segments without one). */
const NOTE_HEAD = 4096;

/**
 * True when an ISA header that reads, whatever its delimiters, begins a later line of the text's
 * first 4 KB: a note above the header, which the tokenizer reads past with an x12.text-before-isa
 * warning. The header must read (16 elements, delimiters that differ), so that other text with a
 * line that happens to start with `ISA` and a punctuation mark is not taken for X12.
 */
export function looksLikeX12AfterNote(text: string): boolean {
  const at = isaOnLaterLine(text, skipLeadingBlanks(text), NOTE_HEAD);
  return at >= 0 && !isIsaProblem(readIsaHeader(text, at));
}
