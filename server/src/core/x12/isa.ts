// Reads the delimiters of an interchange from its ISA header. The ISA is the only segment whose
// layout is fixed, so it is the only place the delimiters can come from.

import type { Delimiters } from '../model';

/** Widths of ISA01..ISA16 when the header is padded as the standard requires (106 chars with the terminator). */
const ISA_FIELD_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;

/** Offsets (from the I of ISA) of the 16 element separators in a fixed-width header. */
const FIXED_SEPARATOR_OFFSETS: readonly number[] = (() => {
  const offsets: number[] = [];
  let at = 3;
  for (const width of ISA_FIELD_WIDTHS) {
    offsets.push(at);
    at += 1 + width;
  }
  return offsets;
})();

/** Offset of the segment terminator in a fixed-width header (ISA16 is the character before it). */
const FIXED_TERMINATOR = 105;

/** How far to look for the 16 separators of an unpadded header (a padded one is 106 chars). */
const UNPADDED_SEARCH_LIMIT = 512;

/** How far past its first character reading an ISA header may look (so text beyond it cannot change what the header says). */
export const ISA_LOOKAHEAD = Math.max(UNPADDED_SEARCH_LIMIT, FIXED_TERMINATOR) + 1;

export interface IsaHeader {
  delimiters: Delimiters;
  /** Offset of the segment terminator that ends the ISA. */
  terminatorOffset: number;
  /** False when the fields are not padded to their fixed widths (read by splitting instead). */
  fixedWidth: boolean;
}

export interface IsaProblem {
  /** Why the header cannot be used, phrased for a diagnostic. */
  message: string;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xfeff;
}

/** True when `text` has `ISA` at `at` followed by something that can be an element separator. */
export function isIsaAt(text: string, at: number): boolean {
  return (
    text.charCodeAt(at) === 73 /* I */ &&
    text.charCodeAt(at + 1) === 83 /* S */ &&
    text.charCodeAt(at + 2) === 65 /* A */ &&
    at + 3 < text.length &&
    !isAlphanumeric(text.charCodeAt(at + 3)) &&
    !isBlank(text.charCodeAt(at + 3))
  );
}

/** Offset of the first character that is not whitespace or a byte-order mark. */
export function skipLeadingBlanks(text: string, from = 0): number {
  let at = from;
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Reads the ISA header starting at `at` (which must satisfy isIsaAt). Fixed width first; when
 * ISA16 is not where the standard puts it, splits on the element separator instead.
 */
export function readIsaHeader(text: string, at: number): IsaHeader | IsaProblem {
  const element = text.charCodeAt(at + 3);
  let fixedWidth = at + FIXED_TERMINATOR < text.length;
  for (let f = 0; fixedWidth && f < FIXED_SEPARATOR_OFFSETS.length; f++) {
    if (text.charCodeAt(at + FIXED_SEPARATOR_OFFSETS[f]!) !== element) fixedWidth = false;
  }

  // Offsets where each field starts (ISA01..ISA16), found one way or the other.
  const fieldStarts: number[] = [];
  if (fixedWidth) {
    for (const sep of FIXED_SEPARATOR_OFFSETS) fieldStarts.push(at + sep + 1);
  } else {
    const limit = Math.min(text.length, at + UNPADDED_SEARCH_LIMIT);
    for (let i = at + 3; i < limit && fieldStarts.length < 16; i++) {
      if (text.charCodeAt(i) === element) fieldStarts.push(i + 1);
    }
    if (fieldStarts.length < 16) {
      return {
        message: `ISA header is incomplete: found ${fieldStarts.length} of its 16 elements`,
      };
    }
  }

  const isa16 = fieldStarts[15]!;
  const terminatorOffset = isa16 + 1;
  if (terminatorOffset >= text.length) {
    return { message: 'ISA header is incomplete: no component separator (ISA16) and segment terminator after it' };
  }
  const component = text.charCodeAt(isa16);
  const segment = text.charCodeAt(terminatorOffset);
  if (component === element || segment === element || segment === component) {
    return { message: 'ISA delimiters clash: the element separator, ISA16 and the segment terminator must all differ' };
  }
  if (isAlphanumeric(component) || isAlphanumeric(segment)) {
    return { message: 'ISA16 and the character after it must be delimiters, not letters or digits' };
  }
  // The header cannot contain its own terminator or a line break; finding one means the fields
  // counted above ran into the next segment (a header still being typed, or cut short).
  for (let i = at + 4; i < isa16; i++) {
    const code = text.charCodeAt(i);
    if (code === segment || code === 10 || code === 13) {
      return { message: 'ISA header is incomplete: it ends before its 16th element' };
    }
  }

  // ISA11: a repetition separator in 5010; the letter U (a standards identifier) in 4010.
  const isa11Start = fieldStarts[10]!;
  const isa11End = fieldStarts[11]! - 1;
  let repetition: string | null = null;
  if (isa11End - isa11Start === 1) {
    const code = text.charCodeAt(isa11Start);
    if (!isAlphanumeric(code) && !isBlank(code) && code !== component && code !== segment) {
      repetition = String.fromCharCode(code);
    }
  }

  return {
    delimiters: {
      element: String.fromCharCode(element),
      component: String.fromCharCode(component),
      repetition,
      segment: String.fromCharCode(segment),
    },
    terminatorOffset,
    fixedWidth,
  };
}

export function isIsaProblem(result: IsaHeader | IsaProblem): result is IsaProblem {
  return (result as IsaProblem).message !== undefined;
}
