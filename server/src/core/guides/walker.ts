// The loop state machine: where each segment of a file sits in a guide. It walks the way pyx12's
// map_walker does, so the two place segments alike: from the current segment, look at the
// segments and loops of the current loop at its position or later; a match on the loop's own
// first segment starts a new iteration of the loop; a child loop whose trigger matches is
// entered; with no match, leave the loop and look again in its parent from the loop's position.
// Counts are kept per loop iteration (a new iteration of a loop forgets its children's counts).
import { segmentMatches, type ValueAt } from './load';
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

export interface Placement {
  /** The guide's segment the data segment is. */
  segment: SegmentSpec;
  /** Loops left to get there, innermost first (a new iteration of a loop leaves and enters it). */
  exited: LoopSpec[];
  /** Loops entered, outermost first. */
  entered: LoopSpec[];
}

export interface StepResult {
  /** Null when the guide has no place for the segment here (the walker stays where it was). */
  placement: Placement | null;
  events: WalkEvent[];
}

interface Frame {
  loop: LoopSpec;
  /** Uses of child segments and iterations of child loops in this iteration of `loop`. */
  counts: Map<LoopSpec | SegmentSpec, number>;
}

interface Pending {
  event: WalkEvent & { kind: 'segment-missing' | 'loop-missing' };
  position: number;
}

export class GuideWalker {
  private frames: Frame[];
  private node: SegmentSpec | null = null;
  private pending: Pending[] = [];
  private events: WalkEvent[] = [];

  constructor(readonly guide: GuideSchema) {
    this.frames = [{ loop: guide.root, counts: new Map() }];
  }

  /** The guide segment of the last placed segment, or null before the first. */
  get current(): SegmentSpec | null {
    return this.node;
  }

  /** Loop ids from the root to the current segment's loop, wrappers left out ('ISA_LOOP', ..., '2300'). */
  loopPath(): string[] {
    const out: string[] = [];
    for (const f of this.frames) if (f.loop.id !== '' && !f.loop.wrapper) out.push(f.loop.id);
    return out;
  }

  /** The innermost loop that is not a wrapper (or the root). */
  currentLoop(): LoopSpec {
    for (let i = this.frames.length - 1; i > 0; i--) if (!this.frames[i].loop.wrapper) return this.frames[i].loop;
    return this.frames[0].loop;
  }

  /**
   * Jumps to a segment of the guide as if the file had reached it (e.g. the guide's GS, to walk a
   * transaction set read on its own): its loops entered once, the segment used once.
   */
  positionAt(segment: SegmentSpec): void {
    const chain: LoopSpec[] = [];
    for (let l: LoopSpec | null = segment.loop; l; l = l.parent) chain.unshift(l);
    this.frames = chain.map((loop) => ({ loop, counts: new Map() }));
    for (let i = 1; i < this.frames.length; i++) this.frames[i - 1].counts.set(this.frames[i].loop, 1);
    this.frames[this.frames.length - 1].counts.set(segment, 1);
    this.node = segment;
  }

  /** Places the next segment: `id` and its values (for the qualifier). */
  step(id: string, valueAt: ValueAt): StepResult {
    this.pending = [];
    this.events = [];
    const placement = this.walk(id, valueAt);
    if (placement) this.node = placement.segment;
    const events = this.events;
    this.events = [];
    this.pending = [];
    return { placement, events };
  }

  /**
   * The segments the guide allows next, in the order the walk would try them (for completion).
   * A segment that only a qualifier tells apart appears once per qualifier.
   */
  allowedNext(): SegmentSpec[] {
    const out: SegmentSpec[] = [];
    const seen = new Set<SegmentSpec>();
    const add = (s: SegmentSpec) => {
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
      }
    };
    let level = this.frames.length - 1;
    let from = this.node ? this.node.position : -Infinity;
    while (level >= 0) {
      const loop = this.frames[level].loop;
      for (const child of loop.children) {
        if (child.position < from) continue;
        if (child.kind === 'segment') add(child);
        else for (const t of child.trigger) add(t);
      }
      from = loop.position;
      level--;
    }
    return out;
  }

  private count(frame: Frame, key: LoopSpec | SegmentSpec): number {
    return frame.counts.get(key) ?? 0;
  }

  private walk(id: string, valueAt: ValueAt): Placement | null {
    const exited: LoopSpec[] = [];
    let level = this.frames.length - 1;
    let from = this.node ? this.node.position : -Infinity;
    while (level >= 0) {
      const frame = this.frames[level];
      const loop = frame.loop;
      for (const child of loop.children) {
        if (child.position < from) continue;
        if (child.kind === 'segment') {
          if (segmentMatches(child, id, valueAt)) {
            if (level > 0 && this.loopMatches(loop, level - 1, id, valueAt)) {
              // The loop's own first segment again: a new iteration of this loop.
              exited.push(loop);
              this.frames.length = level;
              const entered = this.enter(loop, id, valueAt);
              return entered ? { segment: entered.segment, exited, entered: entered.loops } : null;
            }
            this.frames.length = level + 1;
            const used = this.count(frame, child) + 1;
            frame.counts.set(child, used);
            if (child.usage === 'N') this.events.push({ kind: 'segment-not-used', segment: child });
            else if (used > child.maxUse) this.events.push({ kind: 'segment-max-use', segment: child, count: used });
            this.pending = this.pending.filter((p) => p.event.segment !== child);
            this.flush(child.position);
            return { segment: child, exited, entered: [] };
          }
          if (child.usage === 'R' && this.count(frame, child) < 1) {
            this.pending.push({ event: { kind: 'segment-missing', segment: child }, position: child.position });
          }
        } else if (this.loopMatches(child, level, id, valueAt)) {
          this.frames.length = level + 1;
          const entered = this.enter(child, id, valueAt);
          return entered ? { segment: entered.segment, exited, entered: entered.loops } : null;
        }
      }
      if (level === 0) break;
      exited.push(loop);
      from = loop.position;
      level--;
    }
    // Not found: the walker stays where it was; what it noted on the way is dropped, as pyx12 does.
    this.pending = [];
    return null;
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
    return frame && frame.loop === parent ? this.count(frame, loop) : 0;
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
      const iterations = this.count(parent, loop) + 1;
      parent.counts.set(loop, iterations);
      if (loop.usage === 'N') this.events.push({ kind: 'loop-not-used', loop });
      else if (iterations > loop.maxRepeat) this.events.push({ kind: 'loop-max-repeat', loop, count: iterations });
      const frame: Frame = { loop, counts: new Map([[first, 1]]) };
      this.frames.push(frame);
      this.flush(null);
      return { segment: first, loops: [loop] };
    }
    for (const child of loop.children) {
      if (child.kind !== 'loop') continue;
      if (!child.trigger.some((t) => segmentMatches(t, id, valueAt))) continue;
      // A loop that starts with loops is not counted (pyx12 counts only the loop whose first segment matched).
      this.frames.push({ loop, counts: new Map() });
      const inner = this.enter(child, id, valueAt);
      if (inner) return { segment: inner.segment, loops: [loop, ...inner.loops] };
      this.frames.pop();
    }
    return null;
  }

  /** Reports the missing segments and loops noted, except those at the position just matched. */
  private flush(position: number | null): void {
    for (const p of this.pending) if (p.position !== position) this.events.push(p.event);
    this.pending = this.pending.filter((p) => p.position === position);
  }
}
