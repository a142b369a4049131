// Findings' data (what a fix reads of a finding: the PTP edit that fired, the lines it names)
// held until the report is done with them (findingList.ts), as numbers where it can be: an object
// whose values are all strings and 32-bit integers is its keys and strings, held once for every
// object that shares them, and its integers. A PTP finding's data (the edit's codes, indicator
// and table, the two lines' claims and places) was an object of ten fields, about 100 bytes of
// the JavaScript heap; here it is a number for its keys and strings and four or five for its
// integers. Any other data (nested line lists) is held as it is.

import type { FindingData } from '../core/model';

/** A finding's shape number when it has no data; held data is numbered below it (NONE - 1 - n for the nth). */
const NONE = -1;

/** Keys and string values shared by data objects: the value of key k is strings[k], or the next integer where that is null. */
interface Shape {
  keys: string[];
  strings: (string | null)[];
}

export class FindingDataList {
  /** Per data added: its shape's number (NONE: none; NONE - 1 - n: the nth held as it is). */
  private shapeOf = new Int32Array(256);
  /** Per data added: where its integers start in `integers`. */
  private integersAt = new Uint32Array(256);
  private count = 0;
  private integers = new Int32Array(1024);
  private integerCount = 0;
  private readonly shapes: Shape[] = [];
  private readonly shapeNumbers = new Map<string, number>();
  private readonly held: FindingData[] = [];

  get length(): number {
    return this.count;
  }

  /** Adds a finding's data (undefined: none) and returns its number. */
  add(data: FindingData | undefined): number {
    const n = this.count++;
    if (n === this.shapeOf.length) {
      this.shapeOf = grown(this.shapeOf, n * 2);
      this.integersAt = grown(this.integersAt, n * 2);
    }
    this.integersAt[n] = this.integerCount;
    if (data === undefined) {
      this.shapeOf[n] = NONE;
      return n;
    }
    const shape = this.shapeNumber(data);
    if (shape < 0) {
      this.held.push(data);
      this.shapeOf[n] = NONE - this.held.length;
    } else {
      this.shapeOf[n] = shape;
    }
    return n;
  }

  /** Forgets the data added after the first `count`. */
  truncate(count: number): void {
    if (count >= this.count) return;
    this.count = count;
    this.integerCount = count === 0 ? 0 : this.integersAt[count]!;
    let held = 0;
    for (let n = 0; n < count; n++) if (this.shapeOf[n]! < NONE) held++;
    this.held.length = held;
  }

  /** The data added as number `n`: an object equal to it (the same one when it was held as it is). */
  get(n: number): FindingData | undefined {
    const shapeNumber = this.shapeOf[n]!;
    if (shapeNumber === NONE) return undefined;
    if (shapeNumber < NONE) return this.held[NONE - shapeNumber - 1]!;
    const shape = this.shapes[shapeNumber]!;
    const out: Record<string, string | number> = {};
    let at = this.integersAt[n]!;
    for (let k = 0; k < shape.keys.length; k++) out[shape.keys[k]!] = shape.strings[k] ?? this.integers[at++]!;
    return out as unknown as FindingData;
  }

  /** The number of the data's shape, its integers written; -1 when it has another value than a string or a 32-bit integer. */
  private shapeNumber(data: FindingData): number {
    if (Object.getPrototypeOf(data) !== Object.prototype) return -1;
    const record = data as unknown as Record<string, unknown>;
    const keys = Object.keys(record);
    let key = '';
    const from = this.integerCount;
    for (const k of keys) {
      const value = record[k];
      if (typeof value === 'string') {
        key += `${k}\u0000s${value}\u0000`;
      } else if (typeof value === 'number' && (value | 0) === value && !Object.is(value, -0)) {
        key += `${k}\u0000n\u0000`;
        this.pushInteger(value);
      } else {
        this.integerCount = from;
        return -1;
      }
    }
    let n = this.shapeNumbers.get(key);
    if (n === undefined) {
      n = this.shapes.length;
      this.shapes.push({ keys, strings: keys.map((k) => (typeof record[k] === 'string' ? (record[k] as string) : null)) });
      this.shapeNumbers.set(key, n);
    }
    return n;
  }

  private pushInteger(value: number): void {
    if (this.integerCount === this.integers.length) this.integers = grown(this.integers, this.integerCount * 2);
    this.integers[this.integerCount++] = value;
  }
}

function grown<T extends Int32Array | Uint32Array>(from: T, size: number): T {
  const into = new (from.constructor as new (length: number) => T)(size);
  into.set(from);
  return into;
}
