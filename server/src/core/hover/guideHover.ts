// The implementation guide's word on an X12 element under the cursor: its name in the guide,
// usage, type, lengths and, for a code element, its valid codes, in the loop the segment sits in.
// Looked up on demand (guides/placement.ts walks the transaction set once per analysis).
import { capitalized } from '../text';
import { elementAt } from '../guides/lookups';
import { loopTitle, placementOf } from '../guides/placement';
import { shownSegmentId } from '../guides/shown';
import type { DataType, ElementSpec, PositionSpec, Usage } from '../guides/schema';
import type { ParsedDocumentWithIndex, X12Position } from '../model';

/** Valid codes listed in a hover; the rest are counted. */
export const LISTED_GUIDE_CODES = 15;

const USAGE: Readonly<Record<Usage, string>> = { R: 'required', S: 'situational', N: 'not used' };

const TYPES: Readonly<Record<DataType, string>> = {
  AN: 'string (AN)',
  ID: 'code (ID)',
  DT: 'date (DT)',
  TM: 'time (TM)',
  N0: 'whole number (N0)',
  N2: 'number with two implied decimals (N2)',
  R: 'decimal number (R)',
};

function lengths(spec: ElementSpec): string {
  const unit = spec.maxLength === 1 ? 'character' : 'characters';
  return spec.minLength === spec.maxLength ? `${spec.minLength} ${unit}` : `${spec.minLength}-${spec.maxLength} ${unit}`;
}

/** The valid codes of an element (its list, else the external set's codes when shipped), or null for any value. */
export function codesOf(spec: ElementSpec): readonly string[] | null {
  return spec.codes ?? spec.externalCodeList;
}

function codeLine(spec: ElementSpec): string | null {
  const codes = codesOf(spec);
  const external = spec.externalCodes ? ` (external code set \`${spec.externalCodes}\`)` : '';
  if (!codes || codes.length === 0) return spec.externalCodes ? `Codes from the external code set \`${spec.externalCodes}\` (not shipped: any value passes).` : null;
  const shown = codes.slice(0, LISTED_GUIDE_CODES).map((c) => `\`${c}\``).join(', ');
  const more = codes.length > LISTED_GUIDE_CODES ? ` and ${codes.length - LISTED_GUIDE_CODES} more` : '';
  return `Valid codes${external}: ${shown}${more}`;
}

/**
 * What the guide says of an element, in parts the hover arranges (hover.ts): the element's title
 * as the guide names it (null when the guide has no such element), what it says of it, and where
 * in the guide it is.
 */
export interface GuideElementHover {
  /** `**CLM05-01** Place of Service Code (in CLM05 ..., required)`; null: keep the dictionary's title. */
  title: string | null;
  /** Usage, type, lengths and codes; or why the guide has no such element here. */
  lines: string[];
  /** The guide, loop and segment, in italics; null when the guide has no place for the segment. */
  where: string | null;
}

/** The guide's parts of a simple element (or component). */
function elementParts(spec: ElementSpec, composite: PositionSpec | null, where: string): GuideElementHover {
  const inside = composite && composite.kind === 'composite' ? ` (in ${composite.ref} ${composite.name}, ${USAGE[composite.usage]})` : '';
  const lines = [`${capitalized(USAGE[spec.usage])} · ${TYPES[spec.type]} · ${lengths(spec)} · data element ${spec.dataElement}`];
  const codes = codeLine(spec);
  if (codes) lines.push(codes);
  return { title: `**${spec.ref}** ${spec.name}${inside}`, lines, where };
}

/**
 * The guide's part of an element hover, or null when the segment's guide is not known (no ST03
 * or GS08 Claimlint has a map of) or the cursor is on the segment id or a delimiter.
 */
export function guideElementHover(doc: ParsedDocumentWithIndex, text: string, position: X12Position): GuideElementHover | null {
  if (position.delimiter || position.elementIndex === 0) return null;
  const placement = placementOf(doc, text, position.segmentIndex);
  if (!placement) return null;
  const guide = `${placement.guide.name} (${placement.guide.key})`;
  const segment = placement.segment;
  // The id of a line that is no segment may be claim contents: named only when shaped like an id (guides/shown.ts).
  const id = shownSegmentId(position.segmentId);
  if (!segment) return { title: null, lines: [`*Implementation guide ${guide}:* the guide has no place for ${id.startsWith("'") ? `this ${position.segmentId} segment` : id} here.`], where: null };
  const where = `*Implementation guide ${guide}, loop ${loopTitle(segment.loop)}, ${segment.id} ${segment.name}*`;
  const spec = elementAt(segment, position.elementIndex);
  if (!spec) return { title: null, lines: [`${segment.id} has ${segment.elements.length} elements in the guide: element ${position.elementIndex} is not one of them.`], where };
  if (spec.kind === 'element') return elementParts(spec, null, where);
  // A value without component separators is the composite's first component.
  const component = elementAt(segment, position.elementIndex, Math.max(position.componentIndex, 1));
  if (component && component.kind === 'element') return elementParts(component, spec, where);
  return {
    title: `**${spec.ref}** ${spec.name} · ${USAGE[spec.usage]}`,
    lines: [`${spec.ref} has ${spec.components.length} components in the guide: component ${position.componentIndex} is not one of them.`],
    where,
  };
}
