// The implementation guides as data: the shapes of the generated file (data/guides.json, written
// by scripts/guides/generate.mjs from pyx12's maps) and of the linked schema the loader builds
// from it. Plain data, no editor types.

/** R required, S situational, N not used. */
export type Usage = 'R' | 'S' | 'N';

/** X12 data element types as the maps' dictionary gives them. */
export type DataType = 'AN' | 'ID' | 'DT' | 'TM' | 'N0' | 'N2' | 'R';

/** A count from the maps: a number, or '>1' for unbounded. */
export type RawCount = number | '>1';

// ---- the generated file (format 1), field names kept short to keep it small

export interface RawElement {
  /** Usage. */
  u: Usage;
  /** X12 data element number ('1332'), or the composite's id ('C023'). */
  d: string;
  /** Name in this guide. */
  n: string;
  /** Index into GuideData.codeLists. */
  c?: number;
  /** External code set name (GuideData.externalCodeSets). */
  x?: string;
  /** Regular expression the whole value must match (pyx12 only searches for it). */
  re?: string;
  /** A composite: indexes into GuideData.elements of its components, in order. */
  e?: number[];
}

export interface RawSegment {
  id: string;
  n: string;
  u: Usage;
  /** Position in its loop (pyx12 pos). */
  p: number;
  /** Max use. */
  m: RawCount;
  /** Syntax notes, e.g. 'P0809'. */
  syn?: string[];
  /** The trailer segment id for ISA and GS in the envelope maps. */
  end?: string;
  /** Indexes into GuideData.elements, by element position (index 0 = position 01). */
  e: number[];
  /** Qualifier: [element position, component position (0 = simple element), code list index]. */
  q?: [number, number, number];
}

export interface RawLoop {
  id: string;
  n: string;
  u: Usage;
  p: number;
  /** Repeat. */
  r: RawCount;
  /** 1 for the maps' wrapper loops (HEADER, DETAIL): no X12 loop of their own. */
  w?: 1;
  /** Children in pyx12's order: a number is an index into GuideData.segments, an object a loop. */
  c: RawChild[];
}

export type RawChild = number | RawLoop;

export interface RawGuide {
  name: string;
  /** The pyx12 map file. */
  map: string;
  kind: 'transaction' | 'envelope';
  /** The ISA12 values the map accepts. */
  isa12: string[];
  c: RawChild[];
}

export interface GuideData {
  format: 1;
  about: string;
  /** Data element number -> [type, min length, max length, dictionary name]. */
  dataElements: Record<string, [DataType, number, number, string]>;
  /** Code set name -> codes; null when the maps name a set pyx12 does not ship. */
  externalCodeSets: Record<string, string[] | null>;
  codeLists: string[][];
  elements: RawElement[];
  segments: RawSegment[];
  guides: Record<string, RawGuide>;
}

// ---- the linked schema

/** Up to this many ASCII characters, a code packs into one number (base 128, under 2^53). */
export const PACKED_CODE_LENGTH = 7;

/** Valid codes as numbers; `unpacked` counts the codes too long to pack (looked up as strings). */
export interface PackedCodes {
  set: ReadonlySet<number>;
  /** The same codes as an array when they are few and short (packedCodes.ts hasPackedCode scans it), else null. */
  few: Int32Array | null;
  unpacked: number;
}

/** A simple element at one position of a segment or composite. */
export interface ElementSpec {
  kind: 'element';
  /** The guide's reference: 'NM103', 'CLM05-02'. */
  ref: string;
  /** 1-based position in the segment. */
  position: number;
  /** 1-based position in the composite, 0 for a simple element of the segment. */
  component: number;
  name: string;
  usage: Usage;
  dataElement: string;
  /** The dictionary's name of the data element ('Facility Code Qualifier'). */
  dataElementName: string;
  type: DataType;
  minLength: number;
  maxLength: number;
  /** The guide's own list of valid codes, or null. */
  codes: readonly string[] | null;
  /** The external code set the guide names (e.g. 'states', 'pos'), or null. */
  externalCodes: string | null;
  /** The external set's codes when pyx12 ships them, else null (any value passes). */
  externalCodeList: readonly string[] | null;
  /** Every valid value (the guide's codes and the external set's), or null when any value passes. */
  validCodes: ReadonlySet<string> | null;
  /** The same codes packed as numbers (packedCodes.ts packCode), for lookups that make no string; null with validCodes. */
  packedCodes: PackedCodes | null;
  regex: RegExp | null;
  /**
   * AN or ID, used, no pattern, not a date format or a date in one, and its codes (if any) all
   * packed: the clean check (fastCheck.ts) needs only its length, last character and code.
   */
  plain: boolean;
}

export interface CompositeSpec {
  kind: 'composite';
  ref: string;
  position: number;
  name: string;
  usage: Usage;
  /** Composite id ('C023'). */
  dataElement: string;
  components: readonly ElementSpec[];
  /** 1-based index of the last required component (0: none): the components after one written last are empty. */
  lastRequired: number;
  /** A component is a date format qualifier (1250) or a date in one (1251). */
  hasDateFormat: boolean;
}

export type PositionSpec = ElementSpec | CompositeSpec;

/** A syntax note: P paired, R at least one, C conditional, E exclusive, L list conditional. */
export interface SyntaxNote {
  kind: 'P' | 'R' | 'C' | 'E' | 'L';
  /** 1-based element positions, in the note's order. */
  positions: readonly number[];
  /** As written in the guide: 'P0809'. */
  text: string;
}

/** The element value that tells a segment from others with its id (NM101 = 85, HL03 = 20). */
/** SegmentSpec.excludes: values at `position` (and `component`) that a later sibling takes, when the qualifier is one of the codes both share (`when`). */
export interface Exclusion extends Qualifier {
  when: ReadonlySet<string>;
}

export interface Qualifier {
  position: number;
  /** 0 for a simple element, else the component (HI01-01, SV101-01). */
  component: number;
  codes: readonly string[];
  /** The same codes, for lookups. */
  codeSet: ReadonlySet<string>;
  /** The reference of the qualifying element ('NM101', 'HI01-01'). */
  ref: string;
}

export interface SegmentSpec {
  kind: 'segment';
  id: string;
  name: string;
  usage: Usage;
  /** pyx12's position ordinal inside the loop; segments of equal position may come in any order. */
  position: number;
  /** Max use (Infinity when unbounded). */
  maxUse: number;
  syntax: readonly SyntaxNote[];
  /** Element positions 1..n (index 0 = position 01). */
  elements: readonly PositionSpec[];
  qualifier: Qualifier | null;
  /**
   * Values this segment does not match although its qualifier does: a later sibling of the same id
   * and qualifier codes is meant by them (the 837P's 2400 PWK*CT*AD is the medical equipment
   * certificate's indicator, not line supplemental information, whose PWK01 also takes CT). Null
   * for nearly every segment (load.ts markExcluded).
   */
  excludes?: Exclusion | null;
  /** The last position (1-based) whose element or composite is required; 0 when none is. */
  lastRequired: number;
  /** An element is a date format qualifier (1250) or a date in the format it names (1251). */
  hasDateFormat: boolean;
  /** The enclosing loop. */
  loop: LoopSpec;
  /** Index in loop.children. */
  index: number;
  /** Index in loop.children of the first sibling at this position (siblings of equal position may come in any order). */
  firstAtPosition: number;
  /** This segment's number among all the linked guides' segments (0, 1, 2...): tables derived from the schema index by it. */
  uid: number;
}

export interface LoopSpec {
  kind: 'loop';
  /** '2300', 'ISA_LOOP', 'DETAIL'; '' for the guide's root. */
  id: string;
  name: string;
  usage: Usage;
  position: number;
  /** Max repeat (Infinity when unbounded). */
  maxRepeat: number;
  /** A wrapper (HEADER, DETAIL) groups loops and has no X12 loop of its own. */
  wrapper: boolean;
  children: readonly (LoopSpec | SegmentSpec)[];
  /** The enclosing loop; null for the root. */
  parent: LoopSpec | null;
  /** Index in parent.children (0 for the root). */
  index: number;
  /** Index in parent.children of the first sibling at this position. */
  firstAtPosition: number;
  /** Loop ids from the root, e.g. ['ISA_LOOP', 'GS_LOOP', 'ST_LOOP', 'DETAIL', '2000A', '2000B', '2300']. */
  path: readonly string[];
  /**
   * The segments that start this loop: its first segment (with its qualifier codes), or, for a
   * loop that starts with loops (a wrapper), the first segments of all its child loops.
   */
  trigger: readonly SegmentSpec[];
  /**
   * Transition data: for each segment id, the last index in `children` where a segment of that id
   * can be placed (the segment itself, or a child loop it starts). A walk looking for an id past
   * that index can leave the loop at once.
   */
  lastIndexOf: ReadonlyMap<string, number>;
  /**
   * Indexes in `children` of the required segments and loops, and of loops that start with loops
   * (wrappers, whose required child loops count): what a walk passing over them notes as missing.
   */
  required: readonly number[];
  /** This loop's number among all the linked guides' loops (0, 1, 2...): tables derived from the schema index by it. */
  uid: number;
}

export interface GuideSchema {
  /** The implementation convention reference ('005010X222A1') or, for an envelope, the ISA12 ('00501'). */
  key: string;
  name: string;
  /** The pyx12 map it was generated from. */
  map: string;
  kind: 'transaction' | 'envelope';
  isa12: readonly string[];
  /** The pseudo-loop holding the top-level children (ISA_LOOP). */
  root: LoopSpec;
}
