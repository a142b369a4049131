// Character-code tests the hand-written scanners share (CSV cells, procedure codes, messages).

/** An ASCII digit 0-9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
