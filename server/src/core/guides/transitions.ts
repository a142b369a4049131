// Plans for the walker's most common step (walker.ts sameLoopStep): from a segment, the next
// segment of the file is a later sibling in the same loop. Which sibling that is depends only on
// the guide, the segment id and the value of the one element the candidates' qualifiers read
// (NM101, DTP01, REF01, ...), so it is worked out once and kept, keyed by the value packed as a
// number. What depends on the counts of this loop iteration (required siblings passed over,
// max use) the walker checks each time, from the plan's list. The plans are found by numbers
// alone (an array indexed by the segment's uid, then the id's code and the qualifier's packed
// value, a few of each looked up in order): no map lookups in a step.
//
// A plan is made only where the full walk would do nothing else: no child loop it would enter
// on the way, not the loop's own first segment again (a new iteration), and no loop that starts
// with loops in between (whose required loops the walk notes whatever the counts). Everything
// else gets NO_PLAN and takes the full walk. Pure: derived from the schema alone.
import { packCode } from './packedCodes';
import { segmentMatches, type ValueAt } from './lookups';
import type { LoopSpec, SegmentSpec } from './schema';

/**
 * A planned step from a segment:
 *   sibling  a later segment of the same loop;
 *   child    the first segment of a child loop of that loop (entered);
 *   up       out of the segment's loop (and of loops around it that have no place for the
 *            segment either), to a later segment of the loop it reaches, or into a loop of it
 *            (a loop just left again: a new iteration, e.g. the next claim's HL after a line).
 * `required`: the required children passed over in the segment's loop, `outerRequired` in each
 * loop left after it, `upRequired` in the loop reached; the walk notes nothing only when each
 * was already seen in this iteration.
 */
export type StepPlan =
  | { kind: 'sibling'; next: SegmentSpec; required: readonly number[] }
  | { kind: 'child'; loop: LoopSpec; next: SegmentSpec; required: readonly number[]; entered: readonly LoopSpec[] }
  | {
      kind: 'up';
      loop: LoopSpec | null;
      next: SegmentSpec;
      required: readonly number[];
      /** For each loop left after the segment's own (exited[1], exited[2]...): its required children passed over. */
      outerRequired: readonly (readonly number[])[];
      upRequired: readonly number[];
      /** The loops left, innermost first (one per level up). */
      exited: readonly LoopSpec[];
      entered: readonly LoopSpec[];
    };

/** Where the candidates of an id in a loop read their qualifier: none, one element, or several (not planned). */
type Slot = { position: number; component: number } | 'none' | 'mixed';

const NO_PLAN = null;

const NONE_LOOPS: readonly LoopSpec[] = Object.freeze([]);
const NONE_INDEXES: readonly number[] = Object.freeze([]);
const NONE_NESTED: readonly (readonly number[])[] = Object.freeze([]);

/**
 * A plan as one kind of object whatever its kind (every field, in one order): the walker's step
 * by a plan (walker.ts takePlan) then reads one shape of object, not three.
 */
function planOf(
  kind: StepPlan['kind'],
  loop: LoopSpec | null,
  next: SegmentSpec,
  required: readonly number[],
  outerRequired: readonly (readonly number[])[],
  upRequired: readonly number[],
  exited: readonly LoopSpec[],
  entered: readonly LoopSpec[],
): StepPlan {
  return { kind, loop, next, required, outerRequired, upRequired, exited, entered } as StepPlan;
}

/** Per loop and id: the qualifier slot of the loop and the loops around it together. */
const slots = new Map<LoopSpec, Map<string, Slot>>();

/** The plans from one segment for one id: its qualifier slot, and the plan per packed qualifier value (0: empty, or no qualifier read). */
interface IdPlans {
  /** segmentIdCode of the id. */
  code: number;
  slot: Slot;
  /** keys[k] is the qualifier value plans[k] is for (a few per segment and id: looked up in order). */
  keys: number[];
  plans: (StepPlan | null)[];
}

/** By SegmentSpec.uid: the plans from that segment, one entry per id seen after it (a few). */
const plans: (IdPlans[] | undefined)[] = [];

/** x12/segment-index.ts segmentIdCode of an id of 1..3 ASCII characters (every id a guide has), else -1. */
export function idCodeOf(id: string): number {
  const length = id.length;
  if (length === 0 || length > 3) return -1;
  let code = length;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 128) return -1;
    code = code * 128 + c;
  }
  return code;
}

/**
 * Reads a qualifier as one number without making a string: packedCodes.ts packCode of the element (or
 * component) value, 0 when it is empty, -1 when it does not pack.
 */
export type KeyAt = (position: number, component: number) => number;

/**
 * The plan for the step from `node` to a segment `id` whose values `valueAt` (or `keyAt`) reads, or
 * null; `known`, when the caller has it, is the id's code (segmentIdCode of an ASCII id, as idCodeOf).
 */
export function stepPlan(node: SegmentSpec, id: string, valueAt: ValueAt, keyAt?: KeyAt, known?: number): StepPlan | null {
  // An id no guide has (longer, or not ASCII) has no place anywhere: no plan.
  const code = known ?? idCodeOf(id);
  if (code < 0) return NO_PLAN;
  let byId = plans[node.uid];
  if (byId === undefined) plans[node.uid] = byId = [];
  let entry: IdPlans | undefined;
  for (let i = 0; i < byId.length; i++) {
    if (byId[i]!.code === code) {
      entry = byId[i];
      break;
    }
  }
  if (entry === undefined) {
    // An id no loop from here out has can have no plan (and the ids a file makes up are not kept).
    const loop = node.loop;
    if (!knownFrom(loop, id)) return NO_PLAN;
    byId.push((entry = { code, slot: slotOf(loop, id), keys: [], plans: [] }));
  }
  const slot = entry.slot;
  if (slot === 'mixed') return NO_PLAN;
  let key = 0;
  if (slot !== 'none') {
    if (keyAt) key = keyAt(slot.position, slot.component);
    else {
      const value = valueAt(slot.position, slot.component);
      key = value === '' ? 0 : packCode(value, 0, value.length);
    }
    if (key < 0) return NO_PLAN;
  }
  const keys = entry.keys;
  for (let k = 0; k < keys.length; k++) if (keys[k] === key) return entry.plans[k] as StepPlan | null;
  const plan = planFor(node, id, valueAt);
  // The values come from the files read (and the plans outlive them): a few qualifier codes per
  // segment and id are what guides have; a file of made-up values does not grow the cache.
  if (keys.length < PLANNED_VALUES) {
    keys.push(key);
    entry.plans.push(plan);
  }
  return plan;
}

/** Does `loop` or a loop around it have a place for segments with this id? */
function knownFrom(loop: LoopSpec, id: string): boolean {
  for (let l: LoopSpec | null = loop; l !== null; l = l.parent) if (l.lastIndexOf.has(id)) return true;
  return false;
}

/** Qualifier values whose plan is kept, per segment and id. */
const PLANNED_VALUES = 64;

function slotOf(loop: LoopSpec, id: string): Slot {
  let byId = slots.get(loop);
  if (!byId) slots.set(loop, (byId = new Map()));
  let slot = byId.get(id);
  if (slot === undefined) {
    slot = 'none';
    const candidates: SegmentSpec[] = [];
    // Every loop a step may leave to: a plan may go up several levels.
    for (let l: LoopSpec | null = loop; l !== null; l = l.parent) {
      candidates.push(...l.trigger);
      for (const child of l.children) {
        if (child.kind === 'segment') candidates.push(child);
        else candidates.push(...child.trigger);
      }
    }
    for (const c of candidates) {
      if (c.id !== id || c.qualifier === null) continue;
      // A segment told from a sibling by a second element too (SegmentSpec.excludes): no plan by one value; the full walk places it.
      if (c.excludes) {
        slot = 'mixed';
        break;
      }
      const q = c.qualifier;
      if (slot === 'none') slot = { position: q.position, component: q.component };
      else if (slot !== 'mixed' && (slot.position !== q.position || slot.component !== q.component)) slot = 'mixed';
    }
    byId.set(id, slot);
  }
  return slot;
}

/** What a scan of `loop`'s children from `start` finds for the segment, as the full walk scans. */
type Scan = { found: 'segment'; index: number; required: number[] } | { found: 'loop'; index: number; required: number[] } | { found: 'none'; required: number[] } | null;

function scan(loop: LoopSpec, start: number, id: string, valueAt: ValueAt): Scan {
  const children = loop.children;
  const required: number[] = [];
  for (let i = start; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'loop') {
      const first = child.children[0];
      // A loop that starts with loops: the walk notes its required loops whatever the counts.
      if (!first || first.kind === 'loop') return null;
      if (segmentMatches(first, id, valueAt)) return { found: 'loop', index: i, required };
      if (child.usage === 'R') required.push(i);
      continue;
    }
    if (segmentMatches(child, id, valueAt)) return { found: 'segment', index: i, required };
    if (child.usage === 'R') required.push(i);
  }
  return { found: 'none', required };
}

/** The loop's own first segment again starts a new iteration of it (the root has none). */
function repeats(loop: LoopSpec, id: string, valueAt: ValueAt): boolean {
  const first = loop.children[0];
  return loop.parent !== null && first !== undefined && first.kind === 'segment' && segmentMatches(first, id, valueAt);
}

/** The full walk from `node`, when it ends one level up at most with nothing else on the way. */
function planFor(node: SegmentSpec, id: string, valueAt: ValueAt): StepPlan | null {
  const loop = node.loop;
  const first = loop.children[0];
  if (!first || first.kind === 'loop') return NO_PLAN;
  const here = scan(loop, node.firstAtPosition, id, valueAt);
  if (here === null) return NO_PLAN;
  if (here.found === 'segment') {
    if (repeats(loop, id, valueAt)) return NO_PLAN;
    return planOf('sibling', null, loop.children[here.index] as SegmentSpec, here.required, NONE_NESTED, NONE_INDEXES, NONE_LOOPS, NONE_LOOPS);
  }
  if (here.found === 'loop') {
    const child = loop.children[here.index] as LoopSpec;
    return planOf('child', child, child.children[0] as SegmentSpec, here.required, NONE_NESTED, NONE_INDEXES, NONE_LOOPS, Object.freeze([child]));
  }
  // Nothing from here on in the loop: the walk leaves it and looks again in its parent, and so on out.
  const exited: LoopSpec[] = [];
  const passed: number[][] = [];
  let inner = loop;
  let from = node.firstAtPosition;
  for (;;) {
    const parent = inner.parent;
    if (parent === null || parent.parent === null || parent.children[0]?.kind !== 'segment') return NO_PLAN;
    // Leaving notes every required child from `from` on (walker.ts noteMissing); a loop that starts with loops among them is noted whatever the counts.
    const required: number[] = [];
    for (const i of inner.required) {
      if (i < from) continue;
      const child = inner.children[i]!;
      if (child.kind === 'loop' && child.children[0]?.kind === 'loop') return NO_PLAN;
      required.push(i);
    }
    exited.push(inner);
    passed.push(required);
    const up = scan(parent, inner.firstAtPosition, id, valueAt);
    if (up === null) return NO_PLAN;
    if (up.found === 'none') {
      from = inner.firstAtPosition;
      inner = parent;
      continue;
    }
    const outer = Object.freeze(passed.slice(1));
    if (up.found === 'segment') {
      if (repeats(parent, id, valueAt)) return NO_PLAN;
      return planOf('up', null, parent.children[up.index] as SegmentSpec, passed[0]!, outer, up.required, Object.freeze(exited), NONE_LOOPS);
    }
    const target = parent.children[up.index] as LoopSpec;
    return planOf('up', target, target.children[0] as SegmentSpec, passed[0]!, outer, up.required, Object.freeze(exited), Object.freeze([target]));
  }
}
