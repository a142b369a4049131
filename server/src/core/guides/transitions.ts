// Plans for the walker's most common step (walker.ts sameLoopStep): from a segment, the next
// segment of the file is a later sibling in the same loop. Which sibling that is depends only on
// the guide, the segment id and the value of the one element the candidates' qualifiers read
// (NM101, DTP01, REF01, ...), so it is worked out once and kept, keyed by the value packed as a
// number. What depends on the counts of this loop iteration (required siblings passed over,
// max use) the walker checks each time, from the plan's list.
//
// A plan is made only where the full walk would do nothing else: no child loop it would enter
// on the way, not the loop's own first segment again (a new iteration), and no loop that starts
// with loops in between (whose required loops the walk notes whatever the counts). Everything
// else gets NO_PLAN and takes the full walk. Pure: derived from the schema alone.
import { packCode, segmentMatches, type ValueAt } from './load';
import type { LoopSpec, SegmentSpec } from './schema';

export interface SameLoopPlan {
  /** The sibling the segment is. */
  next: SegmentSpec;
  /** Indexes in the loop's children of the required siblings passed over on the way. */
  required: readonly number[];
}

/** Where the candidates of an id in a loop read their qualifier: none, one element, or several (not planned). */
type Slot = { position: number; component: number } | 'none' | 'mixed';

const NO_PLAN = null;

/** Per loop and id: the qualifier slot. */
const slots = new Map<LoopSpec, Map<string, Slot>>();
/** Per segment, id and packed qualifier value (0: empty, or no qualifier read): the plan. */
const plans = new Map<SegmentSpec, Map<string, Map<number, SameLoopPlan | null>>>();

/** The plan for the step from `node` to a segment `id` whose values `valueAt` reads, or null. */
export function sameLoopPlan(node: SegmentSpec, id: string, valueAt: ValueAt): SameLoopPlan | null {
  const loop = node.loop;
  const slot = slotOf(loop, id);
  if (slot === 'mixed') return NO_PLAN;
  let key = 0;
  if (slot !== 'none') {
    const value = valueAt(slot.position, slot.component);
    if (value !== '') {
      key = packCode(value, 0, value.length);
      if (key < 0) return NO_PLAN;
    }
  }
  let byId = plans.get(node);
  if (!byId) plans.set(node, (byId = new Map()));
  let byValue = byId.get(id);
  if (!byValue) byId.set(id, (byValue = new Map()));
  let plan = byValue.get(key);
  if (plan === undefined) {
    plan = planFor(node, id, valueAt);
    byValue.set(key, plan);
  }
  return plan;
}

function slotOf(loop: LoopSpec, id: string): Slot {
  let byId = slots.get(loop);
  if (!byId) slots.set(loop, (byId = new Map()));
  let slot = byId.get(id);
  if (slot === undefined) {
    slot = 'none';
    const candidates: SegmentSpec[] = [...loop.trigger];
    for (const child of loop.children) {
      if (child.kind === 'segment') candidates.push(child);
      else candidates.push(...child.trigger);
    }
    for (const c of candidates) {
      if (c.id !== id || c.qualifier === null) continue;
      const q = c.qualifier;
      if (slot === 'none') slot = { position: q.position, component: q.component };
      else if (slot !== 'mixed' && (slot.position !== q.position || slot.component !== q.component)) slot = 'mixed';
    }
    byId.set(id, slot);
  }
  return slot;
}

/** The full walk's scan of the node's loop from the node's position, when it ends on a sibling segment with nothing else on the way. */
function planFor(node: SegmentSpec, id: string, valueAt: ValueAt): SameLoopPlan | null {
  const loop = node.loop;
  const children = loop.children;
  const first = children[0];
  if (!first || first.kind === 'loop') return NO_PLAN;
  const required: number[] = [];
  for (let i = node.firstAtPosition; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'loop') {
      const start = child.children[0];
      if (!start || start.kind === 'loop') return NO_PLAN;
      if (segmentMatches(start, id, valueAt)) return NO_PLAN;
      if (child.usage === 'R') required.push(i);
      continue;
    }
    if (segmentMatches(child, id, valueAt)) {
      // The loop's own first segment again starts a new iteration (at the top level there is no loop to repeat).
      if (loop.parent !== null && segmentMatches(first, id, valueAt)) return NO_PLAN;
      return { next: child, required };
    }
    if (child.usage === 'R') required.push(i);
  }
  return NO_PLAN;
}
