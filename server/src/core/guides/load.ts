// Links the generated guide data (guideData.ts) into GuideSchema trees, one guide at a time on
// first use, and finds the guide for a version (a transaction guide by GS08 or ST03, an envelope
// map by ISA12, what Claimlint does with a version). The element and segment definitions the
// guides share are segmentDefinitions.ts's; lookups in a linked guide lookups.ts's, codes as
// numbers packedCodes.ts's, the guides' patterns patterns.ts's.
import { DATA } from './guideData';
import { LinkedSegment, segmentDefinition } from './segmentDefinitions';
import { ADOPTED_INSTEAD, GUIDE_ALIASES, NEAREST_GUIDES, NOT_VALIDATED, NOT_VALIDATED_RULE } from './coverage';
import type { GuideSchema, LoopSpec, RawChild, RawCount, RawLoop, SegmentSpec } from './schema';

function count(raw: RawCount): number {
  return raw === '>1' ? Infinity : raw;
}

// ---- guides

/** Segments and loops linked so far (SegmentSpec.uid, LoopSpec.uid). */
let segmentCount = 0;
let loopCount = 0;

function linkLoop(raw: { id: string; n: string; u: LoopSpec['usage']; p: number; r: RawCount; w?: 1; c: RawChild[] }, parent: LoopSpec | null, index: number, firstAtPosition: number): LoopSpec {
  const loop: LoopSpec = {
    kind: 'loop',
    id: raw.id,
    name: raw.n,
    usage: raw.u,
    position: raw.p,
    maxRepeat: count(raw.r),
    wrapper: raw.w === 1,
    children: [],
    parent,
    index,
    firstAtPosition,
    path: parent ? (raw.id ? [...parent.path, raw.id] : parent.path) : [],
    trigger: [],
    lastIndexOf: new Map(),
    required: [],
    uid: loopCount++,
  };
  const children: (LoopSpec | SegmentSpec)[] = [];
  let groupStart = 0;
  let groupPosition = NaN;
  raw.c.forEach((child, index) => {
    const position = typeof child === 'number' ? DATA.segments[child].p : child.p;
    if (position !== groupPosition) {
      groupStart = index;
      groupPosition = position;
    }
    if (typeof child === 'number') {
      const seg = DATA.segments[child];
      const def = segmentDefinition(child);
      children.push(new LinkedSegment(seg.id, seg.n, seg.u, seg.p, count(seg.m), def, loop, index, groupStart, segmentCount++));
    } else {
      children.push(linkLoop(child as RawLoop, loop, index, groupStart));
    }
  });
  loop.children = children;
  markExcluded(children);
  loop.trigger = triggerOf(loop);
  const lastIndexOf = new Map<string, number>();
  children.forEach((child, i) => {
    if (child.kind === 'segment') lastIndexOf.set(child.id, i);
    else for (const t of child.trigger) lastIndexOf.set(t.id, i);
  });
  loop.lastIndexOf = lastIndexOf;
  loop.required = children.flatMap((child, i) => (child.usage === 'R' || (child.kind === 'loop' && child.children[0]?.kind === 'loop') ? [i] : []));
  return loop;
}

/**
 * Two segments of a loop with one id whose qualifiers share a code (the 837P's 2400 PWK: line
 * supplemental information and the medical equipment certificate's indicator, both PWK01 CT) are
 * told apart by the first later element both list codes for, with no code in common (PWK02: AA,
 * BM, EL... against AB, AD, AF...): with a shared qualifier code, the earlier does not match the
 * later's codes there, so the walk finds the later (SegmentSpec.excludes); with a code of its own
 * (PWK*OZ*AD) it is still the earlier, whose PWK02 is then a bad code. Without such an element the earlier takes both, as
 * pyx12 places them.
 */
function markExcluded(children: readonly (LoopSpec | SegmentSpec)[]): void {
  const segments = children.filter((child): child is LinkedSegment => child instanceof LinkedSegment && child.qualifier !== null);
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const [a, b] = [segments[i]!, segments[j]!];
      const qa = a.qualifier!;
      const qb = b.qualifier!;
      if (a.id !== b.id || qa.position !== qb.position || qa.component !== qb.component || !qa.codes.some((code) => qb.codeSet.has(code))) continue;
      const positions = Math.min(a.elements.length, b.elements.length);
      for (let p = qa.position + 1; p <= positions; p++) {
        const ea = a.elements[p - 1]!;
        const eb = b.elements[p - 1]!;
        if (ea.kind !== 'element' || eb.kind !== 'element' || !ea.codes || !eb.codes || ea.codes.some((code) => eb.codes!.includes(code))) continue;
        a.excludes = { position: p, component: 0, codes: eb.codes, codeSet: new Set(eb.codes), ref: eb.ref, when: new Set(qa.codes.filter((code) => qb.codeSet.has(code))) };
        break;
      }
    }
  }
}

function triggerOf(loop: LoopSpec): SegmentSpec[] {
  const first = loop.children[0];
  if (!first) return [];
  if (first.kind === 'segment') return [first];
  // pyx12's _is_loop_match: a loop that starts with a loop matches when any child loop does.
  const out: SegmentSpec[] = [];
  for (const child of loop.children) if (child.kind === 'loop') out.push(...child.trigger);
  return out;
}

const linked = new Map<string, GuideSchema>();

function linkGuide(key: string): GuideSchema | null {
  let guide = linked.get(key);
  if (guide) return guide;
  const raw = DATA.guides[key];
  if (!raw) return null;
  const root = linkLoop({ id: '', n: raw.name, u: 'R', p: 0, r: 1, c: raw.c }, null, 0, 0);
  guide = { key, name: raw.name, map: raw.map, kind: raw.kind, isa12: raw.isa12, root };
  linked.set(key, guide);
  return guide;
}

/** Every segment id the guides and envelope maps have, once each. */
export function mappedSegmentIds(): string[] {
  return [...new Set(DATA.segments.map((s) => s.id))];
}

/** The keys of the transaction guides the data holds ('005010X222A1', ...). */
export function guideKeys(): string[] {
  return Object.keys(DATA.guides).filter((k) => DATA.guides[k].kind === 'transaction');
}

/**
 * The guide for an implementation convention reference (GS08 / ST03), e.g. '005010X222A1', or
 * null. A version one map covers exactly (005010X223A1, served by the X223A2 map) gets that map.
 */
export function guideFor(implementation: string): GuideSchema | null {
  const key = GUIDE_ALIASES[implementation] ?? implementation;
  const raw = DATA.guides[key];
  if (!raw || raw.kind !== 'transaction') return null;
  return linkGuide(key);
}

/** The envelope (ISA/GS/GE/IEA) map for an ISA12 version ('00501', '00401'), or null. */
export function envelopeFor(isa12: string): GuideSchema | null {
  for (const key of Object.keys(DATA.guides)) {
    const raw = DATA.guides[key];
    if (raw.kind === 'envelope' && raw.isa12.includes(isa12)) return linkGuide(key);
  }
  return null;
}

export type GuideCoverage =
  | { status: 'validated'; guide: GuideSchema }
  | { status: 'nearest'; guide: GuideSchema; message: string }
  | { status: 'not-adopted'; guide: GuideSchema }
  | { status: 'not-validated'; rule: typeof NOT_VALIDATED_RULE; message: string }
  | { status: 'unknown'; message: string };

/** What Claimlint does with a version: validate it, validate it with the nearest map, or say it does not. */
export function guideCoverage(implementation: string): GuideCoverage {
  const exact = guideFor(implementation);
  if (exact) return { status: 'validated', guide: exact };
  const nearestKey = NEAREST_GUIDES[implementation];
  const nearest = nearestKey ? guideFor(nearestKey) : null;
  if (nearest) {
    return { status: 'nearest', guide: nearest, message: `${implementation} is checked against the ${nearest.key} implementation guide (its nearest earlier version); its later changes are not checked.` };
  }
  const adopted = ADOPTED_INSTEAD[implementation];
  const adoptedGuide = adopted ? guideFor(adopted) : null;
  if (adoptedGuide) return { status: 'not-adopted', guide: adoptedGuide };
  const name = NOT_VALIDATED[implementation];
  if (name) {
    return { status: 'not-validated', rule: NOT_VALIDATED_RULE, message: `${name} (${implementation}) is not validated against its implementation guide: Claimlint has no map of it. The envelope, counts and coding checks still run.` };
  }
  return { status: 'unknown', message: `No implementation guide for version ${JSON.stringify(implementation)}.` };
}

