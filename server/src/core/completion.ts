// Completion in an X12 837 from its implementation guide: inside a code element, the element's
// valid codes; at the start of a segment, the segments the guide allows after the one before.
// The guide is the one the transaction set's ST03/GS08 names; nothing is offered without it. In a
// service line's procedure composite, the modifiers (data/modifiers.ts) and the procedure codes
// whose descriptors are loaded (the caller's ProcedureCodes: the built-in 43214, a user's file).
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
import { MODIFIERS } from './data/modifiers';
import { guideKeys } from './guides/load';
import { GUIDE_ALIASES, NEAREST_GUIDES, NOT_VALIDATED } from './guides/coverage';
import { kindOfImplementation } from './x12/implementations';
import { interchangeAt } from './x12Loops';

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

/** Procedure codes that start with `prefix` (upper case), each with its short name, at most `limit` of them. */
export type ProcedureCodes = (prefix: string, limit: number) => { code: string; name: string }[];

/** Procedure codes offered at a time: the list is incomplete past it, and asked again as the user types. */
export const PROCEDURE_CODES_OFFERED = 100;

export interface CompletionList {
  entries: CompletionEntry[];
  /** More procedure codes match than were offered: the client asks again as the user types. */
  incomplete: boolean;
}

/** Completion at `offset` of an analysed 837; [] when there is nothing to offer. */
export function completionsAt(analysis: Analysis, offset: number, codes?: ProcedureCodes): CompletionEntry[] {
  return completionListAt(analysis, offset, codes).entries;
}

/** completionsAt, and whether the procedure codes offered are only the first that match. */
export function completionListAt(analysis: Analysis, offset: number, codes?: ProcedureCodes): CompletionList {
  const { doc, text } = analysis;
  const ix = doc.x12;
  if (!ix || doc.format !== 'x12' || offset < 0 || offset > text.length) return { entries: [], incomplete: false };
  const atStart = segmentStart(doc, ix, text, offset);
  return atStart !== null ? { entries: atStart, incomplete: false } : inElement(doc, ix, text, offset, codes);
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
function inElement(doc: ParsedDocumentWithIndex, ix: X12Index, text: string, offset: number, codes: ProcedureCodes | undefined): CompletionList {
  const none: CompletionList = { entries: [], incomplete: false };
  let i = ix.segmentAt(offset);
  if (i < 0 && offset > 0) i = ix.segmentAt(offset - 1);
  if (i < 0) return none;
  const delimiters = ix.delimitersOf(i);
  const { start: segmentStartAt, end: segmentEnd } = ix.segmentSpan(i);
  if (offset < segmentStartAt || ix.segmentId(i) === 'ISA') return none;
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
  if (element === 0) return none;
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
  if (!segment) return none;
  const span = { start: valueStart, end: valueEnd };
  // A service line's procedure composite (SV101, SV202, SV301): its modifiers and procedure codes.
  const service = serviceComposite(segment, element, component);
  if (service === 'modifier') return { entries: modifierEntries(span), incomplete: false };
  if (service === 'procedure' && codes && component === 2 && qualifierBefore(text, valueStart, delimiters.element, delimiters.component) === 'HC') {
    const typed = text.slice(valueStart, offset).trim().toUpperCase();
    const found = codes(typed, PROCEDURE_CODES_OFFERED + 1);
    const entries = found.slice(0, PROCEDURE_CODES_OFFERED).map(({ code, name }, n) => ({ label: code, kind: 'code' as const, detail: name, insertText: code, span, sortText: order(n) }));
    return { entries, incomplete: found.length > PROCEDURE_CODES_OFFERED };
  }
  // In the qualifier: every variant of the id allowed here (REF*G1, REF*6R...), each code once.
  const variants = inQualifier(segment, element, component) ? allowedHere().filter((s) => s.id === id && inQualifier(s, element, component)) : [];
  if (!variants.includes(segment)) variants.push(segment);
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const variant of variants) {
    const target = codeElement(variant, element, component);
    // GS08 and ST03 of an 837: the 837 guides of the interchange's version (the envelope map lists every X12 version; an ST03's list may be empty).
    const codes = target && (target.ref === 'GS08' || target.ref === 'ST03') ? implementationsFor(interchangeVersion(doc, ix, text, i)) : ((target && codesOf(target)) ?? []);
    for (const code of codes) {
      if (seen.has(code)) continue;
      seen.add(code);
      const named = target!.dataElement === '235' ? procedureQualifiers[code] : undefined;
      const detail = named ?? (variants.length > 1 ? `${target!.ref} ${variant.name}` : `${target!.ref} ${target!.name}`);
      entries.push({ label: code, kind: 'code', detail, insertText: code, span, sortText: order(entries.length) });
    }
  }
  return { entries, incomplete: false };
}

/** The 837 implementation guides a GS08 or ST03 may name: those mapped, their aliases and later errata, and those not validated (data: guides/coverage.ts). */
const IMPLEMENTATIONS_837: readonly string[] = [...new Set([...guideKeys(), ...Object.keys(GUIDE_ALIASES), ...Object.keys(NEAREST_GUIDES), ...Object.keys(NOT_VALIDATED)])]
  .filter((key) => kindOfImplementation(key) !== null)
  .sort();

/**
 * The 837 guides of X12 version `version` (ISA12: '00501' takes 005010X222A1..., '00401' the 4010
 * guides); every 837 guide when the version is unknown or none names it.
 */
function implementationsFor(version: string | null): readonly string[] {
  const of = version === null ? [] : IMPLEMENTATIONS_837.filter((key) => key.startsWith(version));
  return of.length > 0 ? of : IMPLEMENTATIONS_837;
}

/** ISA12 of the interchange segment i is in, or null (no ISA before it). */
function interchangeVersion(doc: ParsedDocumentWithIndex, ix: X12Index, text: string, i: number): string | null {
  const interchange = interchangeAt(doc, ix.segmentSpan(i).start);
  const s = interchange === undefined ? -1 : ix.segmentAt(interchange.span.start);
  if (s < 0 || ix.segmentId(s) !== 'ISA') return null;
  const span = ix.elementSpans(s)[12];
  return span ? text.slice(span.start, span.end).trim() : null;
}

/** The guide's data elements of a service line's procedure composite (C003): the code, and a modifier. */
const PRODUCT_SERVICE_ID = '234';
const PROCEDURE_MODIFIER = '1339';

/** Whether the cursor is at a service line's procedure code or one of its modifiers, else null. */
function serviceComposite(segment: SegmentSpec, element: number, component: number): 'procedure' | 'modifier' | null {
  if (segment.id !== 'SV1' && segment.id !== 'SV2' && segment.id !== 'SV3') return null;
  const spec = elementAt(segment, element);
  if (!spec || spec.kind !== 'composite') return null;
  const target = elementAt(segment, element, component);
  if (!target || target.kind !== 'element') return null;
  return target.dataElement === PROCEDURE_MODIFIER ? 'modifier' : target.dataElement === PRODUCT_SERVICE_ID ? 'procedure' : null;
}

/**
 * The first component of the composite whose second starts at `valueStart` (HC for HCPCS and CPT
 * codes; ER, IV, WK, AD name other code sets, whose codes the descriptors are not), upper case.
 */
function qualifierBefore(text: string, valueStart: number, element: string, component: string): string {
  const separator = valueStart - 1;
  if (text[separator] !== component) return '';
  let start = separator;
  while (start > 0 && text[start - 1] !== element && text[start - 1] !== component) start--;
  return text.slice(start, separator).trim().toUpperCase();
}

/** The order modifiers are offered in: those that let any NCCI pair pass (59, XE...), then 24/25/57 and 91, the anatomic ones, the rest. */
const MODIFIER_RANK: Readonly<Record<string, number>> = { 'procedure-line': 0, 'surgical-line': 0, 'with-em': 1, 'hospital-em': 1, laboratory: 1, 'different-sites': 2, never: 3 };

/** Every modifier Claimlint knows, the NCCI-associated first, with what it means. */
function modifierEntries(span: Span): CompletionEntry[] {
  return MODIFIERS.map((info, n) => ({
    label: info.code,
    kind: 'code' as const,
    detail: info.bypassesPtp ? `${info.meaning} · NCCI-associated` : info.meaning,
    insertText: info.code,
    span,
    sortText: `${MODIFIER_RANK[info.ptpBypass] ?? 3}${order(n)}`,
  }));
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
