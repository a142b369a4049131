// The certain fix of empty segments (x12/emptySegments.ts): every one in the document removed,
// with the line breaks after it, and each transaction set that held some given the SE01 of its
// segments without them (the reader counts an empty segment as one: SE01 as counted now is right
// only while they are there). One fix for the document, as the leading blanks' is.
import type { TextEdit } from '../edits';
import type { ParsedDocumentWithIndex } from '../model';
import { transactionAt } from './placement';

export interface EmptySegmentsPlan {
  edits: TextEdit[];
  /** Empty segments removed. */
  removed: number;
  /** The transaction sets (their index) whose SE01 the plan sets: a recount of them as read now would count the empty segments. */
  sets: ReadonlySet<number>;
}

export function removeEmptySegments(doc: ParsedDocumentWithIndex): EmptySegmentsPlan | null {
  const ix = doc.x12;
  if (!ix) return null;
  const edits: TextEdit[] = [];
  const perSet = new Map<number, number>();
  let removed = 0;
  for (let s = 0; s < ix.segmentCount; s++) {
    if (ix.segmentLength(s) !== 0) continue;
    const start = ix.segmentSpan(s).start;
    const run = s;
    while (s + 1 < ix.segmentCount && ix.segmentLength(s + 1) === 0) s++;
    // The run's terminators, and the line breaks between them; the line break after the run stays
    // the one after the segment before it, unless that segment has its own (then the run's go).
    const before = run > 0 ? ix.segmentSpan(run - 1).end + 1 : 0;
    const end = before < start ? ix.segmentFullSpan(s).end : ix.segmentSpan(s).start + 1;
    edits.push({ span: { start, end }, newText: '' });
    removed += s - run + 1;
    const set = transactionAt(doc, start);
    if (set !== null) perSet.set(set.index, (perSet.get(set.index) ?? 0) + s - run + 1);
  }
  if (removed === 0) return null;
  for (const [index, empty] of perSet) {
    const set = doc.transactions[index]!;
    // A set without its SE (x12.envelope-unclosed) has no count to set.
    if (set.se01Span === null || set.se01Text === null) continue;
    const count = String(set.segmentCount - empty);
    if (set.se01Text.trim() !== count) edits.push({ span: set.se01Span, newText: count });
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  return { edits, removed, sets: new Set(perSet.keys()) };
}

/** The fix's title: "Remove the empty segment", "Remove the 3 empty segments and set SE01 to 34". */
export function emptySegmentsTitle(plan: EmptySegmentsPlan): string {
  const what = plan.removed === 1 ? 'the empty segment' : `the ${plan.removed} empty segments`;
  const counts = plan.edits.filter((edit) => edit.newText !== '');
  if (counts.length === 0) return `Remove ${what}`;
  return counts.length === 1 ? `Remove ${what} and set SE01 to ${counts[0]!.newText}` : `Remove ${what} and recount SE01`;
}
