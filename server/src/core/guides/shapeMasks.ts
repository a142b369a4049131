// Which elements of a segment the shape memo (shapeMemo.ts) must take character for character,
// per guide, segment id and qualifier value. An element whose every check (fastCheck.ts
// elementsClean) is decided by its shape, its length and the kind of each character (digit,
// capital, small letter, or the character itself for anything else), may differ from an earlier
// segment's in its letters and digits: free text, ids, names and amounts (AN, N0, N2, R without
// codes or a pattern). Anything else is exact: codes (a list decides), patterns, dates and times
// and their format qualifiers (validity decides), and every qualifier the walker reads to place
// the segment (its plan depends on the value).
//
// The mask is the union over the segments of the guide the segment may be placed at, whatever
// loop the walk ends in: those with its id whose qualifier takes its qualifier value, and those
// with no qualifier. (REF02 is a code in a few REFs, free text in the REF*6R and REF*D9 of every
// claim.) Where the id's qualifiers are not all one simple element of codes that pack, the union
// over every segment with the id.
import { packCode } from './packedCodes';
import type { ElementSpec, GuideSchema, LoopSpec, PositionSpec, SegmentSpec } from './schema';
import { idCodeOf } from './transitions';

/** Positions past this one are always exact (a mask's bits 1..MAX_SHAPED hold positions 1..MAX_SHAPED). */
export const MAX_SHAPED = 30;

/** The masks of one id in a guide. */
export interface IdMasks {
  /** The position of the qualifier every qualified segment with the id reads (a simple element), or 0: take `base`. */
  qualifier: number;
  /** The mask for a qualifier value no segment's codes have (or any value, when `qualifier` is 0). */
  base: number;
  /** Per qualifier value (packed, packedCodes.ts): the mask. */
  byValue: ReadonlyMap<number, number>;
}

/** Per guide: per id code (idCodeOf), its masks. */
const masks = new WeakMap<GuideSchema, Map<number, IdMasks>>();

/** The masks of every id of `guide`, by id code (an id the guide does not have is absent). */
export function shapeMasksOf(guide: GuideSchema): ReadonlyMap<number, IdMasks> {
  let byCode = masks.get(guide);
  if (byCode === undefined) {
    const specs = new Map<number, SegmentSpec[]>();
    collect(guide.root, specs);
    byCode = new Map();
    for (const [code, list] of specs) byCode.set(code, idMasks(list));
    masks.set(guide, byCode);
  }
  return byCode;
}

/** The mask for the segment's qualifier value: `value` is the element at `qualifier`, packed (-1: empty or none that packs). */
export function maskFor(id: IdMasks, value: number): number {
  return value < 0 ? id.base : (id.byValue.get(value) ?? id.base);
}

function collect(loop: LoopSpec, specs: Map<number, SegmentSpec[]>): void {
  for (const child of loop.children) {
    if (child.kind === 'loop') collect(child, specs);
    else {
      const code = idCodeOf(child.id);
      const list = specs.get(code);
      if (list === undefined) specs.set(code, [child]);
      else list.push(child);
    }
  }
}

function idMasks(specs: readonly SegmentSpec[]): IdMasks {
  let qualifiers = 0;
  let union = 0;
  let unqualified = 0;
  let position = 0;
  let shared = true;
  for (const spec of specs) {
    const own = unshaped(spec);
    union |= own;
    const q = spec.qualifier;
    if (q === null) {
      unqualified |= own;
      continue;
    }
    qualifiers |= bit(q.position);
    if (q.component !== 0 || (position !== 0 && position !== q.position)) shared = false;
    position = q.position;
  }
  if (!shared || position === 0) return { qualifier: 0, base: qualifiers | union, byValue: new Map() };
  const base = qualifiers | unqualified;
  const byValue = new Map<number, number>();
  for (const spec of specs) {
    if (spec.qualifier === null) continue;
    for (const code of spec.qualifier.codeSet) {
      const n = packCode(code, 0, code.length);
      // A code that does not pack could not be told from another value: every segment's mask then.
      if (n < 0) return { qualifier: 0, base: qualifiers | union, byValue: new Map() };
      byValue.set(n, (byValue.get(n) ?? base) | unshaped(spec));
    }
  }
  return { qualifier: position, base, byValue };
}

/** The mask bits of a segment's positions whose checks its shape does not decide. */
function unshaped(spec: SegmentSpec): number {
  let mask = 0;
  spec.elements.forEach((position, p) => {
    if (!shaped(position)) mask |= bit(p + 1);
  });
  return mask;
}

/** The mask bit of a position (0 past MAX_SHAPED: those are exact whatever the mask says). */
function bit(position: number): number {
  return position >= 1 && position <= MAX_SHAPED ? 1 << position : 0;
}

/** Is every check the clean check makes of this element or composite decided by its shape? */
export function shaped(position: PositionSpec): boolean {
  if (position.kind === 'element') return shapedElement(position);
  return !position.hasDateFormat && position.components.every(shapedElement);
}

function shapedElement(e: ElementSpec): boolean {
  if (e.type !== 'AN' && e.type !== 'N0' && e.type !== 'N2' && e.type !== 'R') return false;
  return e.validCodes === null && e.packedCodes === null && e.regex === null && e.dataElement !== '1250' && e.dataElement !== '1251';
}
