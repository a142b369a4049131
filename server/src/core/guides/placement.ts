// Where the segments of a parsed 837 sit in their implementation guide, for hovers and
// completion: one walk of a transaction set (ST to SE) with the guide its ST03/GS08 names, made
// as far as a segment of it is asked about and kept with the parsed document (a WeakMap, so it
// goes with the analysis); a later question goes on from there. Envelope segments (ISA, GS, GE, IEA) are looked up in the envelope
// map of their ISA12 version. On demand only: nothing is walked unless a hover or completion asks.
import type { ParsedDocumentWithIndex, TransactionSet, X12Index } from '../model';
import { envelopeFor, guideCoverage } from './load';
import { findLoop, segmentFor, type ValueAt } from './lookups';
import type { GuideSchema, LoopSpec, SegmentSpec } from './schema';
import { segmentIdCode, X12SegmentIndex } from '../x12/segment-index';
import { SegmentValues } from './segmentValues';
import { allowedNextIn } from './nextSegments';
import { GuideWalker, type WalkerState } from './walker';
import { interchangeAt } from '../x12Loops';

export interface Placement {
  /** The guide's segment this segment is, or null when the guide has no place for it there. */
  segment: SegmentSpec | null;
  /** The guide (transaction or envelope) the segment was placed with. */
  guide: GuideSchema;
}

/**
 * The walk of one transaction set, made as far as a hover or completion has asked and kept: a
 * later question goes on from where it stopped (a set of 5,000 claims is walked once, in parts).
 */
interface TransactionWalk {
  guide: GuideSchema;
  /** The set's first segment (ST). */
  first: number;
  /** Where the set ends (its span's end). */
  end: number;
  walker: GuideWalker;
  placed: (SegmentSpec | null)[];
  /** Reads the values of the segment being placed from their offsets. */
  values: SegmentValues;
  ids: Map<number, string>;
}

const walks = new WeakMap<ParsedDocumentWithIndex, Map<number, TransactionWalk | null>>();

/** A reader of segment i's values (1-based element, component 0 = the whole element). */
export function valuesOf(ix: X12Index, text: string, i: number): ValueAt {
  const spans = ix.elementSpans(i);
  const component = ix.delimitersOf(i).component;
  return (position, part) => {
    const span = spans[position];
    if (!span) return '';
    const value = text.slice(span.start, span.end);
    if (part === 0) return value;
    return value.split(component)[part - 1] ?? '';
  };
}

/** The transaction set holding offset, by binary search over the document's sets (in document order). */
export function transactionAt(doc: ParsedDocumentWithIndex, offset: number): TransactionSet | null {
  const sets = doc.transactions;
  let low = 0;
  let high = sets.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const t = sets[mid]!;
    if (t.span.end <= offset) low = mid + 1;
    else if (t.span.start > offset) high = mid - 1;
    else return t;
  }
  return null;
}

/**
 * The guide a transaction set is checked with (its exact map, or the nearest earlier one), or
 * null, as the checks choose it (envelope.ts): the one its group's GS08 names, or for a set with no
 * GS before it, the one its ST03 names. (Its ST03 may name another: that is reported, not followed.)
 */
export function guideOfTransaction(doc: ParsedDocumentWithIndex, ix: X12SegmentIndex, t: TransactionSet): GuideSchema | null {
  // Its group's GS, when that group is in the set's own interchange (a set with no GS in a later
  // interchange keeps the index of the group before it, which the checks do not follow).
  const group = doc.groups[t.groupIndex];
  const interchange = interchangeAt(doc, t.span.start);
  const gs = group && interchange && group.interchangeIndex === interchange.index && group.span.start <= t.span.start ? ix.segmentAt(group.span.start) : -1;
  if (gs >= 0 && ix.segmentId(gs) === 'GS') {
    const gs08 = ix.value(gs, 8) ?? '';
    return gs08 === '' ? null : guideOfImplementation(gs08);
  }
  return t.implementation ? guideOfImplementation(t.implementation) : null;
}

/** The guide an implementation convention reference (ST03, GS08) names: its exact map, or the nearest earlier one. */
function guideOfImplementation(implementation: string): GuideSchema | null {
  const coverage = guideCoverage(implementation);
  return coverage.status === 'validated' || coverage.status === 'nearest' ? coverage.guide : null;
}

function gsOf(guide: GuideSchema): SegmentSpec | null {
  const loop = findLoop(guide, ['ISA_LOOP', 'GS_LOOP']);
  return loop ? segmentFor(loop, 'GS') : null;
}

function walkOf(doc: ParsedDocumentWithIndex, ix: X12SegmentIndex, t: TransactionSet): TransactionWalk | null {
  let byTransaction = walks.get(doc);
  if (!byTransaction) walks.set(doc, (byTransaction = new Map()));
  if (byTransaction.has(t.index)) return byTransaction.get(t.index)!;
  const guide = guideOfTransaction(doc, ix, t);
  const first = ix.segmentAt(t.span.start);
  const walk = guide && first >= 0 ? startedWalk(guide, ix, first, t.span.end, null, new Map()) : null;
  byTransaction.set(t.index, walk);
  return walk;
}

/**
 * A walk of a set from its first segment (`at` null: the walker stands on the guide's GS), or
 * from an HL (`at`: the HL's guide segment, placed).
 */
function startedWalk(guide: GuideSchema, ix: X12SegmentIndex, first: number, end: number, at: SegmentSpec | null, ids: Map<number, string>): TransactionWalk {
  const walker = new GuideWalker(guide);
  const from = at ?? gsOf(guide);
  if (from) walker.positionAt(from);
  return { guide, first, end, walker, placed: at ? [at] : [], values: new SegmentValues(ix.delimitersOf(first).component), ids };
}

/**
 * The 2000 loop an HL opens, by its HL03 level code: a hover far past where the walk of its set
 * has got to starts a short walk at the nearest HL before it instead (the walk's placement of a
 * segment depends only on the loops it is in, which an HL of a known level sets), so that no
 * question walks a whole transaction set of thousands of claims.
 */
const HL_LEVEL_LOOPS: Readonly<Record<string, string>> = { '20': '2000A', '22': '2000B', '23': '2000C' };

/** Segments past the walked part of a set from which a question starts at an HL instead. */
const ANCHOR_AFTER = 512;
/** How far back from the segment an HL is looked for. */
const ANCHOR_WITHIN = 2048;

const HL_CODE = segmentIdCode('HL');

/** Walks started at an HL, by the HL's segment index, per set walk. */
const anchoredWalks = new WeakMap<TransactionWalk, Map<number, TransactionWalk>>();

/** The walk that answers for segment i: the set's own, or one started at the nearest HL before i when i is far past it. */
function walkFor(walk: TransactionWalk, ix: X12SegmentIndex, i: number): TransactionWalk {
  if (i - (walk.first + walk.placed.length) <= ANCHOR_AFTER) return walk;
  const anchor = anchorBefore(walk, ix, i);
  if (!anchor) return walk;
  let byHl = anchoredWalks.get(walk);
  if (!byHl) anchoredWalks.set(walk, (byHl = new Map()));
  const known = byHl.get(anchor.hl);
  if (known) return known;
  const anchored = startedWalk(walk.guide, ix, anchor.hl, walk.end, anchor.spec, walk.ids);
  byHl.set(anchor.hl, anchored);
  return anchored;
}

/** The nearest HL at or before segment i (after the set's first segment) whose level names its loop, with that loop's HL. */
function anchorBefore(walk: TransactionWalk, ix: X12SegmentIndex, i: number): { hl: number; spec: SegmentSpec } | null {
  for (let s = i; s > i - ANCHOR_WITHIN && s > walk.first; s--) {
    if (ix.idCode(s) !== HL_CODE) continue;
    const loopId = HL_LEVEL_LOOPS[ix.value(s, 3) ?? ''];
    const loop = loopId ? findLoop(walk.guide, loopId) : null;
    const spec = loop ? segmentFor(loop, 'HL') : null;
    return spec ? { hl: s, spec } : null;
  }
  return null;
}

/** Goes on with the walk up to segment i (or the set's end). */
function walkTo(walk: TransactionWalk, ix: X12SegmentIndex, i: number): void {
  for (let s = walk.first + walk.placed.length; s <= i && s < ix.segmentCount; s++) {
    if (ix.table.segmentStart[s]! >= walk.end) break;
    const values = walk.values.at(ix, s);
    walk.placed.push(walk.walker.step(idOf(walk, ix, s), values.valueAt, values.keyAt));
  }
}

/** A segment's id, kept per id code (no string made per segment). */
function idOf(walk: TransactionWalk, ix: X12SegmentIndex, s: number): string {
  const code = ix.idCode(s);
  if (code === 0) return ix.segmentId(s);
  let id = walk.ids.get(code);
  if (id === undefined) walk.ids.set(code, (id = ix.segmentId(s)));
  return id;
}

const ENVELOPE_LOOPS: Readonly<Record<string, readonly string[]>> = {
  ISA: ['ISA_LOOP'],
  IEA: ['ISA_LOOP'],
  GS: ['ISA_LOOP', 'GS_LOOP'],
  GE: ['ISA_LOOP', 'GS_LOOP'],
};

/** The ISA12 version of the interchange holding segment i ('00501'), or ''. */
function isa12Of(doc: ParsedDocumentWithIndex, text: string, i: number): string {
  const ix = doc.x12!;
  const offset = ix.segmentSpan(i).start;
  const interchange = doc.interchanges.find((c) => c.span.start <= offset && offset < c.span.end) ?? doc.interchanges[0];
  if (!interchange) return '';
  const isa = ix.segmentAt(interchange.span.start);
  return isa >= 0 ? valuesOf(ix, text, isa)(12, 0) : '';
}

/** Where segment i sits in its guide, or null when its transaction's guide is not known. */
export function placementOf(doc: ParsedDocumentWithIndex, text: string, i: number): Placement | null {
  const ix = doc.x12;
  if (!(ix instanceof X12SegmentIndex) || i < 0 || i >= ix.segmentCount) return null;
  const id = ix.segmentId(i);
  const envelopeLoops = ENVELOPE_LOOPS[id];
  if (envelopeLoops) {
    const envelope = envelopeFor(isa12Of(doc, text, i));
    if (!envelope) return null;
    const loop = findLoop(envelope, envelopeLoops);
    const segment = loop ? segmentFor(loop, id) : null;
    return { segment, guide: envelope };
  }
  const t = transactionAt(doc, ix.segmentSpan(i).start);
  if (!t) return null;
  const setWalk = walkOf(doc, ix, t);
  if (!setWalk) return null;
  const walk = walkFor(setWalk, ix, i);
  walkTo(walk, ix, i);
  return { segment: walk.placed[i - walk.first] ?? null, guide: walk.guide };
}

/**
 * The segments the guide allows after segment i (for completion at the start of the next one),
 * or null when i is not placed in a known guide. In a transaction set they follow from the walk's
 * state right after i, counts and all (a segment at its max use is not offered again); an
 * envelope segment is placed alone (its loops entered once, itself used once).
 */
export function allowedAfter(doc: ParsedDocumentWithIndex, text: string, i: number): SegmentSpec[] | null {
  const placement = placementOf(doc, text, i);
  if (!placement?.segment) return null;
  const state = stateAfter(doc, i);
  if (state) return allowedNextIn(state);
  // After a GS, the sets of the guide its GS08 names (the envelope map holds no ST).
  const ix = doc.x12!;
  const named = ix.segmentId(i) === 'GS' ? guideOfImplementation(valuesOf(ix, text, i)(8, 0)) : null;
  const gs = named ? gsOf(named) : null;
  const walker = new GuideWalker(gs ? named! : placement.guide);
  walker.positionAt(gs ?? placement.segment);
  return walker.allowedNext();
}

/**
 * The walk's state right after segment i of a transaction set (placed by placementOf), or null
 * for a segment outside a set. The walk that placed i gives it when it stands there; when it has
 * gone on past i, i is walked to again from the nearest HL before it (or from the set's start).
 */
function stateAfter(doc: ParsedDocumentWithIndex, i: number): WalkerState | null {
  const ix = doc.x12;
  if (!(ix instanceof X12SegmentIndex) || ENVELOPE_LOOPS[ix.segmentId(i)]) return null;
  const t = transactionAt(doc, ix.segmentSpan(i).start);
  const setWalk = t ? walkOf(doc, ix, t) : null;
  if (!setWalk) return null;
  const walk = walkFor(setWalk, ix, i);
  if (walk.first + walk.placed.length - 1 === i) return walk.walker.snapshot();
  const anchor = anchorBefore(setWalk, ix, i);
  const again = anchor
    ? startedWalk(setWalk.guide, ix, anchor.hl, setWalk.end, anchor.spec, setWalk.ids)
    : startedWalk(setWalk.guide, ix, setWalk.first, setWalk.end, null, setWalk.ids);
  walkTo(again, ix, i);
  return again.walker.snapshot();
}

/** The loop a segment sits in, named for people: '2300 Claim Information'. */
export function loopTitle(loop: LoopSpec): string {
  return loop.id ? `${loop.id} ${loop.name}` : loop.name;
}
