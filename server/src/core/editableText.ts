// An open document's text as the server holds it: edited in place, its line starts kept up to
// date by each edit (EditableText), a long one-byte text held as latin-1 bytes with room to grow.

import type { Span } from './model';
import { OffsetList } from './offsetList';
import { lineStartsByCharacter, lineStartsIn, lineStartsOf, type Position, type Positions, type Range } from './text';

/** Texts at least this long whose characters all fit in a byte are edited as bytes (EditableText). */
const BYTES_FROM = 4 * 1024 * 1024;

/** A character over U+00FF: such a text has no latin-1 bytes. */
const WIDE_CHARACTER = /[^\u0000-\u00ff]/;

/** Room left for a text of `size` bytes to grow into before its bytes are copied again. */
function roomFor(size: number): number {
  return Math.max(1 << 16, size >> 5);
}

/**
 * A region of a text's edits since a mark: [start, oldEnd) of the text as it was then became
 * [start, newEnd) of the text now; outside it the two texts are equal. Not necessarily the
 * smallest such region (an edit may put back what was there).
 */
export interface EditedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Which text an EditedRegion is measured from: the text as it was when mark() returned it. */
export type EditMark = { readonly mark: true };

export interface EditableTextOptions {
  /** Tests: the length from which a one-byte text is edited as bytes (default 4 MB). */
  bytesFrom?: number;
}

/**
 * `region` (edits since a mark, null for none, in a text now `size` long) with [from, to) of the
 * text now replaced by `inserted` characters. The texts before and after share the prefix before
 * both edits, and the suffix after both (measured from the end).
 */
function joinedRegion(region: EditedRegion | null, size: number, from: number, to: number, inserted: number): EditedRegion {
  const delta = inserted - (to - from);
  if (region === null) return { start: from, oldEnd: to, newEnd: from + inserted };
  // The suffix the marked text shares with the text now, and the one this edit keeps.
  const suffix = Math.min(size - region.newEnd, size - to);
  const markedSize = size + region.oldEnd - region.newEnd;
  return { start: Math.min(region.start, from), oldEnd: markedSize - suffix, newEnd: size + delta - suffix };
}

/**
 * A text that is edited in place (an open document), with its line starts kept up to date by
 * each edit instead of recomputed: the server's view of an editor's buffer.
 *
 * A long text of one-byte characters (a claim file nearly always is) is edited as latin-1 bytes,
 * with room to grow, and made a string again only when asked for. Joining slices of a string
 * makes V8 copy the whole text into fresh memory the first time it is read: for a 50 MB document
 * 13,400 page faults an edit, up to 150 ms of system time once the process has grown. Node makes
 * a long string from bytes in memory it gets from malloc, which reuses what the last text freed
 * when the process runs with the malloc settings of lsp/serverProcess.ts (the VS Code client
 * starts it so): one copy, no page faults.
 */
export class EditableText implements Positions {
  private starts: OffsetList;
  /** The text; null while `bytes` holds edits not yet made into a string. */
  private content: string | null;
  /**
   * The text's latin-1 bytes in [0, size), edited in place (held beside the string it was last
   * made into: a long document costs twice its length); null until a long one-byte text is first
   * edited, and for other texts.
   */
  private bytes: Buffer | null = null;
  private size: number;
  private bytesFrom: number;
  /** The last mark handed out, and the region edited since (null: nothing edited since). */
  private lastMark: EditMark | null = null;
  private edited: EditedRegion | null = null;

  constructor(content: string, options: EditableTextOptions = {}) {
    this.content = content;
    this.size = content.length;
    this.bytesFrom = options.bytesFrom ?? BYTES_FROM;
    this.starts = lineStartsOf(content);
  }

  get text(): string {
    if (this.content === null) this.content = this.bytes!.toString('latin1', 0, this.size);
    return this.content;
  }

  /** The text's length (without making the string). */
  get length(): number {
    return this.size;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * Marks the text as it is now: editedSince(the mark) answers where it was edited after this.
   * Only the latest mark is answered for.
   */
  mark(): EditMark {
    this.lastMark = { mark: true };
    this.edited = null;
    return this.lastMark;
  }

  /**
   * Where the text was edited since `mark` (an empty region at its end when it was not); null when
   * `mark` is not the latest one, so that nothing is known.
   */
  editedSince(mark: EditMark): EditedRegion | null {
    if (mark !== this.lastMark) return null;
    // Not edited: an empty region at the end, so that nothing is compared.
    return this.edited ?? { start: this.size, oldEnd: this.size, newEnd: this.size };
  }

  /** Replaces [start, end) with `inserted`. */
  replace(start: number, end: number, inserted: string): void {
    const from = Math.max(0, Math.min(start, this.size));
    const to = Math.max(from, Math.min(end, this.size));
    const delta = inserted.length - (to - from);
    if (this.lastMark !== null) this.edited = joinedRegion(this.edited, this.size, from, to, inserted.length);
    if (this.asBytes(inserted)) this.replaceBytes(from, to, inserted);
    else {
      const old = this.text;
      this.content = old.slice(0, from) + inserted + old.slice(to);
      this.size = this.content.length;
    }
    // Line starts below `from` depend only on text before it. Those in [from, to + 1] may change
    // (a CR just before the edit can meet an LF, or lose one); they are found again in the new text.
    const starts = this.starts;
    // The first line start above from - 1, and above to + 1.
    const keep = Math.max(1, starts.lastAtOrBefore(from - 1) + 1); // line 0 always starts at 0
    const resume = starts.lastAtOrBefore(to + 1) + 1;
    const found = new OffsetList(16);
    this.lineStartsAround(from, from + inserted.length + 1, found);
    starts.splice(keep, resume - keep, found);
    if (delta !== 0) starts.shiftFrom(keep + found.length, delta);
  }

  /** Is the edit made to the bytes? Starts doing so on the first edit of a long one-byte text, and stops for good at a wider character. */
  private asBytes(inserted: string): boolean {
    if (this.bytes === null) {
      if (this.size < this.bytesFrom || WIDE_CHARACTER.test(inserted)) return false;
      if (WIDE_CHARACTER.test(this.text)) {
        // Not looked for again at every edit of a long text.
        this.bytesFrom = Infinity;
        return false;
      }
      this.bytes = Buffer.allocUnsafe(this.size + roomFor(this.size));
      this.bytes.write(this.text, 0, 'latin1');
      return true;
    }
    if (!WIDE_CHARACTER.test(inserted)) return true;
    this.text; // made from the bytes before they go
    this.bytes = null;
    this.bytesFrom = Infinity;
    return false;
  }

  private replaceBytes(from: number, to: number, inserted: string): void {
    const old = this.bytes!;
    const size = this.size + inserted.length - (to - from);
    // Copied into a new buffer when the text outgrows this one, or shrinks to a quarter of it
    // (select all and delete must not keep the 50 MB it had).
    if (size > old.length || old.length > 4 * (size + roomFor(size))) {
      const grown = Buffer.allocUnsafe(size + roomFor(size));
      old.copy(grown, 0, 0, from);
      old.copy(grown, from + inserted.length, to, this.size);
      this.bytes = grown;
    } else if (to !== from + inserted.length) {
      old.copyWithin(from + inserted.length, to, this.size);
    }
    this.bytes!.write(inserted, from, 'latin1');
    this.size = size;
    this.content = null;
  }

  /** lineStartsIn over the current text, read from the bytes when it is held as bytes. */
  private lineStartsAround(from: number, to: number, out: OffsetList): void {
    const bytes = this.bytes;
    if (bytes === null) {
      lineStartsIn(this.text, from, to, out);
      return;
    }
    lineStartsByCharacter((p) => bytes[p]!, this.size, from, to, out);
  }

  private codeAt(offset: number): number {
    return this.bytes !== null ? this.bytes[offset]! : this.content!.charCodeAt(offset);
  }

  // As the LSP reference implementation (vscode-languageserver-textdocument) answers: a
  // position never falls inside a line break, so a CRLF is never split.
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.size));
    const line = this.starts.lastAtOrBefore(clamped);
    const lineStart = this.starts.at(line);
    return { line, character: this.beforeLineBreak(clamped, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const starts = this.starts;
    if (position.line >= starts.length) return this.size;
    if (position.line < 0) return 0;
    const lineStart = starts.at(position.line);
    if (position.character <= 0) return lineStart;
    const nextStart = position.line + 1 < starts.length ? starts.at(position.line + 1) : this.size;
    return this.beforeLineBreak(Math.min(lineStart + position.character, nextStart), lineStart);
  }

  private beforeLineBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart) {
      const code = this.codeAt(at - 1);
      if (code !== 10 && code !== 13) break;
      at--;
    }
    return at;
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
