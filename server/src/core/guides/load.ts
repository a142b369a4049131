// Loads the generated guide data (data/guides.json, inlined by esbuild) and links it into
// GuideSchema trees, one guide at a time on first use, and finds the guide for a version (a
// transaction guide by GS08 or ST03, an envelope map by ISA12, what Claimlint does with a
// version). Lookups in a linked guide are lookups.ts's, codes as numbers packedCodes.ts's, the
// guides' patterns patterns.ts's.
import rawData from './data/guides.json';
import { GUIDE_ALIASES, NEAREST_GUIDES, NOT_VALIDATED, NOT_VALIDATED_RULE } from './coverage';
import type {
  CompositeSpec,
  ElementSpec,
  GuideData,
  GuideSchema,
  LoopSpec,
  PositionSpec,
  Qualifier,
  RawChild,
  RawCount,
  RawLoop,
  SegmentSpec,
  SyntaxNote,
} from './schema';
import { packedCodesOf } from './packedCodes';
import { GUIDE_PATTERNS } from './patterns';

const DATA = rawData as unknown as GuideData;

function count(raw: RawCount): number {
  return raw === '>1' ? Infinity : raw;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---- element and segment definitions, linked once and shared by every guide that uses them

interface SegmentDefinition {
  /** Index into GuideData.segments. */
  index: number;
  /**
   * The element specs, made on first use (a guide has hundreds of segment definitions and a file
   * uses a few dozen: made for all of them at once, their making is hot enough to be compiled).
   */
  elements: readonly PositionSpec[] | null;
  syntax: readonly SyntaxNote[];
  qualifier: Qualifier | null;
  lastRequired: number;
  hasDateFormat: boolean;
}

const definitions = new Map<number, SegmentDefinition>();

const listSets = new Map<number, ReadonlySet<string>>();
const externalSets = new Map<string, ReadonlySet<string>>();

/** The valid values of an element as one set, shared by every element with the same list and external set. */
function validCodesOf(list: number | undefined, external: string | null): ReadonlySet<string> | null {
  const externalList = external === null ? null : (DATA.externalCodeSets[external] ?? null);
  // An external set pyx12 does not ship lets any value pass, whatever the list says.
  if (external !== null && externalList === null) return null;
  if (list === undefined && externalList === null) return null;
  if (external === null) {
    let set = listSets.get(list!);
    if (!set) listSets.set(list!, (set = new Set(DATA.codeLists[list!])));
    return set;
  }
  const key = `${list ?? ''}|${external}`;
  let set = externalSets.get(key);
  if (!set) externalSets.set(key, (set = new Set([...(list === undefined ? [] : DATA.codeLists[list]), ...externalList!])));
  return set;
}

function simpleElement(index: number, ref: string, position: number, component: number): ElementSpec {
  const raw = DATA.elements[index];
  const dictionary = DATA.dataElements[raw.d];
  if (!dictionary) throw new Error(`guides.json: data element ${raw.d} of ${ref} is not in the dictionary`);
  const external = raw.x ?? null;
  const validCodes = validCodesOf(raw.c, external);
  const packedCodes = packedCodesOf(validCodes);
  const regex = raw.re === undefined ? null : (GUIDE_PATTERNS[raw.re] ?? null);
  const type = dictionary[0];
  return {
    kind: 'element',
    ref,
    position,
    component,
    name: raw.n,
    usage: raw.u,
    dataElement: raw.d,
    dataElementName: dictionary[3],
    type: dictionary[0],
    minLength: dictionary[1],
    maxLength: dictionary[2],
    codes: raw.c === undefined ? null : DATA.codeLists[raw.c],
    externalCodes: external,
    externalCodeList: external === null ? null : (DATA.externalCodeSets[external] ?? null),
    validCodes,
    packedCodes,
    // The maps' patterns as literals held to the whole value (no regex is built at run time).
    regex,
    plain:
      (type === 'AN' || type === 'ID') &&
      raw.u !== 'N' &&
      regex === null &&
      raw.d !== '1250' &&
      raw.d !== '1251' &&
      ref !== 'ISA16' &&
      (packedCodes === null || packedCodes.unpacked === 0),
  };
}

function positionSpec(index: number, segmentId: string, position: number): PositionSpec {
  const raw = DATA.elements[index];
  const ref = `${segmentId}${pad(position)}`;
  if (!raw.e) return simpleElement(index, ref, position, 0);
  const components = raw.e.map((c, i) => simpleElement(c, `${ref}-${pad(i + 1)}`, position, i + 1));
  const composite: CompositeSpec = {
    kind: 'composite',
    ref,
    position,
    name: raw.n,
    usage: raw.u,
    dataElement: raw.d,
    components,
    lastRequired: lastRequiredOf(components),
    hasDateFormat: components.some((c) => c.dataElement === '1250' || c.dataElement === '1251'),
  };
  return composite;
}

/** 1-based index of the last required element of these (0: none). */
function lastRequiredOf(elements: readonly { readonly usage: string }[]): number {
  let last = 0;
  elements.forEach((e, i) => {
    if (e.usage === 'R') last = i + 1;
  });
  return last;
}

/** 'P0809' -> { kind: 'P', positions: [8, 9] }. */
export function parseSyntaxNote(text: string): SyntaxNote {
  const kind = text[0] as SyntaxNote['kind'];
  const positions: number[] = [];
  for (let i = 1; i + 2 <= text.length; i += 2) positions.push(Number(text.slice(i, i + 2)));
  return { kind, positions, text };
}

function segmentDefinition(index: number): SegmentDefinition {
  let def = definitions.get(index);
  if (def) return def;
  const raw = DATA.segments[index];
  let qualifier: Qualifier | null = null;
  if (raw.q) {
    const [position, component, list] = raw.q;
    const ref = component === 0 ? `${raw.id}${pad(position)}` : `${raw.id}${pad(position)}-${pad(component)}`;
    qualifier = { position, component, codes: DATA.codeLists[list], codeSet: validCodesOf(list, null)!, ref };
  }
  // From the raw elements: a spec's usage and data element are its raw element's (a composite's
  // data element is its composite id, never 1250 or 1251).
  const elements = raw.e.map((e) => DATA.elements[e]);
  const lastRequired = lastRequiredOf(elements.map((e) => ({ usage: e.u })));
  const hasDateFormat = elements.some((e) => e.d === '1250' || e.d === '1251');
  def = { index, elements: null, syntax: (raw.syn ?? []).map(parseSyntaxNote), qualifier, lastRequired, hasDateFormat };
  definitions.set(index, def);
  return def;
}

/** The element specs of a segment definition, made on first use. */
function elementsOf(def: SegmentDefinition): readonly PositionSpec[] {
  if (def.elements === null) {
    const raw = DATA.segments[def.index];
    def.elements = raw.e.map((e, i) => positionSpec(e, raw.id, i + 1));
  }
  return def.elements;
}

/** A segment of a linked guide: its elements are made when first asked for (SegmentDefinition.elements). */
class LinkedSegment implements SegmentSpec {
  readonly kind = 'segment' as const;
  readonly syntax: readonly SyntaxNote[];
  readonly qualifier: Qualifier | null;
  readonly lastRequired: number;
  readonly hasDateFormat: boolean;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly usage: SegmentSpec['usage'],
    readonly position: number,
    readonly maxUse: number,
    private readonly definition: SegmentDefinition,
    readonly loop: LoopSpec,
    readonly index: number,
    readonly firstAtPosition: number,
    readonly uid: number,
  ) {
    this.syntax = definition.syntax;
    this.qualifier = definition.qualifier;
    this.lastRequired = definition.lastRequired;
    this.hasDateFormat = definition.hasDateFormat;
  }

  get elements(): readonly PositionSpec[] {
    return elementsOf(this.definition);
  }
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
  const name = NOT_VALIDATED[implementation];
  if (name) {
    return { status: 'not-validated', rule: NOT_VALIDATED_RULE, message: `${name} (${implementation}) is not validated against its implementation guide: Claimlint has no map of it. The envelope, counts and coding checks still run.` };
  }
  return { status: 'unknown', message: `No implementation guide for version ${JSON.stringify(implementation)}.` };
}

