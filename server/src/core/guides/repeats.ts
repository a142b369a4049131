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
/** The end of the key problems past REPEAT_KEYS are counted under (with their rule alone). */
const ANY_PROBLEM = '|*';

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/**
 * The counts a transaction set ended with, filled in when the next set starts or the pass ends.
 * Every checkpoint taken in the set shares it: an edit's pass can then tell whether counts that
 * differ from a checkpoint's still lead to the same findings up to the set's end (meets).
 */
export interface SetEnding {
  counts: ReadonlyMap<string, number> | null;
}

/**
 * What a pass that met an earlier one with other counts carries into the earlier pass's later
 * checkpoints of the same set: those that shared `from` get `to`, their counts moved by `diff`.
 */
export interface RepeatCarry {
  from: SetEnding;
  to: SetEnding;
  diff: ReadonlyMap<string, number>;
}

/** `counts` with `diff` added (a count that comes to 0 goes). */
export function movedCounts(counts: ReadonlyMap<string, number>, diff: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  if (diff.size === 0) return counts;
  const out = new Map(counts);
  for (const [key, by] of diff) {
    const n = (out.get(key) ?? 0) + by;
    if (n > 0) out.set(key, n);
    else out.delete(key);
  }
  return out.size === 0 ? NO_COUNTS : out;
}

/** How often each problem was found in the current transaction set, and how many were listed or dropped. */
export class RepeatLimit {
  private counts = new Map<string, number>();
  /** Findings listed and dropped so far (StrayRun reads them). */
  listed = 0;
  dropped = 0;
  /** The current set's ending (see SetEnding). */
  ending: SetEnding = { counts: null };

  /**
   * One more finding of a problem: 'listed' (list it), 'last' (list it, saying later ones are
   * not listed) or 'dropped'.
   */
  count(rule: string, segmentId: string, position: number | undefined, component: number | undefined): 'listed' | 'last' | 'dropped' {
    const counts = this.counts;
    let key = `${rule}|${segmentId}|${position ?? ''}|${component ?? ''}`;
    if (!counts.has(key) && counts.size >= REPEAT_KEYS) key = `${rule}${ANY_PROBLEM}`;
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

  /** A new transaction set (the one before it ends). */
  reset(): void {
    this.close();
    if (this.counts.size > 0) this.counts = new Map();
    this.ending = { counts: null };
  }

  /** The current set ends (the next one starts, or the pass ends): its ending gets its counts. */
  close(): void {
    if (this.ending.counts === null) this.ending.counts = this.snapshot();
  }

  /** The counts, as a copy (the shared empty map when there are none). */
  snapshot(): ReadonlyMap<string, number> {
    return this.counts.size === 0 ? NO_COUNTS : new Map(this.counts);
  }

  /** A limit with the counts of a snapshot, in a set whose ending is yet to come. */
  static restore(counts: ReadonlyMap<string, number>): RepeatLimit {
    const limit = new RepeatLimit();
    limit.counts = new Map(counts);
    return limit;
  }

  /**
   * Whether this pass, from here to the end of its set, lists the findings an earlier pass
   * listed from a checkpoint with `counts`, where that pass's set ended with `ending`, when both
   * read the same segments from here: the same counts; or counts that differ only in problems
   * neither pass reaches the limit of (the earlier pass's later findings of each are known from
   * its ending), with no problem counted by rule alone (`rule|*`) in either.
   */
  meets(counts: ReadonlyMap<string, number>, ending: SetEnding): boolean {
    const diff = this.diff(counts);
    if (diff.size === 0) return true;
    const final = ending.counts;
    if (final === null) return false;
    for (const key of final.keys()) if (key.endsWith(ANY_PROBLEM)) return false;
    let added = 0;
    for (const [key, by] of diff) {
      if (key.endsWith(ANY_PROBLEM)) return false;
      const then = counts.get(key) ?? 0;
      const last = final.get(key) ?? 0;
      if (last === 0) added++;
      // The earlier pass found it `last - then` more times to the set's end, and listed them all.
      if (last >= REPEAT_LIMIT || then + by + (last - then) >= REPEAT_LIMIT) return false;
    }
    return final.size + added < REPEAT_KEYS;
  }

  /**
   * Takes up an earlier pass that this one meets (meets() is true) at a checkpoint with
   * `counts` and `ending`: this set ends as the earlier one did, moved by the difference.
   */
  carry(counts: ReadonlyMap<string, number>, ending: SetEnding): RepeatCarry {
    const diff = this.diff(counts);
    if (ending.counts !== null) this.ending.counts = movedCounts(ending.counts, diff);
    return { from: ending, to: this.ending, diff };
  }

  /** This pass's counts minus `counts`, for the problems where they differ. */
  private diff(counts: ReadonlyMap<string, number>): Map<string, number> {
    const diff = new Map<string, number>();
    for (const [key, n] of this.counts) {
      const then = counts.get(key) ?? 0;
      if (n !== then) diff.set(key, n - then);
    }
    for (const [key, then] of counts) if (!this.counts.has(key)) diff.set(key, -then);
    return diff;
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

  /** A segment was read that no segment after it may be skipped for (read() with `stray` false). */
  none(): void {
    this.index = -2;
    this.text = null;
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
