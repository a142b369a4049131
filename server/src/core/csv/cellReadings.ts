// What a column's cells say, each distinct cell read once: an export repeats a few values (claim
// types, frequency codes) over many rows. At most MAX_CELLS readings are held, so a column of
// distinct values (a free-text column taken for one of these) does not grow without bound.

const MAX_CELLS = 1000;

export class CellReadings<T> {
  private readonly readings = new Map<string, T>();

  constructor(private readonly readCell: (cell: string) => T) {}

  read(cell: string): T {
    let reading = this.readings.get(cell);
    if (reading === undefined && !this.readings.has(cell)) {
      if (this.readings.size >= MAX_CELLS) this.readings.clear();
      reading = this.readCell(cell);
      this.readings.set(cell, reading);
    }
    return reading as T;
  }
}
