// Removing claims can empty an envelope: a transaction set whose every claim goes is removed
// whole (an 837 set needs a billing provider loop, which needs a claim below it), with GE01
// lowered; a group whose every set goes is removed whole, with IEA01 lowered; an interchange whose
// every set goes is removed whole (ISA to IEA) while the file keeps another interchange with a
// claim. The last interchange that has sets is never emptied: when every claim of the file goes,
// its last set keeps its envelope and loses its claims, as x12Loops.ts removes them.
import type { TextEdit } from './edits';
import type { Claim, Delimiters, FunctionalGroup, ParsedDocument, Span, TransactionSet } from './model';

export interface EnvelopeRemoval {
  /** Transaction sets removed whole: their claims need no edits of their own. */
  transactions: ReadonlySet<number>;
  edits: TextEdit[];
}

/** The span of element 01 of the trailer (GE, IEA) that ends `span`, and its number; null when it cannot be read. */
function trailerCount(text: string, span: Span, id: string, delimiters: Delimiters): { span: Span; count: number } | null {
  const head = `${id}${delimiters.element}`;
  const at = text.lastIndexOf(head, span.end);
  if (at <= span.start) return null;
  const start = at + head.length;
  let end = start;
  while (end < span.end && text[end] !== delimiters.element && !text.startsWith(delimiters.segment, end)) end++;
  const value = text.slice(start, end).trim();
  return /^[0-9]{1,9}$/.test(value) ? { span: { start, end }, count: Number(value) } : null;
}

/**
 * The envelopes these claims' removal empties, as edits: whole sets and groups out, GE01 and IEA01
 * lowered. `delimitersOf` is asked once per interchange, so it must be cheap (x12Loops.ts
 * delimitersAt, a binary search): a file may hold thousands of interchanges.
 */
export function emptiedEnvelopes(text: string, doc: ParsedDocument, claims: readonly Claim[], delimitersOf: (offset: number) => Delimiters): EnvelopeRemoval {
  const removed = new Set(claims);
  const touched = new Set<number>();
  const kept = new Set<number>();
  for (const claim of doc.claims) {
    if (claim.transactionIndex === null) continue;
    (removed.has(claim) ? touched : kept).add(claim.transactionIndex);
  }
  // Closed sets (SE read) left without a claim.
  const emptied = (t: TransactionSet) => touched.has(t.index) && !kept.has(t.index) && t.se01Span !== null;
  const setsOf = new Map<number, TransactionSet[]>();
  for (const t of doc.transactions) {
    const list = setsOf.get(t.groupIndex);
    if (list) list.push(t);
    else setsOf.set(t.groupIndex, [t]);
  }
  const groupsOf = new Map<number, FunctionalGroup[]>();
  for (const g of doc.groups) {
    const list = groupsOf.get(g.interchangeIndex);
    if (list) list.push(g);
    else groupsOf.set(g.interchangeIndex, [g]);
  }
  // Only an interchange with a group that holds an emptied set can change: a quick fix removes a
  // claim or two, and the file may hold thousands of interchanges, all passed over.
  const changing = new Set<number>();
  for (const g of doc.groups) if ((setsOf.get(g.index) ?? []).some(emptied)) changing.add(g.interchangeIndex);
  const edits: TextEdit[] = [];
  const transactions = new Set<number>();
  // A group with no set at all is not emptied by this removal: it is left as it is. (Sets, not
  // lists: an interchange may hold thousands of groups.)
  const wholeGroups = (groups: readonly FunctionalGroup[]) =>
    new Set(
      groups.filter((g) => {
        const sets = setsOf.get(g.index) ?? [];
        return sets.length > 0 && sets.every(emptied);
      }),
    );
  const keepsASet = (groups: readonly FunctionalGroup[], whole: ReadonlySet<FunctionalGroup>) => groups.some((g) => !whole.has(g) && (setsOf.get(g.index) ?? []).length > 0);
  const emptiedInterchanges = new Set(
    doc.interchanges.filter((i) => {
      if (!changing.has(i.index)) return false;
      const groups = groupsOf.get(i.index) ?? [];
      const whole = wholeGroups(groups);
      return whole.size > 0 && !keepsASet(groups, whole);
    }),
  );
  const fileKeepsAnother = doc.interchanges.some((i) => !emptiedInterchanges.has(i) && (groupsOf.get(i.index) ?? []).some((g) => (setsOf.get(g.index) ?? []).length > 0));
  for (const interchange of doc.interchanges) {
    if (!changing.has(interchange.index)) continue;
    const groups = groupsOf.get(interchange.index) ?? [];
    if (fileKeepsAnother && emptiedInterchanges.has(interchange)) {
      edits.push({ span: interchange.span, newText: '' });
      for (const g of groups) for (const t of setsOf.get(g.index) ?? []) transactions.add(t.index);
      continue;
    }
    const delimiters = delimitersOf(interchange.span.start);
    const whole = wholeGroups(groups);
    // Whole groups go only while the interchange keeps one with a set.
    const keepsOne = keepsASet(groups, whole);
    const goes: ReadonlySet<FunctionalGroup> = keepsOne ? whole : new Set();
    const iea = goes.size > 0 ? trailerCount(text, interchange.span, 'IEA', delimiters) : null;
    for (const group of groups) {
      const sets = setsOf.get(group.index) ?? [];
      if (iea && goes.has(group)) {
        edits.push({ span: group.span, newText: '' });
        for (const t of sets) transactions.add(t.index);
        continue;
      }
      const out = sets.filter(emptied);
      // A group whose every set empties keeps its last set (and that set its envelope).
      if (out.length === sets.length) out.pop();
      const ge = out.length > 0 ? trailerCount(text, group.span, 'GE', delimiters) : null;
      if (!ge) continue;
      for (const t of out) {
        edits.push({ span: t.span, newText: '' });
        transactions.add(t.index);
      }
      edits.push({ span: ge.span, newText: String(ge.count - out.length) });
    }
    if (iea) edits.push({ span: iea.span, newText: String(iea.count - goes.size) });
  }
  return { transactions, edits };
}

