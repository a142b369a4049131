// The loop state machine: where each segment of a file sits in a guide. It walks the way pyx12's
// map_walker does, so the two place segments alike: from the current segment, look at the
// segments and loops of the current loop at its position or later; a match on the loop's own
// first segment starts a new iteration of the loop; a child loop whose trigger matches is
// entered; with no match, leave the loop and look again in its parent from the loop's position.
// Counts are kept per loop iteration (a new iteration of a loop forgets its children's counts).
//
// This module is the step most segments take, by a plan kept per (segment, id, qualifier)
// (transitions.ts) or one the shape memo gives (stepByPlan), with the counts it checks and moves,
// and the walk's state for checkpoints (snapshot, restore, inState); the full walk it falls back
// to, and the frames both share, are fullWalk.ts's.
import type { ValueAt } from './lookups';
import { allowedNextIn } from './nextSegments';
import { stepPlan, type KeyAt, type StepPlan } from './transitions';
import type { GuideSchema, LoopSpec, SegmentSpec } from './schema';
import { FullWalk, NONE, NONE_EVENTS, type Frame, type WalkEvent } from './fullWalk';

export type { WalkEvent } from './fullWalk';

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

export class GuideWalker extends FullWalk {
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
    guide: GuideSchema,
    private readonly options: { plans?: boolean } = {},
  ) {
    super(guide);
    this.planned = options.plans !== false;
  }

  /** options.plans, read once (stepByPlan asks for every segment). */
  private readonly planned: boolean;

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
    if (node === null || !this.planned || this.frames[this.frames.length - 1]!.loop !== node.loop) return null;
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

  /**
   * The segments the guide allows next, in the order the walk would try them (for completion),
   * from this walk's counts (nextSegments.ts). A segment that only a qualifier tells apart
   * appears once per qualifier.
   */
  allowedNext(): SegmentSpec[] {
    return allowedNextIn(this.snapshot());
  }

}
