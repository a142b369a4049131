// What keeps the guide checks bounded on degenerate files (a run of empty segments, millions of
// copies of one stray segment): a problem is listed at most REPEAT_LIMIT times per transaction
// set, and a run of identical segments that add only problems past the limit is not read again.
// Part of the validator's state between segments (RepeatLimit has a snapshot for checkpoints).

/** A problem (rule, segment id, element) is listed at most this many times per transaction set. */
export const REPEAT_LIMIT = 10_000;
/** Distinct problems counted per transaction set; past it, further ones are counted by rule alone. */
const REPEAT_KEYS = 4096;
/** A run of identical stray segments is skipped only for segments up to this long (the comparison reads them). */
const STRAY_LENGTH = 256;

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/** How often each problem was found in the current transaction set, and how many were listed or dropped. */
export class RepeatLimit {
  private counts = new Map<string, number>();
  /** Findings listed and dropped so far (StrayRun reads them). */
  listed = 0;
  dropped = 0;

  /**
   * One more finding of a problem: 'listed' (list it), 'last' (list it, saying later ones are
   * not listed) or 'dropped'.
   */
  count(rule: string, segmentId: string, position: number | undefined, component: number | undefined): 'listed' | 'last' | 'dropped' {
    const counts = this.counts;
    let key = `${rule}|${segmentId}|${position ?? ''}|${component ?? ''}`;
    if (!counts.has(key) && counts.size >= REPEAT_KEYS) key = `${rule}|*`;
    // Counted up to one past the limit: what is past it is not listed, whatever the number.
    const seen = Math.min((counts.get(key) ?? 0) + 1, REPEAT_LIMIT + 1);
    counts.set(key, seen);
    if (seen > REPEAT_LIMIT) {
      this.dropped++;
      return 'dropped';
    }
    this.listed++;
    return seen === REPEAT_LIMIT ? 'last' : 'listed';
  }

  /** A new transaction set. */
  reset(): void {
    if (this.counts.size > 0) this.counts = new Map();
  }

  /** The counts, as a copy (the shared empty map when there are none). */
  snapshot(): ReadonlyMap<string, number> {
    return this.counts.size === 0 ? NO_COUNTS : new Map(this.counts);
  }

  static restore(counts: ReadonlyMap<string, number>): RepeatLimit {
    const limit = new RepeatLimit();
    limit.counts = new Map(counts);
    return limit;
  }

  inState(counts: ReadonlyMap<string, number>): boolean {
    if (this.counts.size !== counts.size) return false;
    for (const [key, n] of this.counts) if (counts.get(key) !== n) return false;
    return true;
  }
}

/** The sentence the last listed finding of a problem ends with. */
export const LAST_LISTED = ` The same problem is listed no more than ${REPEAT_LIMIT} times in a transaction set; later ones are not listed.`;

/**
 * A run of identical segments the guide has no place for: once one of them adds only findings
 * past the limit and leaves the walk where it was, the same text right after it would do the
 * same, so it need not be read again.
 */
export class StrayRun {
  /** The last segment read when a run of its text may be skipped (its index), else -2. */
  private index = -2;
  private text: string | null = null;
  private start = 0;
  private end = 0;

  /** Is segment i, text[start, end), the same as the stray segment just before it? Then it is taken as read. */
  skips(text: string, i: number, start: number, end: number): boolean {
    if (this.index !== i - 1 || this.text !== text || end - start !== this.end - this.start) return false;
    for (let k = 0; k < end - start; k++) if (text.charCodeAt(this.start + k) !== text.charCodeAt(start + k)) return false;
    this.index = i;
    this.start = start;
    this.end = end;
    return true;
  }

  /** Segment i was read; `stray` when it added only findings past the limit and changed nothing else. */
  read(text: string, i: number, start: number, end: number, stray: boolean): void {
    const skippable = stray && end - start <= STRAY_LENGTH;
    this.index = skippable ? i : -2;
    this.text = skippable ? text : null;
    this.start = start;
    this.end = end;
  }
}
