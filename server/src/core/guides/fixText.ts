// Small readers of segment text the guide fixes share: a segment's id as the guide validator
// reads it, a value by its span, digits and blanks, the last segment of a span. Pure.
import type { Span, X12Index } from '../model';

/** A segment's id as the guide validator reads it: leading blanks (what trimStart removes) dropped when it starts with one. */
export function guideIdOf(ix: X12Index, i: number): string {
  const id = ix.segmentId(i);
  return id.length > 0 && id.charCodeAt(0) <= 32 ? id.trimStart() : id;
}

export function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function isBlanks(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== 32) return false;
  return true;
}

export function valueOf(text: string, span: Span | undefined): string {
  return span ? text.slice(span.start, span.end) : '';
}

/** The last segment that starts before `end` and at or after `start`, or -1. */
export function lastSegmentIn(ix: X12Index, span: Span): number {
  for (let at = span.end - 1; at >= span.start; at--) {
    const s = ix.segmentAt(at);
    if (s >= 0) return ix.segmentSpan(s).start >= span.start ? s : -1;
  }
  return -1;
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}
