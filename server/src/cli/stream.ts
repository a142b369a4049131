// `claimlint check` of an 837 file in bounded memory: the file is read in blocks into one reused
// buffer and fed to X12Stream, which reads and checks it a few hundred kilobytes at a time;
// only the findings are kept, and a second pass over the blocks finds their lines and columns.
// Only what the whole-file path would read the same way is read like this: a regular file of
// ASCII bytes (its latin-1 blocks are then exactly the text decode() gives) that starts with a
// well-formed ISA header. Anything else is left to the whole-file path, which decides encodings
// and formats and reports what is wrong with a header.
import type { InterchangeHeader } from '../core/x12/interchangeHeaders';
import { isAscii } from 'node:buffer';
import type { Finding } from '../core/model';
import type { Knowledge } from '../core/rules/knowledge';
import { X12Stream, type PieceResult } from '../core/x12/stream';
import { BLOCK_BYTES, byteBlocks, readBlock, withBlockFile } from './files';
import type { FilePath } from '../core/rules/filePaths';
import type { SharedCoding } from '../core/analyze';
import { byPosition, Positions, wantedOffsets } from './report';

export interface BlockCheck {
  format: 'x12';
  claims: number;
  serviceLines: number;
  /** In document order, as the whole-file path sorts them. */
  findings: Finding[];
  positions: Positions;
  /** The interchanges' senders and control numbers (with the guide checks only), whose ISA13 positions are known. */
  interchanges?: InterchangeHeader[];
}

/**
 * Text decoded and handed to X12Stream at a time (the editor's reads from disk, lsp/diskRead.ts;
 * the CLI hands over bytes, BYTE_FEED_BYTES at a time). A piece it reads runs to the last segment in
 * what it has been given that does not split a claim, and reading a piece takes several times
 * the piece in memory, so pieces much smaller than a block keep the peak low: on the 100 MB bench
 * 837P, feeding whole 4 MB blocks peaked at about 260 MB RSS, 256 KB slices at about 136 MB. One
 * transaction set of any size is read in pieces like this too; only a claim is never cut
 * (X12Stream holds its slices until the claim ends). Below V8's largest young-generation object
 * (128 KB), so that a slice, and a piece joined from two of them, is made in the young generation:
 * 256 KB strings each went to a large-object page of their own, which took 1.8 s of CPU for the
 * 100 MB 837P against 1.35 s at 64 KB (32-96 KB are alike; 16 KB pays more per piece).
 */
export const FEED_BYTES = 64 * 1024;

/**
 * Bytes of a block the CLI hands to X12Stream at a time: it feeds the file's bytes as they are
 * (no strings are made, so the young-generation limit behind FEED_BYTES does not apply), and
 * each piece read costs a little on its own (a table, a cut search, the reader's hand-over from
 * piece to piece). Alternated runs on the 100 MB bench 837P: 64 KB 1.12 s of CPU, 128 KB 1.10,
 * 256 KB 1.08, 512 KB 1.10, at a peak of 86-89 MB RSS each.
 */
export const BYTE_FEED_BYTES = 256 * 1024;

export interface BlockSizes {
  /** Bytes read from the file at a time (default BLOCK_BYTES). */
  block?: number;
  /** Bytes of a block fed to X12Stream at a time (default BYTE_FEED_BYTES). */
  feed?: number;
}

export interface BlockProgress {
  /** The first `bytes` of the file have been read and checked. */
  checked(bytes: number): void;
  /** Every finding is known: their positions are found next. */
  locating(): void;
}

/**
 * Checks the file at `path` read in blocks. Null when it is to be read whole instead
 * (not a regular file, not ASCII, not starting with an ISA header, empty). Throws InputError,
 * with readInput's reasons, when it cannot be read.
 */
export function checkInBlocks(path: FilePath, knowledge: Knowledge, progress: BlockProgress, sizes: BlockSizes = {}, shared?: SharedCoding, guide = false): BlockCheck | null {
  const blockBytes = sizes.block ?? BLOCK_BYTES;
  return withBlockFile(path, blockBytes, (file) => {
    // Most files that are not 837s (claim CSVs) are told by their start, before a block is read.
    if (!startsLikeAnIsa(path, file.fd, Math.min(HEAD_CHARS, blockBytes))) return null;
    const { fd, buffer, unchanged } = file;
    const feedBytes = sizes.feed ?? BYTE_FEED_BYTES;
    const checked = checkBlocks(path, fd, buffer, feedBytes, knowledge, progress, shared, guide);
    if (checked === null) return null;
    progress.locating();
    // An X12 document gets no findings from withInputFindings (that is only for unknown formats).
    // Its bytes, as they were checked: the file is ASCII, so they are its characters.
    // A file without line breaks (most big 837s are one line) needs no second read.
    // Checked with other files: the run's coding findings land on this file's coded lines later.
    const wanted = wantedOffsets(checked.findings, shared, checked.interchanges);
    const positions = new Positions(checked.lineBreaks ? { bytes: byteBlocks(path, fd, buffer) } : { oneLineOf: checked.length }, wanted);
    // The positions came from a second read: a file rewritten meanwhile would get wrong ones.
    unchanged();
    const { lineBreaks: _lineBreaks, length: _length, ...result } = checked;
    return { format: 'x12' as const, ...result, positions };
  });
}

/** Characters at the start of a file in which its ISA header is looked for. */
const HEAD_CHARS = 65536;

interface CheckedBlocks extends Omit<BlockCheck, 'format' | 'positions'> {
  /** Whether the file has a CR or LF anywhere, and its length in characters (= bytes: it is ASCII). */
  lineBreaks: boolean;
  length: number;
}

/**
 * Whether the file's first `headBytes` (HEAD_CHARS, or a smaller block) are a start checkBlocks
 * streams (ASCII, an ISA header X12Stream can read): what it decides on its first block, read here
 * alone, in a buffer of that size.
 */
function startsLikeAnIsa(path: FilePath, fd: number, headBytes: number): boolean {
  const head = Buffer.allocUnsafe(headBytes);
  const read = readBlock(path, fd, head, 0);
  if (read === 0 || !isAscii(head.subarray(0, read))) return false;
  return X12Stream.canStream(head.toString('latin1', 0, read));
}

function checkBlocks(path: FilePath, fd: number, buffer: Buffer, feedBytes: number, knowledge: Knowledge, progress: BlockProgress, shared: SharedCoding | undefined, guide: boolean): CheckedBlocks | null {
  let feeder: Feeder | null = null;
  let lineBreaks = false;
  let length = 0;
  for (let position = 0; ; ) {
    const read = readBlock(path, fd, buffer, position);
    if (read === 0) break;
    // Other bytes may be UTF-8 or latin-1: decode() tells them apart by looking at the whole file.
    const bytes = buffer.subarray(0, read);
    if (!isAscii(bytes)) return null;
    lineBreaks ||= bytes.indexOf(10) >= 0 || bytes.indexOf(13) >= 0;
    if (feeder === null) {
      if (!X12Stream.canStream(buffer.toString('latin1', 0, Math.min(read, HEAD_CHARS)))) return null;
      // The CLI reads claims for the coding checks alone: only the lines they keep are built.
      feeder = new Feeder(new X12Stream(knowledge, shared, { guide, codedLinesOnly: true }));
    }
    // The bytes themselves: the file is ASCII, so they are its characters (core/x12/source.ts).
    for (let at = 0; at < read; at += feedBytes) feeder.add(buffer.subarray(at, Math.min(at + feedBytes, read)));
    position += read;
    length = position;
    progress.checked(position);
  }
  if (feeder === null) return null;
  return { ...feeder.end(), lineBreaks, length };
}

/** Feeds X12Stream and keeps what comes back: the findings, the counts and the interchanges. */
class Feeder {
  private readonly findings: Finding[] = [];
  private readonly interchanges: InterchangeHeader[] = [];
  private claims = 0;
  private serviceLines = 0;

  constructor(private readonly stream: X12Stream) {}

  add(block: Uint8Array): void {
    this.take(this.stream.feed(block));
  }

  end(): Omit<BlockCheck, 'format' | 'positions'> {
    this.take(this.stream.end());
    return { claims: this.claims, serviceLines: this.serviceLines, findings: byPosition(this.findings), ...(this.interchanges.length > 0 ? { interchanges: this.interchanges } : {}) };
  }

  private take(piece: PieceResult): void {
    this.claims += piece.claims;
    this.serviceLines += piece.serviceLines;
    for (const finding of piece.findings) this.findings.push(finding);
    if (piece.interchanges) for (const header of piece.interchanges) this.interchanges.push(header);
  }
}
