// The modifiers of an 837 document's service lines (lineColumns.ts), all in one pool: each its
// value (the reader's string, held once per value: shortStrings.ts) and its span as two offsets.
// A row names its first modifier here and how many it has; a line written with modifiers had an
// array of them, an object for each and one for each span.

export class ModifierPool {
  /** Modifiers added so far. */
  count = 0;
  /** Grown by push() (an array made with `new Array(n)` past about 100,000 slots is a dictionary). */
  private values: string[] = [];
  /** Start and end of each modifier, two a modifier. */
  private spans: Int32Array;

  constructor(room: number) {
    this.spans = new Int32Array(room * 2);
  }

  /** Adds a modifier, written [start, end); returns its number. */
  add(value: string, start: number, end: number): number {
    const n = this.count;
    if (n * 2 === this.spans.length) this.grow();
    this.values.push(value);
    this.spans[n * 2] = start;
    this.spans[n * 2 + 1] = end;
    this.count = n + 1;
    return n;
  }

  value(n: number): string {
    return this.values[n]!;
  }

  start(n: number): number {
    return this.spans[n * 2]!;
  }

  end(n: number): number {
    return this.spans[n * 2 + 1]!;
  }

  /** Moves the spans of modifiers [first, first + count) by `by`. */
  shift(first: number, count: number, by: number): void {
    const spans = this.spans;
    for (let at = first * 2, last = (first + count) * 2; at < last; at++) spans[at] = spans[at]! + by;
  }

  /** No more room than the modifiers take (LineColumns.trim). */
  trim(): void {
    this.values = this.values.slice();
    this.spans = this.spans.slice(0, this.count * 2);
  }

  /** Twice the room for spans: they are copied. */
  private grow(): void {
    const room = Math.max(16, this.spans.length);
    const spans = new Int32Array(room * 2);
    spans.set(this.spans);
    this.spans = spans;
  }
}
