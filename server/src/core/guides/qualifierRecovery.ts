// A segment the walk cannot place because its qualifier (HL03, NM101, BHT01, ...) holds a value
// that no segment of its id in the guide takes: a wrong code, not a segment out of place. Left
// unplaced, it took every segment after it with it ("HL*2*1*21*0" made the subscriber, the
// claim and its lines all "not expected here", thirteen findings), where a clearinghouse's 999
// reports the one bad code. It is placed as the segment of its id the walk reaches with the fewest
// findings on the way (then the deepest: a child loop before a new iteration of its parent), as
// if its qualifier held that segment's first code; its elements are then checked as written, so
// the qualifier is reported as a code not in its list, and the rest of the set is read in place.
// A place where it would be one too many, or not used, is none; a value that does not read as a
// code (a component separator other than ISA16 inside it, an id) is not recovered.
// A qualifier some segment of its id does take is a segment out of place: not placed here.
import { elementAt, loopsOf, type ValueAt } from './lookups';
import type { GuideSchema, LoopSpec, SegmentSpec } from './schema';
import { checkElements, type ElementContext } from './elementChecks';
import { shownCodeFor } from './shown';
import { capitalized } from '../text';
import { listWithOr } from '../wordLists';
import { GuideWalker } from './walker';

/** What a code reads as: letters and digits (an empty qualifier is a missing element, said so). */
const CODE_SHAPE = /^[A-Za-z0-9]*$/;

/** The guide's segments of an id that a qualifier tells apart, by guide and id (made on first use). */
const QUALIFIED = new WeakMap<GuideSchema, Map<string, readonly SegmentSpec[]>>();

function qualifiedSegments(guide: GuideSchema, id: string): readonly SegmentSpec[] {
  let byId = QUALIFIED.get(guide);
  if (!byId) QUALIFIED.set(guide, (byId = new Map()));
  let list = byId.get(id);
  if (!list) {
    const out: SegmentSpec[] = [];
    for (const loop of loopsOf(guide)) {
      for (const child of loop.children) if (child.kind === 'segment' && child.id === id && child.qualifier !== null && child.usage !== 'N') out.push(child);
    }
    byId.set(id, (list = out));
  }
  return list;
}

/** A segment placed by its qualifier: the guide's segment, the code taken for the written one, and every code the place takes. */
export interface Recovered {
  segment: SegmentSpec;
  code: string;
  codes: readonly string[];
}

/**
 * Places segment `id` (its values `valueAt`; `code`: the walker's code of the id), which the walk
 * could not place, when its qualifier holds a value no segment of its id takes (see above): steps
 * `walker` to the segment chosen and returns it, or returns null and leaves the walker as it was.
 */
export function placeByQualifier(walker: GuideWalker, id: string, valueAt: ValueAt, code: number): Recovered | null {
  const candidates = qualifiedSegments(walker.guide, id);
  if (candidates.length === 0) return null;
  for (const c of candidates) {
    const q = c.qualifier!;
    if (q.codeSet.has(valueAt(q.position, q.component))) return null;
  }
  // Only a value that reads as a code of the element: letters and digits within its length.
  // `HI*BK>7215` under ISA16 ':' (another component separator) or an id in HL03 is no wrong code
  // but a segment that is not read as written: it stays unplaced, as before.
  const first = candidates[0]!;
  const q = first.qualifier!;
  const spec = elementAt(first, q.position, q.component);
  const value = valueAt(q.position, q.component);
  if (spec === null || spec.kind !== 'element' || value.length > spec.maxLength || !CODE_SHAPE.test(value)) return null;
  const state = walker.snapshot();
  let best: { as: ValueAt; code: string } | null = null;
  let bestEvents = Infinity;
  let bestDepth = -1;
  /** Every code a segment the walk could place here takes, by the loop it would be placed in. */
  const codesByLoop = new Map<LoopSpec, Set<string>>();
  for (const c of candidates) {
    const cq = c.qualifier!;
    const taken = cq.codes[0];
    if (taken === undefined) continue;
    const as: ValueAt = (position, component) => (position === cq.position && component === cq.component ? taken : valueAt(position, component));
    const trial = GuideWalker.restore(walker.guide, state, { plans: false });
    if (trial.step(id, as, undefined, code, false) !== c) continue;
    // A place it would be one too many at (DTP*304 in an 837I line, whose one DTP is 472) is no
    // place for it: only required segments skipped on the way may be said.
    if (trial.events.some((e) => e.kind !== 'segment-missing' && e.kind !== 'loop-missing')) continue;
    let codes = codesByLoop.get(c.loop);
    if (!codes) codesByLoop.set(c.loop, (codes = new Set()));
    for (const one of cq.codes) codes.add(one);
    const events = trial.events.length;
    const depth = trial.loopPath().length;
    if (events < bestEvents || (events === bestEvents && depth > bestDepth)) {
      best = { as, code: taken };
      bestEvents = events;
      bestDepth = depth;
    }
  }
  if (best === null) return null;
  const segment = walker.step(id, best.as, undefined, code, false);
  if (segment === null) return null;
  return { segment, code: best.code, codes: [...(codesByLoop.get(segment.loop) ?? [best.code])].sort() };
}

/**
 * The element checks of a segment placed by its qualifier (`values` as written): its qualifier is
 * "not a valid code" naming every code the place takes (AMT01 in a 2320 loop: A8, D or EAF, not
 * the one segment's A8), and its other elements are checked as the placed segment's.
 */
export function checkRecovered(ctx: ElementContext, recovered: Recovered, values: readonly string[], index: number): void {
  const { segment, codes } = recovered;
  const q = segment.qualifier!;
  const spec = elementAt(segment, q.position, q.component);
  const written = values[q.position - 1] ?? '';
  const parts = q.component === 0 ? [written] : written.split(ctx.component);
  const value = parts[q.component === 0 ? 0 : q.component - 1] ?? '';
  parts[q.component === 0 ? 0 : q.component - 1] = recovered.code;
  const as = values.slice();
  as[q.position - 1] = parts.join(ctx.component);
  if (spec !== null && spec.kind === 'element') {
    const shown = capitalized(shownCodeFor(spec, value));
    ctx.add(index, 'guide.code-invalid', 'error', `${shown} is not a valid code for ${spec.ref} (${spec.name}) here: it takes ${listWithOr(codes)}.`, q.position, q.component, spec.ref, segment.loop.id);
  }
  checkElements(ctx, segment, as, index);
}
