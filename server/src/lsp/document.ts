// The server's copy of an open document: the LSP TextDocument interface over the core's
// EditableText, whose line starts are found with indexOf and kept up to date by each edit
// (the reference implementation scans a whole document character by character on first use,
// about 100 ms for a 10 MB single-line 837).
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { EditableText, type EditedRegion, type EditMark } from '../core/editableText';

export class OpenDocument implements TextDocument {
  private readonly buffer: EditableText;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.buffer = new EditableText(content);
  }

  get lineCount(): number {
    return this.buffer.lineCount;
  }

  /** Marks the text as it is now, for editedSince (EditableText.mark). */
  mark(): EditMark {
    return this.buffer.mark();
  }

  /** Where the text was edited since `mark`, if that is the latest mark (EditableText.editedSince). */
  editedSince(mark: EditMark): EditedRegion | null {
    return this.buffer.editedSince(mark);
  }

  getText(range?: Range): string {
    if (!range) return this.buffer.text;
    return this.buffer.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    return this.buffer.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.buffer.offsetAt(position);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, this.lineCount - 1);
    return { start: { line: at, character: 0 }, end: { line: at, character: this.lineEnd(at) } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const start = this.offsetAt({ line, character: 0 });
    const next = line + 1 < this.lineCount ? this.offsetAt({ line: line + 1, character: 0 }) : this.buffer.text.length;
    return this.buffer.text.slice(start + this.lineEnd(line), next);
  }

  /** Characters in line `line` before its line break. */
  private lineEnd(line: number): number {
    const start = this.offsetAt({ line, character: 0 });
    return this.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }) - start;
  }

  /** Applies the changes in order, each against the text the one before left. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        // A reversed range is read as the same range in order, as the reference implementation does.
        const a = this.offsetAt(change.range.start);
        const b = this.offsetAt(change.range.end);
        this.buffer.replace(Math.min(a, b), Math.max(a, b), change.text);
      } else {
        this.buffer.replace(0, this.buffer.length, change.text);
      }
    }
    this.version = version;
  }
}

export const openDocuments: TextDocumentsConfiguration<OpenDocument> = {
  create: (uri, languageId, version, content) => new OpenDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
