// The framing of LSP messages on stdin, checked before vscode-languageserver reads them. The
// library believes any Content-Length: a huge one makes it wait for bytes that never come (every
// later request times out), a negative one corrupts its buffer. This transform passes each
// well-framed message through byte for byte, and refuses a header section whose Content-Length is
// missing, not a byte count or above MAX_MESSAGE_BYTES, or that holds a line that is no header: it
// reports why (never the message's contents), drops what it refused, and reads on from the next
// `Content-Length:` header, in that section or after it.
import { Transform, type TransformCallback } from 'node:stream';
import { formatBytes, MAX_RULE_FILE_BYTES } from '../core/rules/textInput';

/** The largest message accepted: the rule-file limit, since no message carries more than a file. */
export const MAX_MESSAGE_BYTES = MAX_RULE_FILE_BYTES;

/** A header section (every header line and the blank line) longer than this is refused. */
export const MAX_HEADER_BYTES = 64 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');
const NEXT_HEADER = 'content-length:';

type State = { kind: 'header' } | { kind: 'body'; remaining: number } | { kind: 'resync' };

export class MessageFraming extends Transform {
  private state: State = { kind: 'header' };
  /** Bytes not yet passed on: a header section being read, or the tail kept while looking for the next header. */
  private pending: Buffer = Buffer.alloc(0);

  /** refused: called with the reason each time a message is dropped. */
  constructor(private readonly refused: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (data.length > 0) data = this.step(data);
    done();
  }

  /** Consumes what it can of data in the current state; returns the rest. */
  private step(data: Buffer): Buffer {
    const state = this.state;
    if (state.kind === 'body') {
      const take = Math.min(state.remaining, data.length);
      this.push(data.subarray(0, take));
      state.remaining -= take;
      if (state.remaining === 0) this.state = { kind: 'header' };
      return data.subarray(take);
    }
    const buffer = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    this.pending = Buffer.alloc(0);
    if (state.kind === 'resync') {
      // Header names are ASCII, so latin1 keeps byte offsets.
      const at = buffer.toString('latin1').toLowerCase().indexOf(NEXT_HEADER);
      if (at < 0) {
        // Keep a tail that could be the start of the next header's name.
        this.pending = Buffer.from(buffer.subarray(Math.max(0, buffer.length - (NEXT_HEADER.length - 1))));
        return Buffer.alloc(0);
      }
      this.state = { kind: 'header' };
      return buffer.subarray(at);
    }
    const end = buffer.indexOf(HEADER_END);
    if (end < 0 || end + HEADER_END.length > MAX_HEADER_BYTES) {
      if (buffer.length >= MAX_HEADER_BYTES) {
        this.refuse(`a header section longer than ${MAX_HEADER_BYTES} bytes`);
        // Look for the next header after this one's first byte.
        return buffer.subarray(1);
      }
      this.pending = Buffer.from(buffer);
      return Buffer.alloc(0);
    }
    const headerLength = end + HEADER_END.length;
    const rest = buffer.subarray(headerLength);
    const header = buffer.toString('latin1', 0, end);
    const problem = this.check(header);
    if (typeof problem === 'string') {
      this.refuse(problem);
      // Stray lines before a Content-Length (the tail of a message cut short): the message is the
      // header that follows them. Anything else wrong with a section refuses it whole.
      const at = header.toLowerCase().indexOf(NEXT_HEADER);
      return at > 0 && !header.slice(0, at).includes(':') ? buffer.subarray(at) : rest;
    }
    this.push(Buffer.from(buffer.subarray(0, headerLength)));
    if (problem > 0) this.state = { kind: 'body', remaining: problem };
    return rest;
  }

  /** The body's length, or why the header section is refused. */
  private check(header: string): number | string {
    let length: string | undefined;
    for (const line of header.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) return 'a header line without a colon';
      if (line.slice(0, colon).trim().toLowerCase() === 'content-length') {
        const value = line.slice(colon + 1).trim();
        if (length !== undefined && length !== value) return 'two different Content-Length headers';
        length = value;
      }
    }
    if (length === undefined) return 'a header section with no Content-Length';
    const shown = length.length > 24 ? `${length.slice(0, 24)}…` : length;
    if (!/^\d+$/.test(length)) return `Content-Length ${/^-?\d+$/.test(length) ? shown : JSON.stringify(shown)} is not a byte count`;
    const bytes = Number(length);
    if (bytes > MAX_MESSAGE_BYTES) return `Content-Length ${shown} is above the maximum of ${MAX_MESSAGE_BYTES} bytes (${formatBytes(MAX_MESSAGE_BYTES)})`;
    return bytes;
  }

  private refuse(reason: string): void {
    this.state = { kind: 'resync' };
    this.refused(`${reason}: dropped the message and read on from the next header`);
  }

  override _flush(done: TransformCallback): void {
    // A header section cut off by the end of input is passed on as it is (the reader then ends).
    if (this.state.kind === 'header' && this.pending.length > 0) this.push(this.pending);
    this.pending = Buffer.alloc(0);
    done();
  }
}
