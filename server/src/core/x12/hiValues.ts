// The values of an HI segment (a claim's health care codes), read once: each element's qualifier
// and code offsets and its position (HI01, HI02...). The diagnosis pointers count the diagnosis
// codes among them (diagnosisPointers.ts), and the codes' form and code set are checked from them
// (diagnosisCodes.ts): one walk over the segment's characters for both.

import { codeAt, type Source } from './source';
import { grown } from '../typedArrays';

export class HiValues {
  /** Values read with a qualifier and a code (count), each's element number, qualifier start and end, code start and end. */
  count = 0;
  element = new Int32Array(12);
  qualifierStart = new Int32Array(12);
  qualifierEnd = new Int32Array(12);
  codeStart = new Int32Array(12);
  codeEnd = new Int32Array(12);
  /** A value that is not empty has no component separator: its qualifier and code cannot be told apart. */
  separatorMissing = false;

  /** Reads HI segment source[start, end) (without its terminator); `element`, `component`: the separators' codes. Returns this. */
  read(source: Source, start: number, end: number, element: number, component: number): this {
    this.count = 0;
    this.separatorMissing = false;
    let at = start;
    // The segment id, then element by element.
    while (at < end && codeAt(source, at) !== element) at++;
    for (let k = 1; at < end; k++) {
      const from = at + 1;
      let qualifierEnd = from;
      while (qualifierEnd < end && codeAt(source, qualifierEnd) !== component && codeAt(source, qualifierEnd) !== element) qualifierEnd++;
      let next = qualifierEnd;
      while (next < end && codeAt(source, next) !== element) next++;
      at = next;
      // An empty value is none; a value without a component separator is no qualifier and code.
      if (qualifierEnd === next) {
        if (next > from) this.separatorMissing = true;
        continue;
      }
      const codeStart = qualifierEnd + 1;
      let codeEnd = codeStart;
      while (codeEnd < next && codeAt(source, codeEnd) !== component) codeEnd++;
      if (codeEnd === codeStart) continue;
      this.add(k, from, qualifierEnd, codeStart, codeEnd);
    }
    return this;
  }

  private add(k: number, qualifierStart: number, qualifierEnd: number, codeStart: number, codeEnd: number): void {
    const i = this.count++;
    if (i >= this.element.length) {
      const size = this.element.length * 2;
      this.element = grown(this.element, new Int32Array(size));
      this.qualifierStart = grown(this.qualifierStart, new Int32Array(size));
      this.qualifierEnd = grown(this.qualifierEnd, new Int32Array(size));
      this.codeStart = grown(this.codeStart, new Int32Array(size));
      this.codeEnd = grown(this.codeEnd, new Int32Array(size));
    }
    this.element[i] = k;
    this.qualifierStart[i] = qualifierStart;
    this.qualifierEnd[i] = qualifierEnd;
    this.codeStart[i] = codeStart;
    this.codeEnd[i] = codeEnd;
  }
}
