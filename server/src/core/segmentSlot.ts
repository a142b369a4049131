// What accepting a segment completion writes at the start of a segment: the id typed so far is
// replaced; an id the cursor stands in is replaced up to its element separator or terminator,
// never past them (in a one-line 837 the characters after the cursor may be the next segment's
// id: `~L|SE*` is an L typed before SE, not the id LSE); the element separator is added only when
// none follows. Pure text positions, for core/completion.ts.
import type { Delimiters, Span } from './model';

function isIdCharacter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

export interface SegmentSlot {
  text: string;
  delimiters: Delimiters;
  /** Where the segment (and the id typed so far) starts. */
  start: number;
  /** The cursor. */
  offset: number;
  /** The end of the id the cursor stands in, or the cursor when it stands in none. */
  idEnd: number;
  /**
   * typed: nothing of an id after the cursor; inside: the cursor is in (or at the start of) an
   * id; before: the characters after the cursor are an existing segment's id, which a new
   * segment goes before (unless the entry is that segment).
   */
  kind: 'typed' | 'inside' | 'before';
}

/** The slot at `offset`, where the id typed so far starts at `start`; `known` tells a segment id. */
export function segmentSlot(text: string, delimiters: Delimiters, start: number, offset: number, known: (id: string) => boolean): SegmentSlot {
  let idEnd = offset;
  while (idEnd < text.length && isIdCharacter(text.charCodeAt(idEnd)) && !isDelimiter(delimiters, text[idEnd]!)) idEnd++;
  const typed = text.slice(start, offset);
  const rest = text.slice(offset, idEnd);
  let kind: SegmentSlot['kind'];
  if (rest === '') kind = 'typed';
  else if (known(rest) && !(typed !== '' && known(typed + rest))) kind = 'before';
  else if (idEnd - start <= 3) kind = 'inside';
  else kind = 'typed';
  return { text, delimiters, start, offset, idEnd: kind === 'typed' ? offset : idEnd, kind };
}

function isDelimiter(d: Delimiters, c: string): boolean {
  return c === d.element || c === d.segment || c === d.component || c === d.repetition;
}

/** Does the text at `at` hold `label` whole (a delimiter, a blank or the end after it)? */
function holds(slot: SegmentSlot, label: string, at: number): boolean {
  const { text } = slot;
  if (!text.startsWith(label, at)) return false;
  const after = text[at + label.length];
  return after === undefined || isDelimiter(slot.delimiters, after) || after === ' ' || after === '\t' || after === '\n' || after === '\r';
}

/** The edit for the entry `label` (segment `id`, with its qualifier when the label names one). */
export function segmentEdit(slot: SegmentSlot, label: string, id: string): { span: Span; insertText: string } {
  const { text, start, offset, idEnd } = slot;
  const separator = slot.delimiters.element;
  // The entry is the segment already there: its id is kept as it is (no second separator).
  const already = holds(slot, label, start);
  if (slot.kind === 'before' && !already) return { span: { start, end: offset }, insertText: label + separator };
  const end = slot.kind === 'typed' ? offset : idEnd;
  const insertText = (already ? id : label) + (text[end] === separator ? '' : separator);
  return { span: { start, end }, insertText };
}
