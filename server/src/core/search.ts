/** Index of the last of the first `length` sorted values that is <= value, or -1 when none is. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number, length: number = sorted.length): number {
  if (length === 0 || sorted[0]! > value) return -1;
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (sorted[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Index of the first of `length` items, in ascending order of key(i), whose key is >= value
 * (`length` when none is): the one binary search the offset lookups share (claims, HL segments,
 * envelopes by where they start; line classes by their first day; lines' charges by where they
 * start; codes by their text).
 */
export function firstKeyAtOrAfter<K extends number | string>(length: number, key: (i: number) => K, value: K): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (key(mid) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
