// The element and segment definitions of the guide data, linked once and shared by every guide
// that uses them: an element's spec (usage, type, lengths, valid codes as one shared set), a
// segment's syntax notes, qualifier and element specs, made on first use (a guide has hundreds of
// segment definitions and a file uses a few dozen). The guides themselves are linked in load.ts.
import { DATA } from './guideData';
import type { CompositeSpec, ElementSpec, PositionSpec, Exclusion, Qualifier, SegmentSpec, SyntaxNote, LoopSpec } from './schema';
import { packedCodesOf } from './packedCodes';
import { GUIDE_PATTERNS } from './patterns';

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

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

export function segmentDefinition(index: number): SegmentDefinition {
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
export class LinkedSegment implements SegmentSpec {
  readonly kind = 'segment' as const;
  readonly syntax: readonly SyntaxNote[];
  readonly qualifier: Qualifier | null;
  /** Set when the guide is linked (load.ts markExcluded). */
  excludes: Exclusion | null = null;
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
