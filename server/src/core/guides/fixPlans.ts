// What each certain guide fix edits, computed from the text as it is (fixes.ts turns these into
// quick fixes and fix-all): HL01/HL02 renumbered, SE01/GE01/IEA01 recounted, leading blanks
// removed. Pure: no editor types.
import { firstKeyAtOrAfter } from '../search';
import type { TextEdit } from '../edits';
import type { Finding, ParsedDocumentWithIndex, Span, X12Index } from '../model';
import { guideIdOf, isDigits, valueOf } from './fixText';
import { transactionAt } from './placement';
import { shownSegmentId } from './shown';

/** The trailer counts a recount fix sets: which segment's element 01, and what it counts. */
export const COUNT_RULES: Readonly<Record<string, { segment: string; element: string; unit: string }>> = {
  'x12.se01-count': { segment: 'SE', element: 'SE01', unit: 'segments in the transaction set' },
  'x12.ge01-count': { segment: 'GE', element: 'GE01', unit: 'transaction sets in the group' },
  'x12.iea01-count': { segment: 'IEA', element: 'IEA01', unit: 'groups in the interchange' },
};
const ENVELOPE_IDS: ReadonlySet<string> = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE']);

// ---- HL renumbering

/** The segments whose HL numbers the guide validator counts together: from a transaction set's ST up to the next ST. */
export function hlGroupOf(ix: X12Index, segment: number): { from: number; to: number } {
  let from = segment;
  while (from > 0 && guideIdOf(ix, from) !== 'ST') from--;
  let to = segment + 1;
  while (to < ix.segmentCount && guideIdOf(ix, to) !== 'ST') to++;
  return { from, to };
}

export interface HlPlan {
  edits: TextEdit[];
  /** Segments the plan covers (its HL findings are there). */
  from: number;
  to: number;
}

/**
 * HL01 = 1, 2, 3... and HL02 the parent's new number, for the HL segments of segments [from, to);
 * null when the numbers as written do not say which level is whose parent (an HL01 that is not a
 * whole number or is repeated, an HL02 naming no level open above it) or nothing changes.
 */
export function renumberHl(text: string, ix: X12Index, from: number, to: number): HlPlan | null {
  const seen = new Set<number>();
  const stack: number[] = [];
  const renumbered = new Map<number, number>();
  const edits: TextEdit[] = [];
  const parents: { span: Span; parent: number }[] = [];
  for (let i = from; i < to; i++) {
    if (guideIdOf(ix, i) !== 'HL') continue;
    const spans = ix.elementSpans(i);
    const idSpan = spans[1];
    if (!idSpan) return null;
    const idText = valueOf(text, idSpan).trim();
    if (!isDigits(idText)) return null;
    const id = Number(idText);
    if (seen.has(id)) return null;
    seen.add(id);
    const parentSpan = spans[2];
    const parentRaw = valueOf(text, parentSpan);
    if (parentSpan && parentRaw !== '') {
      const parentText = parentRaw.trim();
      if (!isDigits(parentText)) return null;
      const parent = Number(parentText);
      // The validator's stack of open levels, in the numbers as written.
      if (!stack.includes(parent)) return null;
      while (stack[stack.length - 1] !== parent) stack.pop();
      parents.push({ span: parentSpan, parent });
    }
    stack.push(id);
    const number = renumbered.size + 1;
    renumbered.set(id, number);
    if (valueOf(text, idSpan) !== String(number)) edits.push({ span: idSpan, newText: String(number) });
  }
  for (const { span, parent } of parents) {
    const number = String(renumbered.get(parent)!);
    if (valueOf(text, span) !== number) edits.push({ span, newText: number });
  }
  if (edits.length === 0) return null;
  edits.sort((a, b) => a.span.start - b.span.start);
  return { edits, from, to };
}

// ---- envelopes by offset

/**
 * The envelope of `list` (the document's interchanges or groups: in text order, apart) whose span
 * holds offset, or null: a binary search, as transactionAt's. Fix-all asks it per finding, and a
 * file may hold thousands of interchanges, each with its IEA01 finding.
 */
export function envelopeAt<T extends { span: Span }>(list: readonly T[], offset: number): T | null {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const span = list[mid]!.span;
    if (span.end <= offset) low = mid + 1;
    else if (span.start > offset) high = mid - 1;
    else return list[mid]!;
  }
  return null;
}

/** How many of `list` (in text order) start inside span: two binary searches. */
function countStartingIn(list: readonly { span: Span }[], span: Span): number {
  const firstFrom = (offset: number) => firstKeyAtOrAfter(list.length, (i) => list[i]!.span.start, offset);
  return Math.max(0, firstFrom(span.end) - firstFrom(span.start));
}

// ---- SE01, GE01, IEA01

/** The count a trailer's element 01 should hold, and its span; null when the trailer has no element 01 or is not in its envelope. */
export function recount(text: string, doc: ParsedDocumentWithIndex, finding: Finding): { span: Span; count: number } | null {
  const ix = doc.x12;
  const rule = COUNT_RULES[finding.rule];
  if (!ix || !rule) return null;
  const s = ix.segmentAt(finding.span.start);
  if (s < 0 || ix.segmentId(s) !== rule.segment) return null;
  const span = ix.elementSpans(s)[1];
  if (!span) return null;
  const at = ix.segmentSpan(s).start;
  let count: number;
  if (rule.segment === 'SE') {
    const t = transactionAt(doc, at);
    if (!t || t.se01Span === null || t.se01Span.start !== span.start) return null;
    count = t.segmentCount;
  } else if (rule.segment === 'GE') {
    // Every ST while the group is open made a transaction set inside the group's span.
    const group = envelopeAt(doc.groups, at);
    if (!group) return null;
    count = countStartingIn(doc.transactions, group.span);
  } else {
    const interchange = envelopeAt(doc.interchanges, at);
    if (!interchange) return null;
    count = countStartingIn(doc.groups, interchange.span);
  }
  if (valueOf(text, span) === String(count)) return null;
  return { span, count };
}

// ---- leading blanks

export interface TrimPlan {
  edits: TextEdit[];
  ids: string[];
  /** An envelope segment (ST, SE, GS...) starts with blanks: the reader sees it only once trimmed. */
  envelope: boolean;
}

/**
 * The blanks before every segment that starts with them, removed: the spaces and tabs between
 * the terminator before it and its id (as the guide pass finds them; line breaks stay), and any
 * other blank its id starts with (as the validator reads ids).
 */
export function trimLeadingBlanks(text: string, ix: X12Index): TrimPlan | null {
  const edits: TextEdit[] = [];
  const ids: string[] = [];
  let envelope = false;
  for (let i = 0; i < ix.segmentCount; i++) {
    const start = ix.segmentSpan(i).start;
    const found = edits.length;
    // The first segment's blanks are before the interchange, which the reader skips.
    for (let at = i === 0 ? start : ix.segmentSpan(i - 1).end + 1; at < start; at++) {
      if (!isSpaceOrTab(text.charCodeAt(at))) continue;
      let end = at;
      while (end < start && isSpaceOrTab(text.charCodeAt(end))) end++;
      edits.push({ span: { start: at, end }, newText: '' });
      at = end;
    }
    const id = ix.segmentId(i);
    const trimmed = id.trimStart();
    if (id.length > 0 && id.charCodeAt(0) <= 32 && trimmed !== id) {
      const end = start + id.length - trimmed.length;
      const last = edits.length > found ? edits[edits.length - 1]! : null;
      if (last !== null && last.span.end === start) last.span = { start: last.span.start, end };
      else edits.push({ span: { start, end }, newText: '' });
    }
    if (edits.length === found) continue;
    ids.push(trimmed);
    if (ENVELOPE_IDS.has(trimmed)) envelope = true;
  }
  return edits.length === 0 ? null : { edits, ids, envelope };
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * The fix's title, naming a lone segment as the finding's message does (shown.ts): what starts
 * with blanks may be a stray line of free text, read as one segment whose "id" is the whole line.
 */
export function trimTitle(plan: TrimPlan): string {
  if (plan.ids.length > 1) return `Remove the blanks before ${plan.ids.length} segments`;
  // An id is quoted ('HL'); anything else is described ("a segment with an id that is...").
  const shown = shownSegmentId(plan.ids[0]!);
  return `Remove the blanks before ${shown.startsWith("'") ? `segment ${shown}` : shown}`;
}
