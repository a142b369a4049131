// What the guide allows next from a walk's state (GuideWalker.snapshot), for completion: read
// from the state, never stepped, so the walk itself is not touched. Completion only: not on the
// path of reading an 837.
import type { LoopSpec, SegmentSpec } from './schema';
import type { WalkerState } from './walker';

/**
 * The segments the guide allows after the state's segment, in the order the walk would try them
 * (a segment that only a qualifier tells apart appears once per qualifier): the rest of the
 * current loop (its segments within their max use, the child loops within their repeat, a new
 * iteration of the loop itself), then, loop by loop outwards, the parent's children from the
 * loop's position; in each, up to and including the first required one not yet seen (a segment
 * after it would skip it: HL right after ST skips the required BHT). A loop that ends with
 * a required segment not yet seen is left only through it (the set's SE, the group's GE: no GE,
 * ST or ISA inside an open set).
 */
export function allowedNextIn(state: WalkerState): SegmentSpec[] {
  const { loops, node } = state;
  const out: SegmentSpec[] = [];
  const seen = new Set<SegmentSpec>();
  const add = (s: SegmentSpec): void => {
    if (s.usage !== 'N' && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  };
  // Where each open loop's counts start in state.counts.
  const offsets: number[] = [];
  let at = 0;
  for (const loop of loops) {
    offsets.push(at);
    at += loop.children.length;
  }
  const countOf = (level: number, index: number): number => state.counts[offsets[level]! + index]!;
  /** May `loop`, a child of the loop open at `level`, have one more iteration there? */
  const mayRepeat = (loop: LoopSpec, level: number): boolean => loop.usage !== 'N' && countOf(level, loop.index) < loop.maxRepeat;

  /**
   * Does the loop open at `level` end with a required segment not yet seen (SE, GE, IEA: its
   * trailer)? It is not left, nor begun again, before that segment.
   */
  const waitsForEnd = (level: number): boolean => {
    const children = loops[level]!.children;
    const last = children[children.length - 1];
    return last !== undefined && last.kind === 'segment' && last.usage === 'R' && countOf(level, last.index) < 1;
  };

  /** Does the iteration of the loop open at `level` lack a required child (after its first)? It is not begun again before that. */
  const lacksRequired = (level: number): boolean => {
    const children = loops[level]!.children;
    for (let i = 1; i < children.length; i++) {
      const child = children[i]!;
      if (child.usage !== 'R') continue;
      const count = countOf(level, i);
      if (child.kind === 'segment' ? count < 1 : count < 1 && loops[level + 1] !== child) return true;
    }
    return false;
  };

  let start = node ? node.firstAtPosition : 0;
  for (let level = loops.length - 1; level >= 0; level--) {
    const loop = loops[level]!;
    const inner = level === loops.length - 1;
    // Nothing after a required segment or loop not yet seen: what comes after it would skip it
    // (and be told it is missing), in the current loop as in the loops around it. Its siblings at
    // the same position (HI*BP beside the required HI*ABK: any order) are still offered.
    let requiredAt: number | null = null;
    for (let i = start; i < loop.children.length; i++) {
      const child = loop.children[i]!;
      if (requiredAt !== null && child.position !== requiredAt) return out;
      const count = countOf(level, i);
      if (child.kind === 'segment') {
        // The loop's own first segment again starts a new iteration of the loop.
        const allowed = i === 0 && level > 0 ? mayRepeat(loop, level - 1) && !waitsForEnd(level) && !lacksRequired(level) : count < child.maxUse;
        if (allowed) add(child);
        if (child.usage === 'R' && count < 1 && !(i === 0 && inner)) requiredAt = child.position;
      } else {
        if (mayRepeat(child, level)) for (const t of child.trigger) add(t);
        // A loop the walk came out of was seen (a loop that starts with loops is not counted).
        const wasSeen = count >= 1 || loops[level + 1] === child;
        if (child.usage === 'R' && !wasSeen) requiredAt = child.position;
      }
    }
    if (requiredAt !== null) return out;
    if (waitsForEnd(level)) break;
    start = loop.firstAtPosition;
  }
  return out;
}

const idsByGuide = new WeakMap<LoopSpec, ReadonlySet<string>>();

/** The ids of every segment in the guide that holds `segment` (envelope ones included), kept per guide. */
export function guideSegmentIds(segment: SegmentSpec): ReadonlySet<string> {
  let root = segment.loop;
  while (root.parent) root = root.parent;
  let ids = idsByGuide.get(root);
  if (!ids) {
    const found = new Set<string>();
    const visit = (loop: LoopSpec): void => {
      for (const child of loop.children) {
        if (child.kind === 'segment') found.add(child.id);
        else visit(child);
      }
    };
    visit(root);
    idsByGuide.set(root, (ids = found));
  }
  return ids;
}
