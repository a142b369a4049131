// Hover text (Markdown) for what is under the cursor: a procedure code, a modifier, a date, an
// X12 segment, element or delimiter, or a CSV cell. Short and scannable; written for coders.
import type { Analysis } from '../analyze';
import type { Claim, ServiceLine, Span } from '../model';
import type { Knowledge } from '../rules/knowledge';
import { noTableNote, tableForClaim, tableForLine } from '../rules/claimTables';
import { outOfForce, type OutOfForce } from '../rules/supersession';
import { dateOrderNote } from '../csv/index';
import { headerHover } from '../csv/columnWords';
import { codeHover } from './codeHover';
import { dateHover, modifierHover } from './valueHovers';
import { x12HoverAt } from './x12Hover';

export interface HoverResult {
  markdown: string;
  span: Span;
}

export function hoverAt(analysis: Analysis, offset: number, knowledge: Knowledge): HoverResult | null {
  const { doc } = analysis;
  const located = findLine(doc.claims, offset, doc.format === 'x12');
  if (located) {
    const { line } = located;
    if (contains(line.codeSpan, offset) && line.code !== '') {
      const { kind, facilityType = null } = located.claim;
      // A practitioner's line of a CAH's Method II bill is judged by the practitioner table (claimTables.ts).
      const markdown = codeHover(line.code, line.dateOfService, knowledge, tableForLine(tableForClaim(kind, facilityType), line.professional === true), noTableNote(kind, facilityType));
      return { markdown: withForceNote(markdown, outOfForce(doc.claims, located.claim)), span: line.codeSpan };
    }
    const modifier = line.modifiers.find((m) => contains(m.span, offset));
    if (modifier) return { markdown: modifierHover(modifier.value), span: modifier.span };
  }
  if (doc.x12) {
    const position = doc.x12.locate(offset);
    return position ? x12HoverAt(doc, analysis.text, position) : null;
  }
  if (doc.csv) {
    const cell = doc.csv.locate(offset);
    if (!cell) return null;
    // A header cell: what its column is read as, or why it is not read.
    if (cell.record === 0) return { markdown: headerHover(doc.csv.headers, doc.csv.uses, cell.column), span: cell.span };
    if (cell.role === 'dateOfService') {
      const date = located?.line.dateOfService;
      if (date) return { markdown: dateHover(date) + dateOrderNote(doc.csv, cell.value), span: cell.span };
    }
    return null;
  }
  return null;
}

/** What the hover says of a line whose claim is out of force (supersession.ts): after the code's first paragraph, as it changes how the rest reads. */
const FORCE_NOTES: Readonly<Record<OutOfForce, string>> = {
  void: '_This claim is a void (frequency code 8): its lines take no part in the checks._',
  replaced: '_A later claim of this patient with the same claim id replaces this one (frequency code 7): its lines take no part in the checks._',
  voided: '_A later claim of this patient with the same claim id voids this one (frequency code 8): its lines take no part in the checks._',
};

export function withForceNote(markdown: string, out: OutOfForce | null): string {
  if (out === null) return markdown;
  const end = markdown.indexOf('\n\n');
  return end < 0 ? `${markdown}\n\n${FORCE_NOTES[out]}` : `${markdown.slice(0, end)}\n\n${FORCE_NOTES[out]}${markdown.slice(end)}`;
}

function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The service line whose span contains offset (claims and lines are in document order for X12). */
function findLine(claims: readonly Claim[], offset: number, ordered: boolean): { claim: Claim; line: ServiceLine } | null {
  let low = 0;
  let high = claims.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const claim = claims[mid]!;
    if (claim.span.end < offset) low = mid + 1;
    else if (claim.span.start > offset) high = mid - 1;
    else {
      const line = claim.lines.find((l) => contains(l.recordSpan, offset));
      if (line) return { claim, line };
      break;
    }
  }
  if (ordered) return null;
  // CSV claims group rows that need not be adjacent: fall back to a scan.
  for (const claim of claims) {
    const line = claim.lines.find((l) => contains(l.recordSpan, offset));
    if (line) return { claim, line };
  }
  return null;
}

