// What database and spreadsheet exports write in a cell that holds nothing: a modifier cell with
// one of these is read as empty (no modifier, nothing to report), compared without case.
export const EMPTY_CELL_WORDS: readonly string[] = ['null', 'none', 'n/a', '#n/a'];

/** Whether text[start, end) is one of EMPTY_CELL_WORDS (any case). */
export function isEmptyCellWord(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 3 || length > 4) return false;
  const word = text.slice(start, end).toLowerCase();
  return EMPTY_CELL_WORDS.includes(word);
}

/** Whether a cell's value, trimmed, is empty or one of EMPTY_CELL_WORDS. */
export function isEmptyCellValue(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || isEmptyCellWord(trimmed, 0, trimmed.length);
}
