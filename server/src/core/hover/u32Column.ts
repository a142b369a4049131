/** A growable Uint32Array (a disk index's column): a value set at any index, the array doubled past its end. */
export class U32 {
  values = new Uint32Array(1024);
  push(at: number, value: number): void {
    if (at >= this.values.length) {
      const grown = new Uint32Array(Math.max(this.values.length * 2, at + 1));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[at] = value;
  }
}
