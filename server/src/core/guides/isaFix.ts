// The quick fix of an ISA that is not fixed width (x12.isa-width, and the guide's findings on
// ISA elements and IEA02): every field fitted to its width with the same delimiters and values,
// when that is certain (see fixes.ts for the rules), and IEA02 written as ISA13 when it is the
// same number. Pure.
import { isControlNumber, shownControlNumber } from '../x12/values';
import type { TextEdit } from '../edits';
import type { Finding, Interchange, ParsedDocumentWithIndex } from '../model';
import { isIsaProblem, readIsaHeader } from '../x12/isa';
import { contains, isBlanks, isDigits, lastSegmentIn, valueOf } from './fixText';
import { isValidDate, isValidTime } from './validate';

/** Widths of ISA01..ISA16 (the header is 106 characters with its terminator). */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
type IsaKind = 'AN' | 'ID' | 'DT' | 'TM' | 'N0';
/** How each ISA field is fitted: AN padded with spaces, ID only trimmed, N0 zero-filled, DT/TM one leading zero at most. ISA11 is a separator in 5010 (taken as ID: never padded). */
const ISA_KINDS: readonly IsaKind[] = ['ID', 'AN', 'ID', 'AN', 'ID', 'AN', 'ID', 'AN', 'DT', 'TM', 'ID', 'ID', 'N0', 'ID', 'ID', 'ID'];

/** The value of ISA field `k` (1-based) fitted to its width, or null when the fitted value is not certain. */
export function fitIsaField(k: number, value: string): string | null {
  const width = ISA_WIDTHS[k - 1]!;
  const kind = ISA_KINDS[k - 1]!;
  if (kind === 'N0') {
    let digits = value.trim();
    if (!isDigits(digits)) return null;
    while (digits.length > width && digits.charCodeAt(0) === 48) digits = digits.slice(1);
    return digits.length > width ? null : digits.padStart(width, '0');
  }
  let fitted = value;
  if (fitted.length > width) {
    if (!isBlanks(fitted.slice(width))) return null;
    fitted = fitted.slice(0, width);
  }
  if (fitted.length === width) return fitted;
  switch (kind) {
    case 'AN':
      return fitted.padEnd(width, ' ');
    case 'DT':
    case 'TM': {
      // One digit short: the leading zero of the year or hour left out (40315, 930).
      if (fitted.length !== width - 1 || !isDigits(fitted)) return null;
      const padded = `0${fitted}`;
      return (kind === 'DT' ? isValidDate(padded) : isValidTime(padded)) ? padded : null;
    }
    default:
      return null;
  }
}

export interface InterchangeFix {
  edits: TextEdit[];
  /** ISA element positions (1..16) whose value changes. */
  changed: Set<number>;
  isaSegment: number;
  /** ISA13 as it will be. */
  isa13: string;
  /** The IEA's segment, its IEA02 as written and as it will be. */
  iea: { segment: number; before: string; after: string } | null;
}

/**
 * How many interchanges of a document write each ISA13, as written: whether a padded ISA13 would
 * repeat another interchange's. Counted once per request, on the first ISA13 that is padded (a
 * fix-all over thousands of interchanges asked every other interchange's ISA once per padding).
 */
export class ControlNumbers {
  private counts: Map<string, number> | null = null;

  constructor(
    private readonly text: string,
    private readonly doc: ParsedDocumentWithIndex,
  ) {}

  /** How many interchanges write ISA13 as `isa13`. */
  count(isa13: string): number {
    return (this.counts ??= this.countAll()).get(isa13) ?? 0;
  }

  private countAll(): Map<string, number> {
    const counts = new Map<string, number>();
    const ix = this.doc.x12;
    if (!ix) return counts;
    for (const interchange of this.doc.interchanges) {
      const s = ix.segmentAt(interchange.span.start);
      if (s < 0 || ix.segmentId(s) !== 'ISA') continue;
      const isa13 = valueOf(this.text, ix.elementSpans(s)[13]);
      counts.set(isa13, (counts.get(isa13) ?? 0) + 1);
    }
    return counts;
  }
}

/**
 * The ISA of an interchange fitted to its fixed widths (and IEA02 to ISA13), or null when that is
 * not certain. `controlNumbers`: the document's, shared by the interchanges of one request.
 */
export function interchangeFix(text: string, doc: ParsedDocumentWithIndex, interchange: Interchange, controlNumbers: ControlNumbers): InterchangeFix | null {
  const ix = doc.x12;
  if (!ix) return null;
  const s = ix.segmentAt(interchange.span.start);
  if (s < 0 || ix.segmentId(s) !== 'ISA') return null;
  const segment = ix.segmentSpan(s);
  const spans = ix.elementSpans(s);
  if (spans.length !== 17) return null;
  const header = readIsaHeader(text, segment.start);
  if (isIsaProblem(header) || header.terminatorOffset !== segment.end) return null;
  const values = spans.slice(1).map((span) => valueOf(text, span));
  const fitted: string[] = [];
  const changed = new Set<number>();
  for (let k = 1; k <= 16; k++) {
    const value = fitIsaField(k, values[k - 1]!);
    if (value === null) return null;
    fitted.push(value);
    if (value !== values[k - 1]) changed.add(k);
  }
  const { delimiters } = interchange;
  const rewritten = `ISA${delimiters.element}${fitted.join(delimiters.element)}`;
  // The delimiters come from the ISA: the fitted header must say the same ones, and be fixed width.
  const check = readIsaHeader(`${rewritten}${delimiters.segment}`, 0);
  if (isIsaProblem(check) || !check.fixedWidth) return null;
  const d = check.delimiters;
  if (d.element !== delimiters.element || d.component !== delimiters.component || d.repetition !== delimiters.repetition || d.segment !== delimiters.segment) return null;
  const isa13 = fitted[12]!;
  // Another interchange of the file already numbered so: the file would repeat ISA13. (This one
  // writes it otherwise, or it would not change: each interchange counted under it is another.)
  if (changed.has(13) && controlNumbers.count(isa13) > 0) return null;
  // One edit per field that changes: the separators stay where they are in the text.
  const edits: TextEdit[] = [...changed].map((k) => ({ span: spans[k]!, newText: fitted[k - 1]! }));
  let iea: InterchangeFix['iea'] = null;
  const last = lastSegmentIn(ix, interchange.span);
  if (last > s && ix.segmentId(last) === 'IEA') {
    const ieaSpan = ix.elementSpans(last)[2];
    const before = valueOf(text, ieaSpan);
    let after = before;
    // IEA02 is ISA13 again: the same number written another way is written as ISA13 is.
    const digits = before.trim();
    if (ieaSpan && isDigits(digits) && stripZeros(digits) === stripZeros(isa13) && before !== isa13) {
      after = isa13;
      edits.push({ span: ieaSpan, newText: isa13 });
    }
    iea = { segment: last, before, after };
  }
  if (edits.length === 0) return null;
  return { edits, changed, isaSegment: s, isa13, iea };
}

function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

export function interchangeTitle(fix: InterchangeFix): string {
  const iea = fix.iea !== null && fix.iea.after !== fix.iea.before;
  const after = fix.iea?.after ?? '';
  if (fix.changed.size === 0) return `Write IEA02 as ISA13 writes it (${isControlNumber(after) ? after : shownControlNumber(after)})`;
  return `Pad the ISA fields to their fixed widths (106 characters)${iea ? ' and IEA02 to match ISA13' : ''}`;
}

/** Whether the interchange fix answers this finding (an x12.isa-width, iea02-control or guide finding on an ISA element or IEA02). */
export function answers(doc: ParsedDocumentWithIndex, fix: InterchangeFix, finding: Finding): boolean {
  const ix = doc.x12!;
  if (finding.rule === 'x12.isa-width') return fix.changed.size > 0;
  const s = ix.segmentAt(finding.span.start);
  // The reader compares IEA02 and ISA13 trimmed; a fitted ISA13 has no blanks.
  if (finding.rule === 'x12.iea02-control') return fix.iea !== null && s === fix.iea.segment && fix.iea.after.trim() === fix.isa13;
  if (s === fix.isaSegment) {
    const spans = ix.elementSpans(s);
    for (let k = 1; k <= 16; k++) {
      const span = spans[k]!;
      if (span.start <= finding.span.start && finding.span.start <= span.end) return fix.changed.has(k);
    }
    return false;
  }
  return fix.iea !== null && s === fix.iea.segment && fix.iea.after !== fix.iea.before && finding.span.start >= ix.elementSpans(s)[2]!.start;
}

export function interchangeOf(doc: ParsedDocumentWithIndex, finding: Finding): Interchange | null {
  return doc.interchanges.find((c) => contains(c.span, finding.span.start)) ?? null;
}
