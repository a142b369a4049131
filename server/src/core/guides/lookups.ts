// Lookups in a linked guide (load.ts links them): its loops in order, a loop by path, the segment
// a segment id and its qualifier name in a loop, the element at a position, what a hover shows of
// an element, whether a value is one of its codes. Apart from load.ts because they read the linked
// trees only, for hovers, completion and the walker, not the data the trees are linked from.
import type { ElementSpec, GuideSchema, LoopSpec, PositionSpec, SegmentSpec } from './schema';

/** Reads an element value: 1-based element position, component (0 = the whole simple element, 1.. = a component). */
export type ValueAt = (position: number, component: number) => string;

/** The loops of a guide in document order (depth first), the root excluded. */
export function* loopsOf(guide: GuideSchema): Generator<LoopSpec> {
  const stack: LoopSpec[] = [guide.root];
  while (stack.length > 0) {
    const loop = stack.pop()!;
    if (loop !== guide.root) yield loop;
    for (let i = loop.children.length - 1; i >= 0; i--) {
      const child = loop.children[i];
      if (child.kind === 'loop') stack.push(child);
    }
  }
}

/**
 * A loop by its path ('2000B/2300' or ['ISA_LOOP', ..., '2300']; wrappers, envelope loops and
 * any ancestors may be left out) or by its id alone. When several loops fit ('2300' sits under
 * 2000B and under 2000C), the shallowest wins, then the first in document order.
 */
export function findLoop(guide: GuideSchema, path: string | readonly string[]): LoopSpec | null {
  const wanted = (typeof path === 'string' ? path.split('/') : [...path]).filter((p) => p !== '');
  if (wanted.length === 0) return guide.root;
  let best: LoopSpec | null = null;
  for (const loop of loopsOf(guide)) {
    if (loop.id !== wanted[wanted.length - 1]) continue;
    if (best && best.path.length <= loop.path.length) continue;
    // Every wanted id must appear in the loop's path, in order.
    let i = 0;
    for (const id of loop.path) if (i < wanted.length && id === wanted[i]) i++;
    if (i === wanted.length) best = loop;
  }
  return best;
}

/** Does segment `id` with these values match this segment of the guide (pyx12's segment_if.is_match)? */
export function segmentMatches(spec: SegmentSpec, id: string, valueAt: ValueAt): boolean {
  if (spec.id !== id) return false;
  const q = spec.qualifier;
  if (!q) return true;
  const value = valueAt(q.position, q.component);
  if (!q.codeSet.has(value)) return false;
  // A qualifier both siblings take, with the later one's value where they differ: the later one's.
  const x = spec.excludes;
  return !x || !x.when.has(value) || !x.codeSet.has(valueAt(x.position, x.component));
}

/** The segments of a loop (directly in it) with this id, in order. */
export function segmentsIn(loop: LoopSpec, id: string): SegmentSpec[] {
  const out: SegmentSpec[] = [];
  for (const child of loop.children) if (child.kind === 'segment' && child.id === id) out.push(child);
  return out;
}

/**
 * The segment of a loop this segment is: the one whose qualifier its values match; without
 * values (or when none matches), the first of that id.
 */
export function segmentFor(loop: LoopSpec, id: string, valueAt?: ValueAt): SegmentSpec | null {
  const candidates = segmentsIn(loop, id);
  if (valueAt) for (const c of candidates) if (segmentMatches(c, id, valueAt)) return c;
  return candidates[0] ?? null;
}

/** The element or composite at a position (1-based), or, with a component, that component. */
export function elementAt(segment: SegmentSpec, position: number, component = 0): PositionSpec | null {
  const spec = segment.elements[position - 1];
  if (!spec) return null;
  if (component === 0) return spec;
  if (spec.kind === 'element') return component === 1 ? spec : null;
  return spec.components[component - 1] ?? null;
}

/** What a hover shows about an element. */
export interface ElementInfo {
  ref: string;
  name: string;
  usage: ElementSpec['usage'];
  /** Simple elements: the type and lengths; a composite: its components. */
  type: ElementSpec['type'] | 'composite';
  minLength: number | null;
  maxLength: number | null;
  dataElement: string;
  /** Valid codes (the guide's list, else the external set's codes when shipped), or null for any value. */
  codes: readonly string[] | null;
  /** The external code set's name, when the guide names one. */
  externalCodes: string | null;
  components: readonly ElementInfo[];
  /** Segment and loop it was found in. */
  segment: string;
  loop: string;
}

function info(spec: PositionSpec, segment: SegmentSpec): ElementInfo {
  const loop = segment.loop.id;
  if (spec.kind === 'composite') {
    return {
      ref: spec.ref,
      name: spec.name,
      usage: spec.usage,
      type: 'composite',
      minLength: null,
      maxLength: null,
      dataElement: spec.dataElement,
      codes: null,
      externalCodes: null,
      components: spec.components.map((c) => info(c, segment)),
      segment: segment.name,
      loop,
    };
  }
  return {
    ref: spec.ref,
    name: spec.name,
    usage: spec.usage,
    type: spec.type,
    minLength: spec.minLength,
    maxLength: spec.maxLength,
    dataElement: spec.dataElement,
    codes: spec.codes ?? spec.externalCodeList,
    externalCodes: spec.externalCodes,
    components: [],
    segment: segment.name,
    loop,
  };
}

/**
 * Hover lookup: the element at `position` (and `component`) of segment `segmentId` in a loop
 * (path or id, as findLoop takes), the segment chosen by its qualifier when values are given.
 */
export function lookupElement(
  guide: GuideSchema,
  loop: string | readonly string[],
  segmentId: string,
  position: number,
  component = 0,
  valueAt?: ValueAt,
): ElementInfo | null {
  const found = findLoop(guide, loop);
  if (!found) return null;
  const segment = segmentFor(found, segmentId, valueAt);
  if (!segment) return null;
  const spec = elementAt(segment, position, component);
  return spec ? info(spec, segment) : null;
}

/** Is `value` one of the element's valid codes? True when the element has no list (or names an external set pyx12 does not ship). */
export function isValidCode(spec: ElementSpec, value: string): boolean {
  return spec.validCodes === null || spec.validCodes.has(value);
}
