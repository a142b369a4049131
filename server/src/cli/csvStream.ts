// `claimlint check` of a claim CSV in bounded memory: the file is read in blocks into one reused
// buffer and fed to CsvStream (core/csv/stream.ts), which reads it a piece at a time and keeps
// only the row findings, a number per claim and the lines some loaded edit can name; the coding
// run checks those at the end, and a second pass over the blocks finds the findings' lines and
// columns. The report is the one the whole-file path gives (analyze over the whole text).
// Only a regular file of ASCII bytes is read like this (its latin-1 blocks are then exactly the
// text decode() gives), and only when its start shows a claim CSV; anything else, and a record
// longer than CsvStream holds, is left to the whole-file path. The reading itself
// (readCsvBlocks) is shared with the language server's checks from disk (lsp/diskCheck.ts).
import { isAscii } from 'node:buffer';
import { internalError, type SharedCoding } from '../core/analyze';
import { closesIn, CsvStream, type CsvStreamResult } from '../core/csv/stream';
import { keysMadeUpFront, type LineSink } from '../core/csv/codedClaims';
import { DateOrderChange, type DateReading } from '../core/csv/rows';
import type { Finding } from '../core/model';
import { CodingRun } from '../core/rules/codingRun';
import type { StagedLines } from '../core/rules/serviceGroups';
import type { Knowledge } from '../core/rules/knowledge';
import { byPosition } from '../core/spans';
import { byteBlocks, InputError, readBlock, withBlockFile } from './files';
import type { FilePath } from '../core/rules/filePaths';
import { collectGarbage } from './io';
import { FindingList } from './findingList';
import { Positions, wantedOffsets } from './report';
import { type BlockProgress, type BlockSizes } from './stream';

/**
 * A claim CSV's blocks and the pieces fed: smaller than an 837's (files.ts BLOCK_BYTES, stream.ts FEED_BYTES). A
 * piece and the record waiting in it live while its rows are read, long enough for the collector
 * to move them among the old objects, where they piled up as garbage (pieces of 64 KB: a heap of
 * up to 25 MB, 8 MB of it live, for a million-row file; of 16 KB: 10 MB); a block's buffer is
 * held to the end.
 */
const CSV_BLOCK_BYTES = 1024 * 1024;
const CSV_FEED_BYTES = 16 * 1024;

export interface CsvBlockCheck {
  format: 'csv';
  claims: number;
  serviceLines: number;
  /** In document order, as the whole-file path sorts them. */
  findings: Iterable<Finding>;
  positions: Positions;
}

export interface CsvBlockSizes extends BlockSizes {
  /** Tests: the longest record held (CsvStream's MAX_PENDING). */
  maxPending?: number;
}

/**
 * Checks the claim CSV at `path` read in blocks. Null when it is to be read whole instead (not a
 * regular file, not ASCII, not a claim CSV by its start, a record too long). Throws InputError,
 * with readInput's reasons, when it cannot be read.
 */
export function checkCsvInBlocks(path: FilePath, knowledge: Knowledge, progress: BlockProgress, sizes: CsvBlockSizes = {}, shared?: SharedCoding): CsvBlockCheck | null {
  return withBlockFile(path, sizes.block ?? CSV_BLOCK_BYTES, ({ fd, buffer, unchanged }): CsvBlockCheck | null => {
    const feedBytes = sizes.feed ?? CSV_FEED_BYTES;
    const checked = shared ? checkShared(shared, path, fd, buffer, progress, feedBytes, sizes.maxPending) : checkAlone(knowledge, path, fd, buffer, progress, feedBytes, sizes.maxPending);
    if (checked === null) return null;
    const { read, findings, wanted } = checked;
    progress.locating();
    const positions = new Positions({ bytes: byteBlocks(path, fd, buffer) }, wanted);
    // The positions came from another read: a file rewritten meanwhile would get wrong ones.
    unchanged();
    return { format: 'csv', claims: read.claims, serviceLines: read.serviceLines, findings, positions };
  });
}

/** A file read and checked, and the offsets its findings (and, checked with others, the run's) can point at. */
interface CsvChecked {
  read: CsvRead;
  /** As analyze gives them: the row findings, then the coding findings (a run of this file alone), in document order. */
  findings: Finding[] | FindingList;
  wanted: number[];
}

/** A file checked with others: its coding findings come from the shared run later. */
function checkShared(shared: SharedCoding, path: FilePath, fd: number, buffer: Buffer, progress: BlockProgress, feedBytes: number, maxPending: number | undefined): CsvChecked | null {
  const read = readAll(path, fd, buffer, shared.run, progress, feedBytes, maxPending);
  if (read === null) return null;
  const findings = read.findings;
  try {
    stage(shared.run, read, shared.file);
  } catch (error) {
    findings.push(internalError('checking', error));
  }
  // No finding of a claim CSV is about an empty or unreadable file: withInputFindings leaves them as they are.
  const sorted = byPosition(findings);
  // Checked with other files: the run's coding findings land on this file's coded lines later.
  return { read, findings: sorted, wanted: wantedOffsets(sorted, shared, undefined) };
}

/**
 * A file checked alone, by a run of its own, which is let go (its lines and groups, with the rest
 * of a big file's checking) before the file is read again for the findings' positions.
 */
function checkAlone(knowledge: Knowledge, path: FilePath, fd: number, buffer: Buffer, progress: BlockProgress, feedBytes: number, maxPending: number | undefined): CsvChecked | null {
  const checked = checkAloneWith(new CodingRun(knowledge), path, fd, buffer, progress, feedBytes, maxPending);
  if (checked !== null && checked.read.collect) collectGarbage();
  return checked;
}

function checkAloneWith(run: CodingRun, path: FilePath, fd: number, buffer: Buffer, progress: BlockProgress, feedBytes: number, maxPending: number | undefined): CsvChecked | null {
  const read = readAll(path, fd, buffer, run, progress, feedBytes, maxPending);
  if (read === null) return null;
  const findings = checkedAlone(run, read);
  return { read, findings, wanted: findings.offsets() };
}

/**
 * The findings of a file checked alone, held in a FindingList (a big file's are tens of
 * thousands): its row findings, then the run's as each group is checked, a failure of the checks
 * being one in place of theirs; in document order (byPosition).
 */
function checkedAlone(run: CodingRun, read: CsvRead): FindingList {
  const list = new FindingList();
  for (const finding of read.findings) list.add(finding);
  read.findings = [];
  const rows = list.length;
  try {
    stage(run, read, 0);
    run.checkInto(({ finding }) => list.add(finding));
  } catch (error) {
    list.truncate(rows);
    list.add(internalError('checking', error));
  }
  list.sortByPosition();
  return list;
}

/** Claims past which the tables behind a file's coded lines are worth freeing at once (CsvRead.collect): about 60 bytes a claim. */
const MANY_CLAIMS = 100_000;

/** What checkCsvInBlocks keeps of a reading: its coded lines only until the run has them (stage). */
interface CsvRead {
  claims: number;
  serviceLines: number;
  findings: Finding[];
  coded: StagedLines | null;
  /**
   * Whether to collect the garbage as the checking goes, before the run groups the lines and
   * before the file is read again: a big file whose kept lines are few (their claims' patient
   * keys made up front, so nothing holds the claims' tables once read). With most lines kept (an
   * add-on code table keeps every dated line) the run's groups are most of the heap, and a full
   * collection, whose time follows what is live, took 400 ms for a million rows.
   */
  collect: boolean;
}

/** The file read through readCsvBlocks to its end; null when it is to be read whole instead. */
function readAll(path: FilePath, fd: number, buffer: Buffer, run: CodingRun, progress: BlockProgress, feedBytes: number, maxPending: number | undefined): CsvRead | null {
  let read: CsvStreamResult | null;
  try {
    const reader = readCsvBlocks((into, position) => readBlock(path, fd, into, position), buffer, run, {
      feedBytes,
      checked: (bytes) => progress.checked(bytes),
      ...(maxPending === undefined ? {} : { maxPending }),
    });
    let step = reader.next();
    while (step.done !== true) step = reader.next();
    read = step.value;
  } catch (error) {
    // A failure of ours reading in pieces: the whole-file path reads it (and reports its own failures as findings).
    if (error instanceof InputError) throw error;
    read = null;
  }
  if (read === null) return null;
  const collect = read.claims >= MANY_CLAIMS && keysMadeUpFront(read.coded.lines.size, read.coded.claimCount);
  return { claims: read.claims, serviceLines: read.serviceLines, findings: read.findings, coded: read.coded, collect };
}

/**
 * Gives the run the file's coded lines and lets go of them: behind them are the tables of every
 * claim of the file (its ids and patients, half a million claims in a million-row export), which
 * the checks do not read, and which would otherwise still be held while they make their findings.
 */
function stage(run: CodingRun, read: CsvRead, file: number): void {
  // Unreachable is not yet freed: the collector would not look at them (nor at the reading's
  // garbage) before the run's groups and the findings had grown the heap on top of them.
  if (read.collect) collectGarbage();
  stageLines(run, read, file);
  // And again once the run has grouped the lines: the staged rows, the claims' patient keys and
  // the groups' first arrays of rows are garbage the findings would otherwise pile up on.
  if (read.collect) collectGarbage();
}

/** Gives the run the coded lines, which are held by nothing once it returns. */
function stageLines(run: CodingRun, read: CsvRead, file: number): void {
  const coded = read.coded;
  read.coded = null;
  if (coded !== null) run.addStaged(coded, { file });
}

/** Reads `buffer.length` bytes or fewer (only at the end of the file) at `position` into `buffer`, and says how many. */
export type ReadAt = (buffer: Buffer, position: number) => number;

export interface CsvReadOptions {
  /** Bytes of a block decoded and fed at a time. */
  feedBytes: number;
  /** Where every line with a code goes (CsvStreamOptions.index): a new sink for each reading of the file. */
  index?: () => LineSink;
  /** Tests: CsvStream's MAX_PENDING. */
  maxPending?: number;
  /** The first `bytes` of the file have been read. */
  checked?: (bytes: number) => void;
}

/**
 * Reads a file of ASCII bytes through CsvStream, block by block into `buffer`, and yields each
 * piece of text it feeds; null when the reading starts over from the start, in the other date
 * order (a row showed the dates are day first, or mix both orders: parseCsv reads the text again
 * then too). Returns the stream's result, or null when the file is to be read whole instead (a
 * byte outside ASCII, not a claim CSV by its start, a record too long). The caller drives it:
 * the CLI straight through, the server with a turn of its event loop between pieces.
 */
export function* readCsvBlocks(read: ReadAt, buffer: Buffer, run: CodingRun, options: CsvReadOptions): Generator<string | null, CsvStreamResult | null, undefined> {
  const filter = run.lineFilter();
  // The claim's kind (its table) may be named by a later row: a line is kept when either table can use its code.
  const keep = (code: string): boolean => filter(code, null) || filter(code, 'institutional');
  let dates: DateReading = { order: 'month-first', settled: false };
  for (let first = true; ; first = false) {
    if (!first) yield null;
    const stream = new CsvStream({
      dates,
      keep,
      unitsCounted: run.countsUnits,
      loaded: run.loaded,
      ...(options.index === undefined ? {} : { index: options.index() }),
      ...(options.maxPending === undefined ? {} : { maxPending: options.maxPending }),
    });
    try {
      return yield* readOnce(read, buffer, stream, options);
    } catch (error) {
      if (!(error instanceof DateOrderChange)) throw error;
      dates = error.next;
    }
  }
}

function* readOnce(read: ReadAt, buffer: Buffer, stream: CsvStream, options: CsvReadOptions): Generator<string, CsvStreamResult | null, undefined> {
  const feedBytes = options.feedBytes;
  // Quotes already looked for in the rest of the file (each is looked for once).
  const asked = new Set<number>();
  for (let position = 0; ; ) {
    const count = read(buffer, position);
    if (count === 0) break;
    // Other bytes may be UTF-8 or latin-1: decode() tells them apart by looking at the whole file.
    if (!isAscii(buffer.subarray(0, count))) return null;
    for (let at = 0; at < count; at += feedBytes) {
      const piece = buffer.toString('latin1', at, Math.min(at + feedBytes, count));
      if (!stream.feed(piece)) return null;
      yield piece;
      // A long record waiting on a quote: read on with it as an ordinary character if it never closes.
      const quote = stream.openQuote;
      if (quote >= 0 && !asked.has(quote)) {
        asked.add(quote);
        if (!closesIn(latin1From(read, quote + 1, feedBytes))) stream.neverClosed(quote);
      }
    }
    position += count;
    options.checked?.(position);
  }
  return stream.end();
}

/** The file's text from `offset` on, in pieces, through a buffer of its own (the caller's holds the block being fed). */
function* latin1From(read: ReadAt, offset: number, pieceChars: number): Generator<string, void, undefined> {
  const buffer = Buffer.allocUnsafe(pieceChars);
  for (let position = offset; ; ) {
    const count = read(buffer, position);
    if (count === 0) return;
    position += count;
    yield buffer.toString('latin1', 0, count);
  }
}
