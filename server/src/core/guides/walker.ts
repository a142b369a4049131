// The loop state machine: where each segment of a file sits in a guide. It walks the way pyx12's
// map_walker does, so the two place segments alike: from the current segment, look at the
// segments and loops of the current loop at its position or later; a match on the loop's own
// first segment starts a new iteration of the loop; a child loop whose trigger matches is
// entered; with no match, leave the loop and look again in its parent from the loop's position.
// Counts are kept per loop iteration (a new iteration of a loop forgets its children's counts).
import { segmentMatches, type ValueAt } from './lookups';
import { allowedNextIn } from './nextSegments';
import { stepPlan, type KeyAt, type StepPlan } from './transitions';
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


/** The state of a walk between steps (GuideWalker.snapshot): the open loops, and their counts one after another. */
export interface WalkerState {
  readonly loops: readonly LoopSpec[];
  readonly counts: Readonly<Int32Array>;
  readonly node: SegmentSpec | null;
}

/** Has every child at these indexes been seen in this iteration? */
function allSeen(counts: Int32Array, indexes: readonly number[]): boolean {
  for (let i = 0; i < indexes.length; i++) if (counts[indexes[i]!]! < 1) return false;
  return true;
}

interface Frame {
  loop: LoopSpec;
  /** Uses of child segments and iterations of child loops in this iteration of `loop`, by child index. */
  counts: Int32Array;
}

// Shared empty results, so a plain step allocates nothing for them; never mutated.
const NONE: readonly LoopSpec[] = Object.freeze([]);
const NONE_EVENTS: WalkEvent[] = Object.freeze([]) as unknown as WalkEvent[];

interface Pending {
  event: WalkEvent & { kind: 'segment-missing' | 'loop-missing' };
  position: number;
}

export class GuideWalker {
  private frames: Frame[];
  /**
   * A frame per loop (by LoopSpec.uid), kept for reuse: a new iteration of a loop takes its frame
   * back (a loop sits at one depth of the guide and is never open twice, so its frame is free when
   * it is entered).
   */
  private readonly pool: (Frame | undefined)[] = [];
  private node: SegmentSpec | null = null;
  private pending: Pending[] = [];
  private walkEvents: WalkEvent[] = NONE_EVENTS;
  private exitedLoops: LoopSpec[] | null = null;
  private enteredLoops: readonly LoopSpec[] = NONE;
  private lastPlan: StepPlan | null = null;

  /** The plan the last step took (transitions.ts), or null when it took the full walk or placed nothing. */
  get plan(): StepPlan | null {
    return this.lastPlan;
  }

  /** What the last step noticed on the way (missing, repeated, not used), until the next step. */
  get events(): readonly WalkEvent[] {
    return this.walkEvents;
  }

  /** Loops the last step left, innermost first (a new iteration of a loop leaves and enters it). */
  get exited(): readonly LoopSpec[] {
    return this.exitedLoops ?? NONE;
  }

  /** Loops the last step entered, outermost first. */
  get entered(): readonly LoopSpec[] {
    return this.enteredLoops;
  }

  /** `plans: false` takes the full walk for every step (the reference the plans are tested against). */
  constructor(
    readonly guide: GuideSchema,
    private readonly options: { plans?: boolean } = {},
  ) {
    this.frames = [];
    this.frames.push(this.frameFor(guide.root));
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
    this.frames = chain.map((loop) => this.frameFor(loop));
    for (let i = 1; i < this.frames.length; i++) this.frames[i - 1].counts[this.frames[i].loop.index] = 1;
    this.frames[this.frames.length - 1].counts[segment.index] = 1;
    this.node = segment;
  }

  /**
   * Places the next segment (`id` and its values, for the qualifier): returns the guide's
   * segment it is, or null when the guide has no place for it here (the walker then stays where
   * it was). `events`, `exited` and `entered` tell what the step passed. `code`, when the caller
   * has it: segmentIdCode of the id. `planned: false` takes the full walk for this step.
   */
  step(id: string, valueAt: ValueAt, keyAt?: KeyAt, code?: number, planned = true): SegmentSpec | null {
    this.forgetLastStep();
    const node = this.node;
    if (node !== null && planned && this.options.plans !== false) {
      const next = this.plannedStep(node, id, valueAt, keyAt, code);
      if (next !== null) {
        this.node = next;
        return next;
      }
    }
    // An id no open loop has a place for: the walk would leave every loop and find nothing (and
    // note nothing), so the answer is known without it (a file of a million stray segments).
    if (this.options.plans !== false && !this.placeable(id)) return null;
    const segment = this.walk(id, valueAt);
    if (segment) this.node = segment;
    else this.exitedLoops = null;
    if (this.pending.length > 0) this.pending = [];
    return segment;
  }

  /** What the last step noticed and took, forgotten as a step begins. */
  private forgetLastStep(): void {
    if (this.pending.length > 0) this.pending = [];
    this.walkEvents = NONE_EVENTS;
    this.exitedLoops = null;
    this.enteredLoops = NONE;
    this.lastPlan = null;
  }

  /**
   * The common steps, from a plan kept per (segment, id, qualifier value) (transitions.ts): to a
   * later sibling, into a child loop, or up to the parent loop's next segment or loop; when every
   * required segment or loop passed over was already seen and no max use or repeat is passed, so
   * the walk would note nothing. Null when that does not hold (the full walk then runs, from the
   * same state: nothing has been changed).
   */
  private plannedStep(node: SegmentSpec, id: string, valueAt: ValueAt, keyAt: KeyAt | undefined, code: number | undefined): SegmentSpec | null {
    if (this.frames[this.frames.length - 1]!.loop !== node.loop) return null;
    const plan = stepPlan(node, id, valueAt, keyAt, code);
    if (plan === null) return null;
    const next = this.takePlan(plan);
    if (next !== null) this.lastPlan = plan;
    return next;
  }

  /**
   * A step by a plan an earlier step from the current segment took for a segment of the same text
   * or shape (shapeMemo.ts): what step() does when its plan lookup gives `plan`. Null when the counts of
   * this iteration do not let the plan place the segment (nothing is changed: step() then walks).
   */
  stepByPlan(plan: StepPlan): SegmentSpec | null {
    const node = this.node;
    this.forgetLastStep();
    if (node === null || this.options.plans === false || this.frames[this.frames.length - 1]!.loop !== node.loop) return null;
    const next = this.takePlan(plan);
    if (next !== null) {
      this.node = next;
      this.lastPlan = plan;
    }
    return next;
  }

  /** plannedStep's step by `plan` from the current segment (the top frame is its loop): the counts checked and moved, or null with nothing changed. */
  private takePlan(plan: StepPlan): SegmentSpec | null {
    const depth = this.frames.length - 1;
    const frame = this.frames[depth]!;
    if (!allSeen(frame.counts, plan.required)) return null;
    const next = plan.next;
    if (plan.kind === 'sibling') {
      if (next.usage === 'N' || frame.counts[next.index]! + 1 > next.maxUse) return null;
      frame.counts[next.index] = frame.counts[next.index]! + 1;
      return next;
    }
    if (plan.kind === 'child') {
      if (!this.canEnter(frame, plan.loop)) return null;
      this.enterPlanned(frame, plan.loop);
      this.enteredLoops = plan.entered;
      return next;
    }
    const levels = plan.exited.length;
    if (depth < levels) return null;
    // The loops left after the segment's own are the frames below it, each with nothing required left unseen.
    const outer = plan.outerRequired;
    for (let j = 0; j < outer.length; j++) {
      const left = this.frames[depth - 1 - j]!;
      if (left.loop !== plan.exited[j + 1] || !allSeen(left.counts, outer[j]!)) return null;
    }
    const parent = this.frames[depth - levels]!;
    if (!allSeen(parent.counts, plan.upRequired)) return null;
    if (plan.loop === null) {
      if (next.usage === 'N' || parent.counts[next.index]! + 1 > next.maxUse) return null;
      this.leave(depth - levels + 1);
      parent.counts[next.index] = parent.counts[next.index]! + 1;
    } else {
      if (!this.canEnter(parent, plan.loop)) return null;
      this.leave(depth - levels + 1);
      this.enterPlanned(parent, plan.loop);
    }
    this.exitedLoops = plan.exited as LoopSpec[];
    this.enteredLoops = plan.entered;
    return next;
  }

  /** Closes the frames past the first `open` (pop: setting an array's length is a call into the runtime). */
  private leave(open: number): void {
    const frames = this.frames;
    while (frames.length > open) frames.pop();
  }

  /** One more iteration of `loop` in `parent` notes nothing: it is used, and within its repeat. */
  private canEnter(parent: Frame, loop: LoopSpec): boolean {
    return loop.usage !== 'N' && parent.counts[loop.index]! + 1 <= loop.maxRepeat;
  }

  /** Enters a new iteration of `loop` (a child of `parent`, the top frame), on its first segment, as enter() does. */
  private enterPlanned(parent: Frame, loop: LoopSpec): void {
    parent.counts[loop.index] = parent.counts[loop.index]! + 1;
    const inner = this.frameFor(loop);
    inner.counts[(loop.children[0] as SegmentSpec).index] = 1;
    this.frames.push(inner);
  }

  /** The walk's state between steps, as a copy (for a checkpoint of the validator): one array holds every frame's counts. */
  snapshot(): WalkerState {
    const frames = this.frames;
    let size = 0;
    for (const f of frames) size += f.counts.length;
    const counts = new Int32Array(size);
    const loops = new Array<LoopSpec>(frames.length);
    let at = 0;
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i]!;
      loops[i] = f.loop;
      counts.set(f.counts, at);
      at += f.counts.length;
    }
    return { loops, counts, node: this.node };
  }

  /** A walker in a state snapshot() gave. */
  static restore(guide: GuideSchema, state: WalkerState, options: { plans?: boolean } = {}): GuideWalker {
    const walker = new GuideWalker(guide, options);
    let at = 0;
    walker.frames = state.loops.map((loop) => {
      const size = loop.children.length;
      const frame: Frame = { loop, counts: state.counts.slice(at, at + size) };
      at += size;
      return frame;
    });
    for (const f of walker.frames) walker.pool[f.loop.uid] = f;
    walker.node = state.node;
    return walker;
  }

  /** Is the walk in the state a snapshot gave? */
  inState(state: WalkerState): boolean {
    if (this.node !== state.node || this.frames.length !== state.loops.length) return false;
    let at = 0;
    for (let i = 0; i < this.frames.length; i++) {
      const a = this.frames[i]!;
      if (a.loop !== state.loops[i]) return false;
      const counts = a.counts;
      for (let k = 0; k < counts.length; k++) if (counts[k] !== state.counts[at + k]) return false;
      at += counts.length;
    }
    return true;
  }

  /** Does a loop open now (the current one or one around it) have a place for segments with this id? */
  private placeable(id: string): boolean {
    for (let level = this.frames.length - 1; level >= 0; level--) if (this.frames[level]!.loop.lastIndexOf.has(id)) return true;
    return false;
  }

  /** A frame for a new iteration of `loop`, its counts at zero. */
  private frameFor(loop: LoopSpec): Frame {
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

  /**
   * The segments the guide allows next, in the order the walk would try them (for completion),
   * from this walk's counts (nextSegments.ts). A segment that only a qualifier tells apart
   * appears once per qualifier.
   */
  allowedNext(): SegmentSpec[] {
    return allowedNextIn(this.snapshot());
  }

  private walk(id: string, valueAt: ValueAt): SegmentSpec | null {
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
