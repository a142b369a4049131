// The guide pass's step for a run of segments like one it has taken before, one level above the
// shape memo (shapeMemo.ts). A loop's iteration starts with a fresh frame: when the step into it
// (its first segment: a subscriber's HL, a claim's CLM, a line's LX) was taken by a plan, the
// walker's counts of that iteration are zero but for its first segment, whatever came before. The
// segments after it that stay in that iteration, or in loops inside it (a claim's REF, HI, its
// provider's NM1 loop and its lines, up to the next CLM or HL), are stepped by plans that read
// and move the counts of those frames only, so what they do to the walk depends on nothing but
// the loop and their own plans: the same plans from the same first segment, found clean, leave
// the same frames with the same counts, place the same segments and find nothing.
//
// Runs are kept as a tree per first segment (its guide segment), an edge per segment: the
// characters from the terminator before it to its end, each with the range it may take (the
// segment's from its shape memo entry: the same plan, found clean; the terminator, the gap and
// the id the same characters), so that a path is a sequence of shapes and so of plans. A node where
// a recorded run ended keeps what the run did (runEffects.ts: the walker's frames from the loop's
// on, the last plan, the service lines). A later iteration entered at the same guide segment
// walks the tree along its next segments (each compared four bytes at a time, as the shape memo
// does) and takes the deepest node with an effect in one step. Each of those segments would have
// been found by the shape memo (or, were an entry replaced since, scanned, walked by the same
// plan and found clean: the memos are caches and the findings the same). Runs hold no HL (its
// numbers are checked) and no gap with blanks (the pass reports segments that start with them),
// so their segments need nothing of the pass but the count. A run is kept the second time the
// same sequence of shapes follows the same first segment (most of a file's are unique).
import type { ByteWindow } from './byteWindow';
import { datesAt, type ShapeMemo } from './shapeMemo';
import { inRanges } from './rangeWords';
import type { StepPlan } from './transitions';
import type { GuideWalker } from './walker';
import { effectOf, type RunEffect } from './runEffects';
import { RunLog } from './runLog';

export type { RunEffect } from './runEffects';

/** The most edges kept (each leads to a node of its own: a node is named by the edge to it): past that, the tree is forgotten and grows again. */
const MAX_EDGES = 1 << 16;
/** The longest span of an edge (the shape memo takes segments of up to 255 characters; gaps are short). */
const MAX_SPAN = 1023;
/** The most words of ranges kept (past that, the tree is forgotten). */
const MAX_WORDS = 1 << 21;
/** The most segments a run takes. */
const MAX_RUN = 64;
/** Slots (a power of two) of the signatures of runs seen once. */
const SEEN = 4096;

export class RunMemo {
  /** Per guide segment uid: the first edge from it (-1: none). */
  private roots = new Int32Array(0);
  /**
   * Per edge: the node (edge) it starts from (-1: a root), the next edge from the same node (-1:
   * none), the first edge from the node it leads to, its span, where its ranges start (words), its
   * D8 dates, its plan, and the effect of a run that ended at its node.
   */
  private edgeParent = new Int32Array(0);
  private edgeSibling = new Int32Array(0);
  private firstChild = new Int32Array(0);
  private edgeSpan = new Int32Array(0);
  private edgeWord = new Int32Array(0);
  private edgeDates: (Int32Array | null)[] = [];
  /** Per edge: 1 when it has dates (read before edgeDates, an array of objects). */
  private edgeDated = new Uint8Array(0);
  private edgePlans: StepPlan[] = [];
  private effects: (RunEffect | undefined)[] = [];
  private edges = 0;
  /** The ranges (see shapeMemo.ts `above`), edge after edge, each from a word boundary. */
  private above = new Int32Array(0);
  private below = new Int32Array(0);
  private words = 0;
  private readonly seen = new Int32Array(SEEN);
  /** What the last find() found: the segments its run spans, and the edge it ended at. */
  count = 0;
  private found = -1;

  private readonly log = new RunLog();
  /** Scratch: a path's edges. */
  private readonly path = new Int32Array(MAX_RUN);

  constructor(private readonly shapes: ShapeMemo) {}

  /** Is a run being recorded (else before(), stepped() and stop() have nothing to do)? */
  get recording(): boolean {
    return this.log.depth > 0;
  }

  /**
   * The effect at the deepest node with one that segments i + 1, ... (at most `limit`, `table`'s)
   * reach from first segment `from` (segment i, which just took the step into its loop's
   * iteration); null when none. `count` says how many segments it spans.
   */
  find(window: ByteWindow, text: string, table: { readonly segmentEnd: ArrayLike<number> }, i: number, limit: number, from: number): RunEffect | null {
    const roots = this.roots;
    if (from >= roots.length) return null;
    let e = roots[from]!;
    const ends = table.segmentEnd;
    const last = Math.min(limit, MAX_RUN);
    const spans = this.edgeSpan;
    const siblings = this.edgeSibling;
    const firsts = this.firstChild;
    let best: RunEffect | null = null;
    let count = 0;
    // The window holds every segment the walk may compare (matches() reads it without asking).
    const far = ends[i + last]!;
    if (e < 0 || (!window.holds(text, ends[i]!, far) && !window.cover(text, ends[i]!, far))) return null;
    for (let j = 1; j <= last && e >= 0; j++) {
      const at = ends[i + j - 1]!;
      const span = ends[i + j]! - at;
      while (e >= 0 && (spans[e] !== span || !this.matches(window, at, e))) e = siblings[e]!;
      if (e < 0) break;
      const effect = this.effects[e];
      if (effect !== undefined) {
        best = effect;
        count = j;
        this.found = e;
      }
      e = firsts[e]!;
    }
    this.count = count;
    return best;
  }

  /** Is the text at `at` (in the window) in edge e's ranges, its dates dates? */
  private matches(window: ByteWindow, at: number, e: number): boolean {
    const x0 = at - window.start;
    if (!inRanges(window.view, x0, this.above, this.below, this.edgeWord[e]!, this.edgeSpan[e]!)) return false;
    return this.edgeDated[e] === 0 || datesAt(window.bytes, x0, this.edgeDates[e]!);
  }

  /**
   * Segment i of `text` is about to be stepped by `plan` from the shape memo, the walker's top frame
   * at `depth` (`hl`: an HL): the recordings whose loop the step leaves end (the walker still as
   * their last segment left it).
   */
  before(walker: GuideWalker, text: string, i: number, plan: StepPlan, depth: number, hl: boolean): void {
    const log = this.log;
    if (log.depth === 0) return;
    if (hl || text !== log.text || i !== log.last + 1) {
      this.stop(walker);
      return;
    }
    const touched = plan.kind === 'up' ? depth - plan.exited.length : depth;
    while (log.depth > 0 && log.innermostTop() > touched) this.end(walker);
  }

  /** Segment i, [start, end), was stepped by `plan` from the shape memo's entry `entry`: the recordings take it. */
  stepped(i: number, start: number, end: number, entry: number, plan: StepPlan): void {
    if (this.log.depth > 0 && !this.log.add(i, start, end, entry, plan)) this.log.drop();
  }

  /**
   * Segment i of `text`, whose terminator is at `end`, took the step into a loop's iteration, at
   * guide segment `from` (the walker's top frame at `top`), and then the run find() found (`taken`
   * segments, ending at `last`; 0: none): a recording of what follows begins.
   */
  entered(text: string, i: number, end: number, from: number, top: number, taken: number, last: number): void {
    const log = this.log;
    log.begin(text, i, end, from, top, taken);
    // The run, one item: its last edge (whose path gives the others).
    if (taken > 0 && !log.add(i + taken, -1, last, -2 - this.found, this.edgePlans[this.found]!)) log.drop();
  }

  /** Every recording ends (before the walk or the shape memo changes otherwise): each is kept if worth it. */
  stop(walker: GuideWalker | null): void {
    const log = this.log;
    if (log.depth === 0) return;
    if (walker === null) log.drop();
    else while (log.depth > 0) this.end(walker);
  }

  /** The innermost recording ends, the walker as its last segment left it. */
  private end(walker: GuideWalker): void {
    const log = this.log;
    const d = log.depth - 1;
    const from = log.firstItem(d);
    const to = log.count;
    const taken = log.taken(d);
    log.pop();
    // Nothing after the run taken at its start, or nothing at all: nothing new.
    if (to === from || (taken > 0 && to === from + 1)) return;
    // Kept the second time the same sequence of shapes follows the same first segment.
    let signature = Math.imul(log.from(d) + 1, 0x9e3779b1);
    for (let k = from; k < to; k++) signature = Math.imul(signature ^ log.source(k), 0x85ebca6b) + 0x165667b1;
    const slot = signature & (SEEN - 1);
    if (this.seen[slot] !== signature) {
      this.seen[slot] = signature;
      return;
    }
    this.keep(walker, d, from, to);
  }

  /** Puts recording d (log items [from, to)) in the tree, with what it did at its last node. */
  private keep(walker: GuideWalker, d: number, from: number, to: number): void {
    const log = this.log;
    const root = log.from(d);
    const frames = walker.framesFrom(log.top(d));
    if (frames === null) return;
    if (this.edgeParent.length === 0) this.grow(1 << 14);
    if (root >= this.roots.length) this.growRoots(root + 1);
    const plans: StepPlan[] = [];
    let node = -1;
    let at = log.base(d);
    for (let k = from; k < to; k++) {
      const source = log.source(k);
      if (source >= 0) {
        const ranges = log.ranges(k, at, this.shapes);
        if (ranges === null) return;
        node = this.child(root, node, log.end(k) - at, ranges.above, ranges.below, ranges.dates, log.plan(k));
        plans.push(log.plan(k));
        at = log.end(k);
      } else {
        // A run taken: the edges of its path, each again from here.
        let n = 0;
        for (let e = -2 - source; e >= 0; e = this.edgeParent[e]!) this.path[n++] = e;
        while (n > 0 && node !== -2) {
          const e = this.path[--n]!;
          const span = this.edgeSpan[e]!;
          const w = this.edgeWord[e]! * 4;
          const size = (span + 3) & ~3;
          node = this.child(root, node, span, new Uint8Array(this.above.buffer, w, size), new Uint8Array(this.below.buffer, w, size), this.edgeDates[e]!, this.edgePlans[e]!);
          plans.push(this.edgePlans[e]!);
          at += span;
        }
      }
      if (node === -2 || plans.length > MAX_RUN) return;
    }
    this.effects[node] = effectOf(frames, plans);
  }

  /**
   * The edge from `node` (-1: the root `root`) of `span` characters with these ranges, made when
   * there is none; -2 when the tree is full (then forgotten, with the log, whose items may name its edges).
   */
  private child(root: number, node: number, span: number, above: Uint8Array, below: Uint8Array, dates: Int32Array | null, plan: StepPlan): number {
    if (node === -2) return -2;
    const size = (span + 3) & ~3;
    let last = -1;
    for (let e = node < 0 ? this.roots[root]! : this.firstChild[node]!; e >= 0; last = e, e = this.edgeSibling[e]!) {
      if (this.edgeSpan[e] === span && this.sameRanges(e, size, above, below)) return e;
    }
    if (span > MAX_SPAN || this.edges === MAX_EDGES || this.words + (size >> 2) > MAX_WORDS) {
      this.forget();
      this.log.drop();
      return -2;
    }
    if (this.words + (size >> 2) > this.above.length) this.grow(this.above.length * 2);
    const e = this.edges++;
    const w = this.words;
    this.words += size >> 2;
    // (`above` may be a view of the ranges before grow(): that buffer still holds them.)
    new Uint8Array(this.above.buffer, w * 4, size).set(above.subarray(0, size));
    new Uint8Array(this.below.buffer, w * 4, size).set(below.subarray(0, size));
    this.edgeParent[e] = node;
    this.edgeSibling[e] = -1;
    this.firstChild[e] = -1;
    this.edgeSpan[e] = span;
    this.edgeWord[e] = w;
    this.edgeDates[e] = dates;
    this.edgeDated[e] = dates === null ? 0 : 1;
    this.edgePlans[e] = plan;
    this.effects[e] = undefined;
    if (last >= 0) this.edgeSibling[last] = e;
    else if (node < 0) this.roots[root] = e;
    else this.firstChild[node] = e;
    return e;
  }

  private sameRanges(e: number, size: number, above: Uint8Array, below: Uint8Array): boolean {
    const w = this.edgeWord[e]! * 4;
    const a = new Uint8Array(this.above.buffer, w, size);
    const b = new Uint8Array(this.below.buffer, w, size);
    for (let k = 0; k < size; k++) if (a[k] !== above[k] || b[k] !== below[k]) return false;
    return true;
  }

  /** Room for `words` words of ranges (the edge arrays made at their full size at the first call). */
  private grow(words: number): void {
    if (this.edgeParent.length === 0) {
      this.edgeParent = new Int32Array(MAX_EDGES);
      this.edgeSibling = new Int32Array(MAX_EDGES);
      this.firstChild = new Int32Array(MAX_EDGES);
      this.edgeSpan = new Int32Array(MAX_EDGES);
      this.edgeWord = new Int32Array(MAX_EDGES);
      this.edgeDated = new Uint8Array(MAX_EDGES);
    }
    const above = new Int32Array(words);
    const below = new Int32Array(words);
    above.set(this.above);
    below.set(this.below);
    this.above = above;
    this.below = below;
  }

  private growRoots(size: number): void {
    const roots = new Int32Array(Math.max(size, this.roots.length * 2, 1024)).fill(-1);
    roots.set(this.roots);
    this.roots = roots;
  }

  /** Forgets every run (the tree is full). */
  private forget(): void {
    this.roots.fill(-1);
    this.edges = 0;
    this.words = 0;
    this.effects = [];
    this.edgeDates = [];
    this.edgePlans = [];
  }
}
