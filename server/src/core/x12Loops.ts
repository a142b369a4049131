// Removing whole X12 loops so that the file stays valid: a claim whose every service line goes
// (a 2300 loop needs a 2400), and then the hierarchical level (HL) that held only that claim and
// no other level (a subscriber or patient loop with nothing to bill), with the HL numbers after
// it moved down so that HL01 stays 1, 2, 3... and every HL02 names its parent.

import type { TextEdit } from './edits';
import { emptiedEnvelopes } from './x12EnvelopeRemoval';
import { forEachSegmentIn } from './x12/textSegments';
import type { Claim, Delimiters, Interchange, ParsedDocument, Span } from './model';
import { firstKeyAtOrAfter } from './search';

interface HlSegment {
  /** From the segment id to the end of its line break(s). */
  start: number;
  id: number;
  parent: number | null;
  /** HL04: '1' when levels sit below it. */
  hasChildren: boolean;
  idSpan: Span;
  parentSpan: Span | null;
  /** HL04's span (null when absent). */
  childSpan: Span | null;
}

export interface LoopRemoval {
  edits: TextEdit[];
  /** Segments removed per transaction set (for SE01). */
  segments: Map<number, number>;
}

/**
 * The delimiters of the interchange that offset is in: the last one that starts at or before it
 * (the first one's before any). A binary search, since the reader lists the interchanges in text
 * order: a fix asks this per claim and per set, in files of thousands of interchanges.
 */
export function delimitersAt(doc: ParsedDocument, offset: number): Delimiters {
  return (interchangeAt(doc, offset) ?? doc.interchanges[0])?.delimiters ?? { element: '*', component: ':', repetition: '^', segment: '~' };
}

/** The last interchange that starts at or before `offset` (binary search: the reader lists them in text order), or undefined when none does. */
export function interchangeAt(doc: ParsedDocument, offset: number): Interchange | undefined {
  const interchanges = doc.interchanges;
  // The first interchange that starts after offset (offsets are whole numbers), less one.
  const after = firstKeyAtOrAfter(interchanges.length, (i) => interchanges[i]!.span.start, offset + 1);
  return after > 0 ? interchanges[after - 1] : undefined;
}

/** The HL segments of a span of text, in order. */
function hlSegments(text: string, span: Span, delimiters: Delimiters): HlSegment[] {
  const out: HlSegment[] = [];
  const head = `HL${delimiters.element}`;
  forEachSegmentIn(text, span, delimiters.segment, (at, end) => {
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
          childSpan: elements[3] ?? null,
        });
      }
    }
  });
  return out;
}

interface RemovalPlan {
  /** Text to remove: claims, or whole HL loops with everything below them. */
  spans: Span[];
  hls: HlSegment[];
  /** HL ids removed (for renumbering the rest). */
  removedIds: number[];
  /** HL04 elements to set to 0: levels that keep their own claims but lose every level below. */
  childFlags: Span[];
}

/**
 * Which claims and HL loops go. An HL loop goes when everything in it goes: its own claims are all
 * removed and every level below it goes too (a subscriber with nothing to bill, a patient without
 * a claim, a billing provider without subscribers), so the removal climbs as far as it can.
 * `claims`: every claim of the set, in document order.
 */
function planRemoval(text: string, transaction: { span: Span }, claims: readonly Claim[], removed: readonly Claim[], delimiters: Delimiters): RemovalPlan {
  const hls = hlSegments(text, transaction.span, delimiters);
  // Where the last loop ends: the SE segment's start.
  let setEnd = transaction.span.end;
  const se = text.lastIndexOf(`SE${delimiters.element}`, transaction.span.end);
  if (se > transaction.span.start) setEnd = se;
  const loopEnd = (i: number) => hls[i + 1]?.start ?? setEnd;
  const removedSet = new Set(removed);
  const claimsOf = hls.map(() => [] as Claim[]);
  // Each claim of the set belongs to the last HL before it (a binary search: a set may hold thousands).
  const placed = new Set<Claim>();
  for (const claim of claims) {
    const at = lastHlBefore(hls, claim.span.start);
    if (at < 0) continue;
    claimsOf[at]!.push(claim);
    placed.add(claim);
  }
  const children = hls.map(() => [] as number[]);
  const indexOfId = new Map(hls.map((hl, i) => [hl.id, i]));
  hls.forEach((hl, i) => {
    const parent = hl.parent === null ? undefined : indexOfId.get(hl.parent);
    if (parent !== undefined && parent < i) children[parent]!.push(i);
  });
  // Children come after their parents: decide from the last HL up.
  const goes = hls.map(() => false);
  const touched = hls.map(() => false);
  for (let i = hls.length - 1; i >= 0; i--) {
    const own = claimsOf[i]!;
    touched[i] = own.some((c) => removedSet.has(c)) || children[i]!.some((c) => touched[c]);
    goes[i] = touched[i]! && own.every((c) => removedSet.has(c)) && children[i]!.every((c) => goes[c]);
  }
  const spans: Span[] = [];
  const removedIds: number[] = [];
  const childFlags: Span[] = [];
  for (let i = 0; i < hls.length; i++) {
    const hl = hls[i]!;
    const parent = hl.parent === null ? undefined : indexOfId.get(hl.parent);
    if (goes[i]) {
      removedIds.push(hl.id);
      if (parent === undefined || !goes[parent]) {
        // The loop and every level below it, down to the next HL that is not below it.
        let last = i;
        const below = new Set([i]);
        for (let j = i + 1; j < hls.length; j++) {
          const p = hls[j]!.parent === null ? undefined : indexOfId.get(hls[j]!.parent!);
          if (p === undefined || !below.has(p)) break;
          below.add(j);
          last = j;
        }
        spans.push({ start: hl.start, end: loopEnd(last) });
      }
      continue;
    }
    for (const claim of claimsOf[i]!) if (removedSet.has(claim)) spans.push(claim.span);
    if (hl.hasChildren && hl.childSpan && children[i]!.length > 0 && children[i]!.every((c) => goes[c])) childFlags.push(hl.childSpan);
  }
  // Claims outside any HL (a broken file): only themselves.
  for (const claim of removed) {
    if (!placed.has(claim)) spans.push(claim.span);
  }
  return { spans, hls, removedIds, childFlags };
}

/** The index of the last of `hls` (in text order) that starts before offset, or -1. */
function lastHlBefore(hls: readonly HlSegment[], offset: number): number {
  return firstKeyAtOrAfter(hls.length, (i) => hls[i]!.start, offset) - 1;
}

/** How many of `sorted` (ascending) are below value. */
function countBelow(sorted: readonly number[], value: number): number {
  return firstKeyAtOrAfter(sorted.length, (i) => sorted[i]!, value);
}

/**
 * The segments the reader counts in span (SE01 counts them): as the tokenizer reads them, the gap
 * after a terminator (a blank line when the terminator is a line break) is no segment.
 */
function countSegments(text: string, span: Span, terminator: string): number {
  let count = 0;
  forEachSegmentIn(text, span, terminator, (_start, _end, terminated) => {
    if (terminated) count++;
  });
  return count;
}

/**
 * Edits that remove these claims (X12), each with the HL loop around it when that loop held only
 * this claim and no lower level, and renumber the HL segments after a removed one; a transaction
 * set left without a claim goes whole (and a group left without a set).
 */
export function removeClaims(text: string, doc: ParsedDocument, claims: readonly Claim[]): LoopRemoval {
  // Sets (and groups) left without a claim go whole (x12EnvelopeRemoval.ts).
  const envelopes = emptiedEnvelopes(text, doc, claims, (offset) => delimitersAt(doc, offset));
  const edits: TextEdit[] = [...envelopes.edits];
  const segments = new Map<number, number>();
  const byTransaction = new Map<number, Claim[]>();
  for (const claim of claims) {
    if (claim.transactionIndex !== null && envelopes.transactions.has(claim.transactionIndex)) continue;
    const key = claim.transactionIndex ?? -1;
    const list = byTransaction.get(key);
    if (list) list.push(claim);
    else byTransaction.set(key, [claim]);
  }
  // The claims of each set edited, in document order: one pass over the document, not one per set.
  const claimsOfSet = new Map<number, Claim[]>();
  for (const key of byTransaction.keys()) {
    const transaction = doc.transactions[key];
    if (transaction) claimsOfSet.set(transaction.index, []);
  }
  for (const claim of doc.claims) {
    if (claim.transactionIndex !== null) claimsOfSet.get(claim.transactionIndex)?.push(claim);
  }
  for (const [transactionIndex, removed] of byTransaction) {
    const transaction = doc.transactions[transactionIndex];
    const delimiters = delimitersAt(doc, removed[0]!.span.start);
    const removal: RemovalPlan = transaction
      ? planRemoval(text, transaction, claimsOfSet.get(transaction.index)!, removed, delimiters)
      : { spans: removed.map((c) => c.span), hls: [], removedIds: [], childFlags: [] };
    let count = 0;
    for (const span of removal.spans) {
      edits.push({ span, newText: '' });
      count += countSegments(text, span, delimiters.segment);
    }
    for (const flag of removal.childFlags) edits.push({ span: flag, newText: '0' });
    if (transactionIndex >= 0) segments.set(transactionIndex, count);
    if (removal.removedIds.length === 0) continue;
    // Sorted for a binary search per HL, and a set: a fix-all may remove thousands of loops of one set.
    const removedIds = [...removal.removedIds].sort((a, b) => a - b);
    const gone = new Set(removedIds);
    const below = (value: number) => countBelow(removedIds, value);
    for (const hl of removal.hls) {
      if (gone.has(hl.id)) continue;
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
