// Codes as numbers: a code of up to PACKED_CODE_LENGTH ASCII characters packs into one number
// (packCode), and an element's valid codes into a set or a short array of them (packedCodesOf),
// so the fast checks and the walker look a value up from its offsets without making a string.
// Apart from load.ts, which links the guides with these sets, because the hot path calls
// packCode and hasPackedCode for every segment: small and read on their own.
import { PACKED_CODE_LENGTH, type PackedCodes } from './schema';

const packedSets = new Map<ReadonlySet<string>, PackedCodes>();

/** Codes of up to PACKED_CODE_LENGTH ASCII characters as numbers (packCode), so a value is looked up without making a string. */
export function packedCodesOf(codes: ReadonlySet<string> | null): PackedCodes | null {
  if (codes === null) return null;
  let packed = packedSets.get(codes);
  if (!packed) {
    const set = new Set<number>();
    let unpacked = 0;
    for (const code of codes) {
      const n = packCode(code, 0, code.length);
      if (n < 0) unpacked++;
      else set.add(n);
    }
    const few = set.size <= FEW_CODES && [...set].every((n) => n <= SMALL_CODE_LIMIT) ? Int32Array.from(set) : null;
    packedSets.set(codes, (packed = { set, few, unpacked }));
  }
  return packed;
}

/** Up to this many codes are looked up by a scan of an array (faster than a set for short lists, the usual qualifier lists). */
const FEW_CODES = 8;
/** Codes of up to four characters pack under 2^28: small integers, compared as such. */
const SMALL_CODE_LIMIT = 0x7fffffff;

/** Is the packed code `n` one of `packed`? */
export function hasPackedCode(packed: PackedCodes, n: number): boolean {
  const few = packed.few;
  if (few === null) return packed.set.has(n);
  if (n > SMALL_CODE_LIMIT) return false;
  for (let i = 0; i < few.length; i++) if (few[i] === n) return true;
  return false;
}

/**
 * A code of 1..PACKED_CODE_LENGTH ASCII characters (text[start..end)) as one number, base 128;
 * -1 for anything else.
 */
export function packCode(text: string, start: number, end: number): number {
  if (end <= start || end - start > PACKED_CODE_LENGTH) return -1;
  let n = 0;
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c >= 128 || c === 0) return -1;
    n = n * 128 + c;
  }
  return n;
}
