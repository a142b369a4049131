// The hover of what the cursor is on in an X12 file when it is no procedure code or modifier of
// a service line: a segment id, an element (its name in Claimlint's 837 dictionary, what its value
// means, and the implementation guide's word on it: guideHover.ts), or a delimiter.
import { codeMeaning } from '../data/codeMeanings';
import { transactionAt } from '../guides/placement';
import { facilityTypeName } from '../data/billTypes';
import { TOOTH_NAMES } from '../data/teeth';
import { toothWithoutLeadingZeros } from '../x12/tooth837';
import { facilityTypeOf, isNcciOutpatientFacility } from '../rules/claimTables';
import type { ClaimKind, DateRange, ParsedDocumentWithIndex, Span, X12Position } from '../model';
import { shownSegmentId } from '../guides/shown';
import { capitalized } from '../text';
import { parseD8, readsAsCode } from '../x12/values';
import type { HoverResult } from './hover';
import { guideElementHover } from './guideHover';
import { dateHover } from './valueHovers';
import { pointerMeaning } from './pointerHover';
import { elementReference, procedureQualifiers, x12Segments } from './x12Dictionary';

/**
 * The hover of an X12 position: the dictionary's (a segment, an element, a delimiter), and for an
 * element the guide's name, usage, type, lengths and codes when its guide is known: its title in
 * place of the dictionary's (one title, in the guide's words), where it is in the guide last.
 */
export function x12HoverAt(doc: ParsedDocumentWithIndex, text: string, position: X12Position): HoverResult | null {
  const base = x12Hover(text, position, transactionAt(doc, position.span.start)?.kind ?? null);
  if (!base) return null;
  const pointer = doc.x12 ? pointerMeaning(doc.x12, text, position) : null;
  if (pointer !== null) base.details.push(pointer);
  const guide = guideElementHover(doc, text, position);
  if (!guide) return { markdown: [base.title, ...base.details].join('\n\n'), span: base.span };
  const title = guide.title !== null && base.plainTitle ? guide.title : base.title;
  const where = guide.where === null ? [] : ['---', guide.where];
  return { markdown: [title, ...base.details, ...guide.lines, ...where].join('\n\n'), span: base.span };
}

const delimiterNames: Record<NonNullable<X12Position['delimiter']>, string> = {
  element: 'Element separator: set by the character after `ISA`; separates the elements of a segment.',
  component: 'Component separator (ISA16): separates the parts of a composite element, such as `HC:43214:59`.',
  repetition: 'Repetition separator (ISA11 in 5010): separates repeated values of one element.',
  segment: 'Segment terminator: the character after ISA16; ends every segment.',
};

/** The dictionary's hover of an X12 position: its title, what else it says (a qualifier's meaning, a date), and its span. */
interface X12Hover {
  title: string;
  details: string[];
  /** Whether the title only names the element (the guide's name for it may take its place), rather than saying what its value does. */
  plainTitle: boolean;
  span: Span;
}

/** `kind`: the claim kind of the transaction set the position is in (null when none is known). */
function x12Hover(text: string, position: X12Position, kind: ClaimKind | null): X12Hover | null {
  const { segmentId, elementIndex, componentIndex, span } = position;
  const only = (title: string): X12Hover => ({ title, details: [], plainTitle: false, span });
  if (position.delimiter) {
    const shown = text.slice(span.start, span.end);
    return only(`\`${printable(shown)}\` — ${delimiterNames[position.delimiter]}`);
  }
  const value = text.slice(span.start, span.end);
  // The "id" of a line that is no segment may be the whole line (a name and birth date pasted on
  // a line of their own): named only when shaped like an id, as findings name it (guides/shown.ts).
  const shownId = shownSegmentId(segmentId);
  if (!shownId.startsWith("'")) {
    const what = elementIndex === 0 ? capitalized(shownId) : `Element ${String(elementIndex).padStart(2, '0')} of ${shownId}`;
    return only(`${what} — not a segment of Claimlint's 837 dictionary (the id is not shown: it may be claim contents)`);
  }
  const info = Object.hasOwn(x12Segments, segmentId) ? x12Segments[segmentId] : undefined;
  if (elementIndex === 0) {
    return only(info ? `**${segmentId}** — ${info.name}` : `**${segmentId}** — segment not in Claimlint's 837 dictionary`);
  }
  if (segmentId === 'ISA' && (elementIndex === 16 || elementIndex === 11)) {
    const role = elementIndex === 16 ? delimiterNames.component : value === 'U' ? 'Repetition separator: `U` here is the 4010 standards identifier, not a separator.' : delimiterNames.repetition;
    return only(`**${elementReference('ISA', elementIndex)}** \`${printable(value)}\` — ${role}`);
  }
  const reference = elementReference(segmentId, elementIndex, componentIndex);
  const name = componentIndex > 0 ? info?.components?.[elementIndex]?.[componentIndex - 1] : info?.elements[elementIndex - 1];
  const title = (name ? `**${reference}** ${name}` : `**${reference}**`) + (info ? ` · ${segmentId} ${info.name}` : '');
  const details: string[] = [];
  const qualifier = componentIndex === 1 && Object.hasOwn(procedureQualifiers, value) ? procedureQualifiers[value] : undefined;
  if (qualifier) details.push(`\`${value}\`: ${qualifier}`);
  // Only a value in the table is shown: a code, never claim contents.
  const meaning = qualifier ? undefined : valueMeaning(text, position, value, kind);
  if (meaning) details.push(`\`${value}\`: ${meaning}`);
  if (segmentId === 'DTP' && elementIndex === 3) {
    const range = parseDtp(value);
    if (range) details.push(dateHover(range));
  }
  return { title, details, plainTitle: true, span };
}

/**
 * What the code value under the cursor means (data/codeMeanings.ts), or undefined. CLM05-1 is a
 * place of service on a professional claim (CLM05-2 B); on an institutional one (A) it is a
 * facility type, said with the NCCI table that judges its bills, if any. Without either qualifier
 * it is what the transaction set's kind makes it, as the coding checks read it.
 */
function valueMeaning(text: string, position: X12Position, value: string, kind: ClaimKind | null): string | undefined {
  const { segmentId, elementIndex, componentIndex } = position;
  const key = `${segmentId}${String(elementIndex).padStart(2, '0')}${componentIndex > 0 ? `-${componentIndex}` : ''}`;
  if (key === 'CLM05-1') {
    const qualifier = componentOf(text, position, 2);
    const facility = qualifier === 'A' || (qualifier !== 'B' && kind === 'institutional');
    // A value outside the tables is shown only when it reads as a code (never claim contents).
    if (facility) return readsAsCode(value) ? facilityTypeMeaning(value) : undefined;
    if (qualifier !== 'B' && kind !== 'professional') return undefined;
  }
  const meaning = codeMeaning(key, value);
  if (meaning === undefined && key === 'TOO02' && readsAsCode(value)) return notAToothMeaning(value);
  return meaning;
}

/** A TOO02 that is no tooth: the tooth it is with a leading zero too many, or what the teeth are. */
function notAToothMeaning(value: string): string {
  const tooth = toothWithoutLeadingZeros(value);
  return tooth === null
    ? 'not a tooth of the Universal/National Tooth Designation System (1-32, A-T, 51-82, AS-TS)'
    : `tooth ${tooth} written with a leading zero (${TOOTH_NAMES[tooth]!}); write ${tooth}`;
}

/**
 * An 837I's facility type code (read as the coding checks read it: a whole type of bill, 0111,
 * names 11): what it names, and whether an NCCI table judges its bills; a value that names none
 * is judged by the outpatient hospital table, which the hover says.
 */
function facilityTypeMeaning(value: string): string | undefined {
  if (value === '') return undefined;
  const code = facilityTypeOf(value);
  if (code === null) return 'not a facility type code: the claim\'s lines are judged by the outpatient hospital NCCI table, as for a bill whose type is not known';
  const judged = isNcciOutpatientFacility(code) ? 'its lines are judged by the outpatient hospital NCCI table' : 'no NCCI table judges its lines (CMS does not apply the NCCI edits to bills of this type)';
  const name = facilityTypeName(code);
  return `${name === undefined ? `facility type ${code}` : name}${code !== value ? ` (facility type ${code})` : ''}; ${judged}`;
}

/** Component `n` of the composite under the cursor, trimmed ('' when it has none). */
function componentOf(text: string, position: X12Position, n: number): string {
  const { delimiters, segmentSpan, elementIndex } = position;
  const element = text.slice(segmentSpan.start, segmentSpan.end).split(delimiters.element)[elementIndex] ?? '';
  return (element.split(delimiters.component)[n - 1] ?? '').trim();
}

/** DTP03 as a date or a range of real calendar days in order; null otherwise (the hover names no day). */
function parseDtp(value: string): DateRange | null {
  const m = /^(\d{8})(?:-(\d{8}))?$/.exec(value);
  if (!m) return null;
  const from = parseD8(m[1]!);
  const to = m[2] === undefined ? from : parseD8(m[2]);
  return from === null || to === null || to < from ? null : { from, to };
}

function printable(delimiter: string): string {
  return delimiter.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
