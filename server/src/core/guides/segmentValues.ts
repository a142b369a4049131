// One segment's values read from its offsets in the text, as the walker asks for them: a value
// (ValueAt, a string) or a packed qualifier (KeyAt, a number, no string made). One reader serves
// every segment of a pass: point it at a segment with at(), then hand out its two functions.
import { componentOf } from './valueTypes';
import { packCode, type ValueAt } from './load';
import type { SegmentReader } from './fastCheck';
import type { KeyAt } from './transitions';

export class SegmentValues {
  private reader: SegmentReader | null = null;
  private segment = -1;
  private readonly separatorCode: number;

  constructor(private readonly componentSeparator: string) {
    this.separatorCode = componentSeparator.charCodeAt(0);
  }

  /** Reads segment `i` of `reader` from now on. */
  at(reader: SegmentReader, i: number): this {
    this.reader = reader;
    this.segment = i;
    return this;
  }

  readonly valueAt: ValueAt = (position, component) => {
    const reader = this.reader!;
    const start = reader.elementStartOf(this.segment, position);
    if (start < 0) return '';
    const raw = reader.text.slice(start, reader.elementEnd(this.segment, position));
    return component === 0 ? raw : componentOf(raw, this.componentSeparator, component);
  };

  /** The same value as a packed number (load.ts packCode; 0 when empty, -1 when it does not pack). */
  readonly keyAt: KeyAt = (position, component) => {
    const reader = this.reader!;
    let start = reader.elementStartOf(this.segment, position);
    if (start < 0) return 0;
    let end = reader.elementEnd(this.segment, position);
    if (component > 0) {
      const text = reader.text;
      for (let c = 1; c < component; c++) {
        while (start < end && text.charCodeAt(start) !== this.separatorCode) start++;
        if (start === end) return 0;
        start++;
      }
      let stop = start;
      while (stop < end && text.charCodeAt(stop) !== this.separatorCode) stop++;
      end = stop;
    }
    return start === end ? 0 : packCode(reader.text, start, end);
  };
}
