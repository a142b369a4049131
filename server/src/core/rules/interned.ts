// Strings held once each and named by number, for the columns of lines a coding run keeps
// (keptLines.ts) and of a claim CSV's staged lines (csv/stagedRows.ts).

import { detached } from '../text';

/**
 * Strings numbered in the order first seen: a run's codes and providers are a few thousand at
 * most. Each is held as its own copy: a value read from a piece of a file may be a slice that
 * keeps the whole piece alive, and a run holds its values to its end.
 */
export class Interned {
  private readonly numbers = new Map<string, number>();
  readonly values: string[] = [];

  numberOf(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      const own = detached(value);
      this.numbers.set(own, n);
      this.values.push(own);
    }
    return n;
  }
}
