// The full walk of the loop state machine (GuideWalker, walker.ts, extends it with the planned
// step most segments take): from the current segment, look at the segments and loops of the
// current loop at its position or later; a match on the loop's own first segment starts a new
// iteration of the loop; a child loop whose trigger matches is entered; with no match, leave the
// loop and look again in its parent from the loop's position, as pyx12's map_walker does. It
// notes what it passes (WalkEvent). The frames, one per open loop with its counts, are shared
// with the planned step.
import { segmentMatches, type ValueAt } from './lookups';
import type { GuideSchema, LoopSpec, SegmentSpec } from './schema';

/** Something the walk noticed on the way to a segment. */
export type WalkEvent =
  /** A required segment the walk passed over without seeing. */
  | { kind: 'segment-missing'; segment: SegmentSpec }
  /** A required loop the walk passed over without seeing (segment: its first segment). */
  | { kind: 'loop-missing'; loop: LoopSpec; segment: SegmentSpec }
  | { kind: 'segment-max-use'; segment: SegmentSpec; count: number }
  | { kind: 'loop-max-repeat'; loop: LoopSpec; count: number }
  | { kind: 'segment-not-used'; segment: SegmentSpec }
  | { kind: 'loop-not-used'; loop: LoopSpec };

/** An open loop: its iteration's counts. */
export interface Frame {
  loop: LoopSpec;
  /** Uses of child segments and iterations of child loops in this iteration of `loop`, by child index. */
  counts: Int32Array;
}

// Shared empty results, so a plain step allocates nothing for them; never mutated.
export const NONE: readonly LoopSpec[] = Object.freeze([]);
export const NONE_EVENTS: WalkEvent[] = Object.freeze([]) as unknown as WalkEvent[];

interface Pending {
  event: WalkEvent & { kind: 'segment-missing' | 'loop-missing' };
  position: number;
}

/** A frame for every loop of `guide`, by LoopSpec.uid (other guides' loops: undefined), made with the walker (see its constructor). */
function poolOf(guide: GuideSchema): (Frame | undefined)[] {
  const loops: LoopSpec[] = [];
  const visit = (loop: LoopSpec): void => {
    loops.push(loop);
    for (const child of loop.children) if (child.kind === 'loop') visit(child);
  };
  visit(guide.root);
  let size = 0;
  for (const loop of loops) size = Math.max(size, loop.uid + 1);
  const pool = new Array<Frame | undefined>(size).fill(undefined);
  for (const loop of loops) pool[loop.uid] = { loop, counts: new Int32Array(loop.children.length) };
  return pool;
}

/** The frames of a walk, and its full walk (GuideWalker adds the planned step, snapshots and the questions asked of it). */
export abstract class FullWalk {
  protected frames: Frame[];
  /**
   * A frame per loop (by LoopSpec.uid), kept for reuse: a new iteration of a loop takes its frame
   * back (a loop sits at one depth of the guide and is never open twice, so its frame is free when
   * it is entered).
   */
  protected readonly pool: (Frame | undefined)[];
  protected node: SegmentSpec | null = null;
  protected pending: Pending[] = [];
  protected walkEvents: WalkEvent[] = NONE_EVENTS;
  protected exitedLoops: LoopSpec[] | null = null;
  protected enteredLoops: readonly LoopSpec[] = NONE;

  constructor(readonly guide: GuideSchema) {
    this.pool = poolOf(guide);
    // The root's frame from the pool (fresh), not by frameFor: called while the subclass's fields
    // are yet to be added, frameFor met an object of another shape than the walkers it was
    // optimized for, and was compiled again at the second group of a file.
    this.frames = [this.pool[guide.root.uid]!];
  }

  /** Does a loop open now (the current one or one around it) have a place for segments with this id? */
  protected placeable(id: string): boolean {
    for (let level = this.frames.length - 1; level >= 0; level--) if (this.frames[level]!.loop.lastIndexOf.has(id)) return true;
    return false;
  }

  /** A frame for a new iteration of `loop`, its counts at zero. */
  protected frameFor(loop: LoopSpec): Frame {
    const reused = this.pool[loop.uid];
    if (reused !== undefined) {
      // A loop's children are few: a loop, not a call of fill().
      const counts = reused.counts;
      for (let i = 0; i < counts.length; i++) counts[i] = 0;
      return reused;
    }
    const fresh: Frame = { loop, counts: new Int32Array(loop.children.length) };
    this.pool[loop.uid] = fresh;
    return fresh;
  }

  protected walk(id: string, valueAt: ValueAt): SegmentSpec | null {
    let level = this.frames.length - 1;
    // Children are in position order: the scan starts at the first sibling at the current position.
    let start = this.node ? this.node.firstAtPosition : 0;
    while (level >= 0) {
      const frame = this.frames[level];
      const loop = frame.loop;
      const children = loop.children;
      const last = loop.lastIndexOf.get(id);
      if (last === undefined || last < start) {
        // Nothing of this id from here on in this loop: note what is required and not yet seen, then leave it.
        for (const i of loop.required) if (i >= start) this.noteMissing(children[i], level);
        if (level === 0) break;
        (this.exitedLoops ??= []).push(loop);
        start = loop.firstAtPosition;
        level--;
        continue;
      }
      for (let i = start; i < children.length; i++) {
        const child = children[i];
        if (child.kind === 'segment') {
          if (child.id !== id && child.usage !== 'R') continue;
          if (segmentMatches(child, id, valueAt)) {
            if (level > 0 && this.loopMatches(loop, level - 1, id, valueAt)) {
              // The loop's own first segment again: a new iteration of this loop.
              (this.exitedLoops ??= []).push(loop);
              this.frames.length = level;
              return this.enterLoop(loop, id, valueAt);
            }
            this.frames.length = level + 1;
            const used = ++frame.counts[child.index];
            if (child.usage === 'N') this.emit({ kind: 'segment-not-used', segment: child });
            else if (used > child.maxUse) this.emit({ kind: 'segment-max-use', segment: child, count: used });
            if (this.pending.length > 0) {
              this.pending = this.pending.filter((p) => p.event.segment !== child);
              this.flush(child.position);
            }
            return child;
          }
          if (child.usage === 'R' && frame.counts[child.index] < 1) {
            this.pending.push({ event: { kind: 'segment-missing', segment: child }, position: child.position });
          }
        } else if (this.loopMatches(child, level, id, valueAt)) {
          this.frames.length = level + 1;
          return this.enterLoop(child, id, valueAt);
        }
      }
      if (level === 0) break;
      (this.exitedLoops ??= []).push(loop);
      start = loop.firstAtPosition;
      level--;
    }
    // Not found: the walker stays where it was; what it noted on the way is dropped, as pyx12 does.
    this.pending = [];
    return null;
  }

  /** What a scan past a required child that does not match notes (as walk and loopMatches would). */
  private noteMissing(child: LoopSpec | SegmentSpec, level: number): void {
    if (child.kind === 'segment') {
      if (this.frames[level].counts[child.index] < 1) this.pending.push({ event: { kind: 'segment-missing', segment: child }, position: child.position });
      return;
    }
    const first = child.children[0];
    if (!first) return;
    if (first.kind === 'loop') {
      // A loop that starts with loops: its child loops are looked at in turn, whatever its own usage.
      for (const c of child.children) if (c.kind === 'loop') this.noteMissing(c, level + 1);
    } else if (child.usage === 'R' && this.countIn(level, child.parent, child) < 1) {
      this.pending.push({ event: { kind: 'loop-missing', loop: child, segment: first }, position: first.position });
    }
  }

  /**
   * pyx12's _is_loop_match: does the segment start `loop` (a child of the loop at `parentLevel`)?
   * A loop that starts with loops matches when one of its child loops does. A required loop not
   * yet seen in this iteration of its parent is noted as missing when it does not match.
   */
  private loopMatches(loop: LoopSpec, parentLevel: number, id: string, valueAt: ValueAt): boolean {
    const first = loop.children[0];
    if (!first) return false;
    if (first.kind === 'loop') {
      for (const child of loop.children) {
        if (child.kind === 'loop' && this.loopMatches(child, parentLevel + 1, id, valueAt)) return true;
      }
      return false;
    }
    if (segmentMatches(first, id, valueAt)) return true;
    if (loop.usage === 'R' && this.countIn(parentLevel, loop.parent, loop) < 1) {
      this.pending.push({ event: { kind: 'loop-missing', loop, segment: first }, position: first.position });
    }
    return false;
  }

  /** Iterations of `loop` in the current iteration of `parent`, if `parent` is the open frame at `level` (else none yet). */
  private countIn(level: number, parent: LoopSpec | null, loop: LoopSpec): number {
    const frame = this.frames[level];
    return frame && frame.loop === parent ? frame.counts[loop.index] : 0;
  }

  private enterLoop(loop: LoopSpec, id: string, valueAt: ValueAt): SegmentSpec | null {
    const entered = this.enter(loop, id, valueAt);
    if (!entered) return null;
    this.enteredLoops = entered.loops;
    return entered.segment;
  }

  /**
   * pyx12's _goto_seg_match: enters `loop` (its parent is the top frame) and, through loops that
   * start with loops, the child loop whose first segment matches. Returns the segment and the
   * loops entered.
   */
  private enter(loop: LoopSpec, id: string, valueAt: ValueAt): { segment: SegmentSpec; loops: LoopSpec[] } | null {
    const parent = this.frames[this.frames.length - 1];
    const first = loop.children[0];
    if (first && first.kind === 'segment' && segmentMatches(first, id, valueAt)) {
      const iterations = ++parent.counts[loop.index];
      if (loop.usage === 'N') this.emit({ kind: 'loop-not-used', loop });
      else if (iterations > loop.maxRepeat) this.emit({ kind: 'loop-max-repeat', loop, count: iterations });
      const inner = this.frameFor(loop);
      inner.counts[first.index] = 1;
      this.frames.push(inner);
      if (this.pending.length > 0) this.flush(null);
      return { segment: first, loops: [loop] };
    }
    for (const child of loop.children) {
      if (child.kind !== 'loop') continue;
      if (!child.trigger.some((t) => segmentMatches(t, id, valueAt))) continue;
      // A loop that starts with loops is not counted (pyx12 counts only the loop whose first segment matched).
      this.frames.push(this.frameFor(loop));
      const inner = this.enter(child, id, valueAt);
      if (inner) return { segment: inner.segment, loops: [loop, ...inner.loops] };
      this.frames.pop();
    }
    return null;
  }

  private emit(event: WalkEvent): void {
    if (this.walkEvents === NONE_EVENTS) this.walkEvents = [];
    this.walkEvents.push(event);
  }

  /** Reports the missing segments and loops noted, except those at the position just matched. */
  private flush(position: number | null): void {
    for (const p of this.pending) if (p.position !== position) this.emit(p.event);
    this.pending = this.pending.filter((p) => p.position === position);
  }
}
