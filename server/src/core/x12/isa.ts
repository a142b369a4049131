// Reads the delimiters of an interchange from its ISA header. The ISA is the only segment whose
// layout is fixed, so it is the only place the delimiters can come from.

import type { Delimiters, Span } from '../model';
import type { Source } from './source';

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
  /**
   * Blanks between ISA16 and the line break that terminates the header (see terminatorAfter);
   * null when there are none. Receivers take the character after ISA16 as the terminator, so the
   * reader reports them as an error (parse837.ts).
   */
  blanks: Span | null;
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

/** isIsaAt, of text or of the bytes of ASCII text (source.ts). */
export function isIsaAtIn(source: Source, at: number): boolean {
  if (typeof source === 'string') return isIsaAt(source, at);
  if (source[at] !== 73 || source[at + 1] !== 83 || source[at + 2] !== 65 || at + 3 >= source.length) return false;
  const code = source[at + 3]!;
  return !isAlphanumeric(code) && !isBlank(code);
}

/** skipLeadingBlanks, of text or of the bytes of ASCII text. */
export function skipLeadingBlanksIn(source: Source): number {
  if (typeof source === 'string') return skipLeadingBlanks(source);
  let at = 0;
  while (at < source.length && isBlank(source[at]!)) at++;
  return at;
}

/** What may not follow `ISA` at the start of a later line for it to begin a header (see isaOnLaterLine). */
const NOT_A_SEPARATOR = /[\sA-Za-z0-9]/;

/**
 * Offset of the first `ISA` and delimiter that begins a line after `from` (after blanks), when it
 * starts before `limit`; else -1. The same lines the tokenizer takes an interchange from when a
 * note stands above its header (tokenizer.ts reads past such a note with this), found without reading past
 * `limit`, so that the format test of a long text that is not X12 reads its start only.
 */
export function isaOnLaterLine(text: string, from: number, limit: number): number {
  const end = Math.min(limit, text.length);
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    let at = i + 1;
    while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9 || text.charCodeAt(at) === 0xfeff)) at++;
    if (at < end && text.startsWith('ISA', at) && at + 3 < text.length && !NOT_A_SEPARATOR.test(text.charAt(at + 3))) return at;
  }
  return -1;
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
  if (isa16 + 1 >= text.length) {
    return { message: 'ISA header is incomplete: no component separator (ISA16) and segment terminator after it' };
  }
  const component = text.charCodeAt(isa16);
  const terminatorOffset = terminatorAfter(text, isa16 + 1, Math.min(text.length, at + ISA_LOOKAHEAD));
  const segment = text.charCodeAt(terminatorOffset);
  // Blanks between ISA16 and a line break that terminates (the CR of a CR LF is the line break's).
  let blanksEnd = terminatorOffset;
  if (segment === 10 && text.charCodeAt(blanksEnd - 1) === 13) blanksEnd--;
  const blanks: Span | null = blanksEnd > isa16 + 1 ? { start: isa16 + 1, end: blanksEnd } : null;
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
    blanks,
  };
}

/**
 * Offset of the segment terminator of an ISA whose ISA16 ends at `after`: the character there,
 * except where the segments end at line breaks:
 * - CR LF: the line break is the terminator. CR ends the segments (LF is then a gap) when every
 *   line break in the header's lookahead (`reach`) is CR LF too; LF does when one is LF alone (an
 *   ISA line saved with CR LF in a file of LF lines), so that those lines stay segments (the CR
 *   of a CR LF line, the ISA's included, is then left in its segment, as a trailing blank).
 * - Blanks, then a line break: padding left on the ISA line, not a terminator (padded ISA fields
 *   hold spaces, so a blank could never be one); the line break after them is, and the reader
 *   reports the blanks (IsaHeader.blanks).
 * Only text before `reach` is read, so what follows a header's lookahead cannot change it.
 */
function terminatorAfter(text: string, after: number, reach: number): number {
  let at = after;
  while (at < reach && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  if (at >= reach) return after;
  const code = text.charCodeAt(at);
  if (code === 13 && at + 1 < reach && text.charCodeAt(at + 1) === 10) return hasBareLineFeed(text, at + 2, reach) ? at + 1 : at;
  return at > after && (code === 10 || code === 13) ? at : after;
}

/** Whether text[from, reach) holds an LF with no CR before it (read up to `reach` only: indexOf would search a file of one line to its end). */
function hasBareLineFeed(text: string, from: number, reach: number): boolean {
  for (let at = from; at < reach; at++) {
    if (text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) !== 13) return true;
  }
  return false;
}

export function isIsaProblem(result: IsaHeader | IsaProblem): result is IsaProblem {
  return (result as IsaProblem).message !== undefined;
}
