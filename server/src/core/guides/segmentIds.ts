// What the validator needs to know of a segment id, by the id's code (x12/segment-index.ts
// segmentIdCode, as the tokenizer gives it): whether the walk takes the segment from its offsets,
// or the validator reads it whole (an envelope segment, an id that is none), and whether it is an
// HL or a service line. One table for every validator: the answer depends on the code alone. It
// starts with every id the guides have, so a file's segments are answered from it without the
// code that learns a new id (which then runs only for ids no guide has: the hot path, optimized
// early, meets no branch it has not run).
import { segmentIdCode } from '../x12/segment-index';
import { mappedSegmentIds } from './load';

/** A segment id as the validator takes it. */
export interface IdInfo {
  /** segmentIdCode of the id. */
  code: number;
  /** The id, when the walk takes the segment from its offsets; null when segment() reads it whole (an envelope segment, an id that is none). */
  id: string | null;
  /** An envelope segment, HL or a service line (it changes more than the walk). */
  special: boolean;
  hl: boolean;
  /** SV1, SV2 or SV3. */
  service: boolean;
}

/** Two or three capital letters and digits, starting with a letter. */
export const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Segments the validator reads whole: the envelope (control numbers, versions). */
export const SLOW_IDS: ReadonlySet<string> = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE']);
const SLOW_CODES: ReadonlySet<number> = new Set([...SLOW_IDS].map(segmentIdCode));

/** SV1, SV2 or SV3. */
export function isServiceId(id: string): boolean {
  return id.length === 3 && id.charCodeAt(0) === 83 && id.charCodeAt(1) === 86 && id.charCodeAt(2) >= 49 && id.charCodeAt(2) <= 51;
}

/** The IdInfo of a code, whose id is `text` (the tokenizer's code 0, an id that is none, with any text). */
function infoFor(code: number, text: string): IdInfo {
  const id = code !== 0 && SEGMENT_ID.test(text) && !SLOW_IDS.has(text) ? text : null;
  return { code, id, special: id === null ? SLOW_CODES.has(code) : id === 'HL' || isServiceId(id), hl: id === 'HL', service: id !== null && isServiceId(id) };
}

/** Slots of the direct-mapped cache before the map (a power of two; a file has a few dozen ids). */
const SLOTS = 256;

/** The empty slot (no id has code -1). */
const NO_ID: IdInfo = { code: -1, id: null, special: false, hl: false, service: false };

const known = new Map<number, IdInfo>();
const slots = new Array<IdInfo>(SLOTS).fill(NO_ID);

known.set(0, infoFor(0, ''));
for (const id of [...SLOW_IDS, ...mappedSegmentIds()]) known.set(segmentIdCode(id), infoFor(segmentIdCode(id), id));

/** The IdInfo of code `code`, the id of segment `i` of `reader` (whose text is read only for a code not yet known). */
export function idInfo(code: number, reader: { segmentId(i: number): string }, i: number): IdInfo {
  const info = slots[code & (SLOTS - 1)]!;
  return info.code === code ? info : cached(code, reader, i);
}

function cached(code: number, reader: { segmentId(i: number): string }, i: number): IdInfo {
  let info = known.get(code);
  if (info === undefined) known.set(code, (info = infoFor(code, reader.segmentId(i))));
  slots[code & (SLOTS - 1)] = info;
  return info;
}
