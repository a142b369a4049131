// The findings of the guide checks: the rules, the shape of a finding, and what the walker's
// events and a segment it has no place for say. Apart from validate.ts because it is about the
// words, not the walk: the validator calls it only when something was found, and records what it
// says through its own `add` (which bounds the repeats).
//
// Rules follow pyx12 (the reference the issue compares with) unless noted:
//   guide.segment-unexpected   segment where the guide has none (pyx12 seg 1)
//   guide.segment-missing      required segment not seen (seg 3)
//   guide.loop-missing         required loop not seen (seg 3)
//   guide.segment-max-use      segment repeated beyond its max use (seg 5)
//   guide.loop-max-repeat      loop repeated beyond its repeat (seg 4)
//   guide.segment-not-used     segment the guide marks not used (seg 2)
//   guide.loop-not-used        loop the guide marks not used (seg 2)
//   guide.too-many-elements    more elements than the segment has (ele 3)
//   guide.too-many-components  more components than the composite has (ele 3)
//   guide.element-missing      required element or composite empty (ele 1, 2)
//   guide.element-not-used     element or composite the guide marks not used (ele 10, 5)
//   guide.element-length       shorter or longer than the data element allows (ele 4, 5)
//   guide.element-type         not a number, date or time as its type says; a component separator in a simple element (ele 6, 8, 9)
//   guide.character-set        characters outside the X12 extended character set (ele 6)
//   guide.element-trailing-spaces  an AN/ID value padded with spaces (ele 6)
//   guide.code-invalid         value not in the element's code list (ele 7)
//   guide.element-format       value does not match the guide's pattern, e.g. a 9-digit SSN (ele 7)
//   guide.syntax               syntax note broken: P paired, R required, C conditional, E exclusive, L list (ele 2, 10)
//   guide.trailing-separator   segment ends with element separators (SEG1), a composite with component separators (not in pyx12)
//   guide.segment-id-invalid   id not two or three capitals and digits (seg 1)
//   guide.segment-leading-blanks  segment starts with blanks (once per stream, with the count; seg 1)
//   guide.hl-sequence          HL01 not the next number (HL1)
//   guide.hl-parent            HL02 names no open parent level (HL2)
//   guide.hl-level             HL02 names a parent of a level its own does not hang under: a patient (23) under a billing provider (20) (not in pyx12)
//   guide.hl-child-flag        HL04 says children follow (1) or not (0) and the file says otherwise (not in pyx12)
//   guide.control-number-repeated  ISA13 in the file, GS06 in the interchange, ST02 in the group (isa 025, gs 6, st 23)
//   guide.version-mismatch     GS08 not of ISA12's version, ST03 not GS08, or service lines of another claim type than the guide's (once per set)
//   guide.not-validated        version without a map (information, once per version)
//   guide.nearest-guide        later errata checked with the nearest earlier map (information, once per version)
//
// Severity: error; a value that breaks its element's definition is an error whatever the element's
// usage (a 999 rejects it either way): warnings are left for what is advisory (trailing spaces).
import type { ElementContext, GuideSeverity } from './elementChecks';
import type { LoopSpec, SegmentSpec } from './schema';
import { shownSegment } from './shown';
import { firstSegmentOf, isMapLoop, loopPhrase, loopTitle } from './loopWords';
import type { GuideWalker, WalkEvent } from './walker';

export type { GuideSeverity };

export interface GuideFinding {
  rule: string;
  severity: GuideSeverity;
  message: string;
  /** Index of the segment in the input. */
  segment: number;
  /** The guide's element reference ('CLM05-02', 'NM103'), when about an element. */
  ref?: string;
  /** 1-based element position and component (0 = the element), when about an element. */
  position?: number;
  component?: number;
  /** The loop the segment was placed in ('2300'), when placed. */
  loop?: string;
}

/** The walker's events on the segment at `index`, recorded with `add`. */
export function reportEvents(events: readonly WalkEvent[], index: number, add: ElementContext['add']): void {
  for (const e of events) {
    switch (e.kind) {
      case 'segment-missing':
        add(index, 'guide.segment-missing', 'error', `Required segment ${describe(e.segment)} is missing before this segment.`, undefined, undefined, undefined, e.segment.loop.id);
        break;
      case 'loop-missing':
        add(index, 'guide.loop-missing', 'error', loopMissingMessage(e.loop), undefined, undefined, undefined, e.loop.id);
        break;
      case 'segment-max-use':
        add(index, 'guide.segment-max-use', 'error', `${describe(e.segment)} is used ${e.count} times in ${loopPhrase(e.segment.loop)}; the guide allows ${e.segment.maxUse}.`, undefined, undefined, undefined, e.segment.loop.id);
        break;
      case 'loop-max-repeat':
        add(index, 'guide.loop-max-repeat', 'error', `${loopTitle(e.loop)} repeats ${e.count} times; the guide allows ${e.loop.maxRepeat}.`, undefined, undefined, undefined, e.loop.id);
        break;
      case 'segment-not-used':
        add(index, 'guide.segment-not-used', 'error', `${describe(e.segment)} is marked not used in ${loopPhrase(e.segment.loop)}.`, undefined, undefined, undefined, e.segment.loop.id);
        break;
      case 'loop-not-used':
        add(index, 'guide.loop-not-used', 'error', `${loopTitle(e.loop)} is marked not used.`, undefined, undefined, undefined, e.loop.id);
        break;
    }
  }
}

/** What guide.segment-unexpected says of segment `id` (its `elements`) the walker has no place for. */
export function unexpectedMessage(walker: GuideWalker, id: string, elements: readonly string[], component: string): string {
  const shown = shownSegment(id, elements, component);
  const where = loopPhrase(walker.currentLoop());
  // The guide may have this segment here with other qualifiers (SV1 with SV101-01 HC, ER...):
  // then it is the qualifier that is wrong, which the message says (as a clearinghouse would).
  const qualifiers = walker.allowedNext().flatMap((spec) => (spec.id === id && spec.qualifier ? [spec.qualifier] : []));
  const because =
    qualifiers.length === 0
      ? ''
      : `: ${id} is allowed here only with ${qualifiers[0]!.ref} ${listed([...new Set(qualifiers.flatMap((q) => q.codes))])} (a required ${id} is then also reported missing)`;
  return `Segment ${shown} is not expected here (after ${walker.current?.id ?? 'the start'} in ${where})${because}.`;
}

/**
 * What guide.loop-missing says: "Required loop 2010AA (Billing Provider Name) is missing"; of one
 * of the maps' own loops (the header: BHT missing), the segment it begins with, which the guide names.
 */
function loopMissingMessage(loop: LoopSpec): string {
  const first = isMapLoop(loop) ? firstSegmentOf(loop) : null;
  if (first === null) return `Required loop ${loop.id} (${loop.name}) is missing before this segment.`;
  return `Required segment ${describe(first)}, which begins ${loopPhrase(loop)}, is missing before this segment.`;
}

/** Codes as a message lists them: up to six, then how many more. */
function listed(codes: readonly string[]): string {
  const shown = codes.slice(0, 6).join(', ');
  return codes.length > 6 ? `${shown} (or ${codes.length - 6} more codes)` : codes.length === 1 ? shown : `one of ${shown}`;
}

function describe(segment: SegmentSpec): string {
  const q = segment.qualifier;
  const qualifier = q && q.codes.length <= 3 ? `*${q.codes.join('/')}` : '';
  return `${segment.id}${qualifier} (${segment.name})`;
}
