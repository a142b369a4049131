// Growing a typed array of a table's column: a larger array holding the values so far.

/** `into` (a larger array) holding `from`'s values. */
export function grown<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from);
  return into;
}
