// Items named in a sentence: "A", "A and B", "A, B and C" (or "or"), as messages list codes,
// lines and claims.

/** "A, B and C". */
export function listWithAnd(items: readonly string[]): string {
  return listWith(items, 'and');
}

/** "A, B or C". */
export function listWithOr(items: readonly string[]): string {
  return listWith(items, 'or');
}

function listWith(items: readonly string[], conjunction: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
