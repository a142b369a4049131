// Removing whole X12 loops so that the file stays valid: a claim whose every service line goes
// (a 2300 loop needs a 2400), and then the hierarchical level (HL) that held only that claim and
// no other level (a subscriber or patient loop with nothing to bill), with the HL numbers after
// it moved down so that HL01 stays 1, 2, 3... and every HL02 names its parent.

import type { TextEdit } from './edits';
import type { Claim, Delimiters, ParsedDocument, Span } from './model';

interface HlSegment {
  /** From the segment id to the end of its line break(s). */
  start: number;
  id: number;
  parent: number | null;
  /** HL04: '1' when levels sit below it. */
  hasChildren: boolean;
  idSpan: Span;
  parentSpan: Span | null;
}

export interface LoopRemoval {
  edits: TextEdit[];
  /** Segments removed per transaction set (for SE01). */
  segments: Map<number, number>;
}

function delimitersAt(doc: ParsedDocument, offset: number): Delimiters {
  let found = doc.interchanges[0]?.delimiters ?? { element: '*', component: ':', repetition: '^', segment: '~' };
  for (const interchange of doc.interchanges) if (interchange.span.start <= offset) found = interchange.delimiters;
  return found;
}

function isBlank(code: number): boolean {
  return code === 10 || code === 13 || code === 32 || code === 9;
}

/** Where the segment after `offset` starts (past line breaks and blanks). */
function nextSegmentStart(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  return at;
}

/** The HL segments of a span of text, in order. */
function hlSegments(text: string, span: Span, delimiters: Delimiters): HlSegment[] {
  const out: HlSegment[] = [];
  const head = `HL${delimiters.element}`;
  for (let at = nextSegmentStart(text, span.start); at < span.end; ) {
    let end = text.indexOf(delimiters.segment, at);
    if (end < 0 || end > span.end) end = span.end;
    if (text.startsWith(head, at)) {
      const elements: Span[] = [];
      let from = at + head.length;
      for (;;) {
        const next = text.indexOf(delimiters.element, from);
        const to = next < 0 || next > end ? end : next;
        elements.push({ start: from, end: to });
        if (to === end) break;
        from = to + 1;
      }
      const value = (i: number) => (elements[i] ? text.slice(elements[i]!.start, elements[i]!.end).trim() : '');
      const id = Number.parseInt(value(0), 10);
      const parent = Number.parseInt(value(1), 10);
      if (Number.isFinite(id)) {
        out.push({
          start: at,
          id,
          parent: Number.isFinite(parent) ? parent : null,
          hasChildren: value(3) === '1',
          idSpan: elements[0]!,
          parentSpan: Number.isFinite(parent) ? elements[1]! : null,
        });
      }
    }
    at = nextSegmentStart(text, end + delimiters.segment.length);
  }
  return out;
}

function countSegments(text: string, span: Span, terminator: string): number {
  let count = 0;
  for (let at = text.indexOf(terminator, span.start); at >= 0 && at < span.end; at = text.indexOf(terminator, at + 1)) count++;
  return count;
}

/**
 * Edits that remove these claims (X12), each with the HL loop around it when that loop held only
 * this claim and no lower level, and renumber the HL segments after a removed one.
 */
export function removeClaims(text: string, doc: ParsedDocument, claims: readonly Claim[]): LoopRemoval {
  const edits: TextEdit[] = [];
  const segments = new Map<number, number>();
  const byTransaction = new Map<number, Claim[]>();
  for (const claim of claims) {
    const key = claim.transactionIndex ?? -1;
    const list = byTransaction.get(key);
    if (list) list.push(claim);
    else byTransaction.set(key, [claim]);
  }
  for (const [transactionIndex, removed] of byTransaction) {
    const transaction = doc.transactions[transactionIndex];
    const delimiters = delimitersAt(doc, removed[0]!.span.start);
    const hls = transaction ? hlSegments(text, transaction.span, delimiters) : [];
    const removedIds: number[] = [];
    let count = 0;
    for (const claim of removed) {
      let span = claim.span;
      let hlIndex = -1;
      for (let i = 0; i < hls.length && hls[i]!.start < claim.span.start; i++) hlIndex = i;
      const hl = hls[hlIndex];
      if (hl && !hl.hasChildren) {
        // The claim is the HL's only one: no CLM between the HL and it, and an HL or SE follows it.
        const after = nextSegmentStart(text, claim.span.end);
        const before = text.slice(hl.start, claim.span.start).replace(/[\r\n]/g, '');
        const last = text.startsWith(`HL${delimiters.element}`, after) || text.startsWith(`SE${delimiters.element}`, after);
        if (last && !before.includes(`${delimiters.segment}CLM${delimiters.element}`)) {
          span = { start: hl.start, end: claim.span.end };
          removedIds.push(hl.id);
        }
      }
      edits.push({ span, newText: '' });
      count += countSegments(text, span, delimiters.segment);
    }
    if (transactionIndex >= 0) segments.set(transactionIndex, count);
    if (removedIds.length === 0) continue;
    removedIds.sort((a, b) => a - b);
    const below = (value: number) => removedIds.filter((id) => id < value).length;
    for (const hl of hls) {
      if (removedIds.includes(hl.id)) continue;
      const id = hl.id - below(hl.id);
      if (id !== hl.id) edits.push({ span: hl.idSpan, newText: String(id) });
      if (hl.parent !== null && hl.parentSpan !== null) {
        const parent = hl.parent - below(hl.parent);
        if (parent !== hl.parent) edits.push({ span: hl.parentSpan, newText: String(parent) });
      }
    }
  }
  return { edits, segments };
}
