// Which edits fix-all has accepted so far, for the guide fixes it combines (fixes.ts): a question
// of overlap in O(log n), by a Fenwick tree over the candidate edits' starts.
import type { TextEdit } from '../edits';

/**
 * The edits fix-all has accepted, asked whether a part's edits overlap any of them. An edit [s, t)
 * overlaps an accepted one that starts before t and ends after s; an insertion at s (an empty
 * span), one that starts at or before s and ends after it (so also one that starts at s). Over
 * every candidate edit's start, sorted, a Fenwick tree keeps the greatest end accepted so far up
 * to each start: a question or an acceptance is O(log n), where checking each part against every
 * part accepted before it was quadratic (thousands of SE01 or IEA01 fixes, each a part).
 */
export class AcceptedEdits {
  /** The distinct starts of every candidate edit, ascending. */
  private readonly starts: number[];
  /** 1-based: tree[i] is the greatest end accepted among the starts it covers. */
  private readonly tree: Float64Array;

  constructor(candidates: readonly (readonly TextEdit[])[]) {
    const all = candidates.flatMap((edits) => edits.map((e) => e.span.start)).sort((a, b) => a - b);
    this.starts = all.filter((start, i) => i === 0 || start !== all[i - 1]);
    this.tree = new Float64Array(this.starts.length + 1).fill(-Infinity);
  }

  /** Whether any of these edits overlaps an accepted one. */
  overlaps(edits: readonly TextEdit[]): boolean {
    return edits.some(({ span }) => this.greatestEndBefore(span.start === span.end ? this.countStarts(span.start, true) : this.countStarts(span.end, false)) > span.start);
  }

  add(edits: readonly TextEdit[]): void {
    for (const { span } of edits) {
      for (let i = this.countStarts(span.start, false) + 1; i < this.tree.length; i += i & -i) if (this.tree[i]! < span.end) this.tree[i] = span.end;
    }
  }

  /** How many distinct starts are below offset (or at it, with `atToo`). */
  private countStarts(offset: number, atToo: boolean): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.starts[mid]! < offset || (atToo && this.starts[mid] === offset)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The greatest end accepted among the first `count` starts. */
  private greatestEndBefore(count: number): number {
    let greatest = -Infinity;
    for (let i = count; i > 0; i -= i & -i) if (this.tree[i]! > greatest) greatest = this.tree[i]!;
    return greatest;
  }
}
