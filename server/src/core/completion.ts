// Completion in an X12 837 from its implementation guide: inside a code element, the element's
// valid codes; at the start of a segment, the segments the guide allows after the one before.
// The guide is the one the transaction set's ST03/GS08 names; nothing is offered without it.
// Pure: spans and labels out, the LSP adapter turns them into CompletionItems.
import type { Analysis } from './analyze';
import { elementAt, segmentMatches } from './guides/lookups';
import { guideSegmentIds } from './guides/nextSegments';
import { allowedAfter, loopTitle, placementOf, valuesOf } from './guides/placement';
import type { ElementSpec, SegmentSpec } from './guides/schema';
import { codesOf } from './hover/guideHover';
import { procedureQualifiers, x12Segments } from './hover/x12Dictionary';
import type { ParsedDocumentWithIndex, Span, X12Index } from './model';
import { segmentEdit, segmentSlot } from './segmentSlot';

export interface CompletionEntry {
  label: string;
  kind: 'code' | 'segment';
  /** One line shown beside the label (a code's name, a segment's name and loop). */
  detail: string;
  /** The text that replaces `span`. */
  insertText: string;
  /**
   * What the entry replaces: the code typed so far, or the segment id typed so far (an id the
   * cursor stands in up to its separator; empty at the cursor when none: segmentSlot.ts).
   */
  span: Span;
  /** Sorts the entries in the guide's order. */
  sortText: string;
}

function isIdCharacter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function order(n: number): string {
  return String(n).padStart(5, '0');
}

/** Is the character at `at` the terminator of the segment that ends there? */
function terminatesSegment(ix: X12Index, text: string, at: number): boolean {
  const segment = ix.segmentAt(at);
  return segment >= 0 && ix.segmentSpan(segment).end === at && text[at] === ix.delimitersOf(segment).segment;
}

/** Completion at `offset` of an analysed 837; [] when there is nothing to offer. */
export function completionsAt(analysis: Analysis, offset: number): CompletionEntry[] {
  const { doc, text } = analysis;
  const ix = doc.x12;
  if (!ix || doc.format !== 'x12' || offset < 0 || offset > text.length) return [];
  return segmentStart(doc, ix, text, offset) ?? inElement(doc, ix, text, offset);
}

/**
 * At the start of a segment: the cursor after a segment terminator (and any line break), with at
 * most three letters or digits of an id typed. What an entry replaces: segmentSlot.ts. Null when
 * the cursor is not there.
 */
function segmentStart(doc: ParsedDocumentWithIndex, ix: X12Index, text: string, offset: number): CompletionEntry[] | null {
  let start = offset;
  while (start > 0 && offset - start < 3 && isIdCharacter(text.charCodeAt(start - 1))) start--;
  // Back over the blanks to the previous segment's terminator, which may itself be a line break.
  let terminator = start - 1;
  while (terminator >= 0 && !terminatesSegment(ix, text, terminator)) {
    if (!isBlank(text.charCodeAt(terminator))) return null;
    terminator--;
  }
  if (terminator < 0) return null;
  const previous = ix.segmentAt(terminator);
  const delimiters = ix.delimitersOf(previous);
  const allowed = allowedAfter(doc, text, previous) ?? [];
  const known = allowed.length > 0 ? guideSegmentIds(allowed[0]!) : new Set<string>();
  const slot = segmentSlot(text, delimiters, start, offset, (id) => known.has(id) || Object.hasOwn(x12Segments, id));
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (label: string, segment: SegmentSpec) => {
    if (seen.has(label)) return;
    seen.add(label);
    entries.push({
      label,
      kind: 'segment',
      detail: `${segment.name} · loop ${loopTitle(segment.loop)}`,
      ...segmentEdit(slot, label, segment.id),
      sortText: order(entries.length),
    });
  };
  for (const segment of allowed) {
    const q = segment.qualifier;
    // A segment told apart by a few codes of its first element is offered with them (NM1*82).
    if (q && q.position === 1 && q.component === 0 && q.codes.length <= 5) {
      for (const code of q.codes) add(`${segment.id}${delimiters.element}${code}`, segment);
    } else {
      add(segment.id, segment);
    }
  }
  return entries;
}

/** Inside an element of a segment: the valid codes of that element (or component). */
function inElement(doc: ParsedDocumentWithIndex, ix: X12Index, text: string, offset: number): CompletionEntry[] {
  let i = ix.segmentAt(offset);
  if (i < 0 && offset > 0) i = ix.segmentAt(offset - 1);
  if (i < 0) return [];
  const delimiters = ix.delimitersOf(i);
  const { start: segmentStartAt, end: segmentEnd } = ix.segmentSpan(i);
  if (offset < segmentStartAt || ix.segmentId(i) === 'ISA') return [];
  // Which element and component the cursor is in, and where the value typed so far starts.
  let element = 0;
  let component = 1;
  let valueStart = segmentStartAt;
  for (let at = segmentStartAt; at < offset; at++) {
    const c = text[at];
    if (c === delimiters.element) {
      element++;
      component = 1;
      valueStart = at + 1;
    } else if (c === delimiters.component) {
      component++;
      valueStart = at + 1;
    } else if (delimiters.repetition !== null && c === delimiters.repetition) {
      component = 1;
      valueStart = at + 1;
    }
  }
  if (element === 0) return [];
  let valueEnd = offset;
  while (valueEnd < segmentEnd) {
    const c = text[valueEnd];
    if (c === delimiters.element || c === delimiters.component || c === delimiters.repetition || c === delimiters.segment || c === '\n' || c === '\r') break;
    valueEnd++;
  }
  const id = ix.segmentId(i);
  // What the guide allows where the segment is, asked only when needed.
  let allowed: SegmentSpec[] | null = null;
  const allowedHere = (): SegmentSpec[] => (allowed ??= i > 0 ? (allowedAfter(doc, text, i - 1) ?? []) : []);
  let segment = placementOf(doc, text, i)?.segment ?? null;
  if (!segment) {
    // A segment being typed may not be placed yet: the first the guide allows here with its id.
    const values = valuesOf(ix, text, i);
    segment = allowedHere().find((s) => segmentMatches(s, id, values)) ?? allowedHere().find((s) => s.id === id) ?? null;
  }
  if (!segment) return [];
  const span = { start: valueStart, end: valueEnd };
  // In the qualifier: every variant of the id allowed here (REF*G1, REF*6R...), each code once.
  const variants = inQualifier(segment, element, component) ? allowedHere().filter((s) => s.id === id && inQualifier(s, element, component)) : [];
  if (!variants.includes(segment)) variants.push(segment);
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const variant of variants) {
    const target = codeElement(variant, element, component);
    for (const code of (target && codesOf(target)) ?? []) {
      if (seen.has(code)) continue;
      seen.add(code);
      const named = target!.dataElement === '235' ? procedureQualifiers[code] : undefined;
      const detail = named ?? (variants.length > 1 ? `${target!.ref} ${variant.name}` : `${target!.ref} ${target!.name}`);
      entries.push({ label: code, kind: 'code', detail, insertText: code, span, sortText: order(entries.length) });
    }
  }
  return entries;
}

/** Is the cursor's element (component 1 of a simple element) the one that tells this segment apart? */
function inQualifier(segment: SegmentSpec, element: number, component: number): boolean {
  const q = segment.qualifier;
  return q !== null && q.position === element && (q.component === 0 ? component === 1 : q.component === component);
}

/** The simple element (or component) at the cursor's element and component, when it is one. */
function codeElement(segment: SegmentSpec, element: number, component: number): ElementSpec | null {
  const spec = elementAt(segment, element);
  if (!spec) return null;
  const target = spec.kind === 'composite' ? elementAt(segment, element, component) : component === 1 ? spec : null;
  return target && target.kind === 'element' ? target : null;
}
