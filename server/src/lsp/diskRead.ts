// One claim file read from disk and checked, in blocks where it can be (X12Stream for an 837,
// CsvStream for a claim CSV), whole otherwise; decoded as the editor decodes it (UTF-8, a BOM
// dropped; UTF-16LE after its BOM), so positions are those of the text the editor shows. Used for
// files past VS Code's 50 MB limit (diskCheck.ts) and for a folder at once (folderCheck.ts).
import { isAscii } from 'node:buffer';
import { promises as fs, type Stats } from 'node:fs';
import { TextDecoder } from 'node:util';
import { analyze, internalError, type SharedCoding } from '../core/analyze';
import { keptWhenOff, type GuideChecks } from '../core/guides/checks';
import type { ClaimFormat, Finding } from '../core/model';
import { CodingRun } from '../core/rules/codingRun';
import type { Knowledge } from '../core/rules/knowledge';
import { MAX_RULE_FILE_BYTES } from '../core/rules/textInput';
import { byPosition } from '../core/spans';
import { X12Stream, type PieceResult } from '../core/x12/stream';
import { lineCountOf } from '../core/x12/serviceLine837';
import { documentInterchangeHeaders, type InterchangeHeader } from '../core/x12/interchangeHeaders';
import type { DiskIndex } from '../core/hover/diskIndex';
import { DiskIndexBuilder, IndexingRun } from '../core/hover/diskIndexBuilder';
import { BLOCK_BYTES, fillBlock, MAX_INPUT_BYTES } from '../cli/files';
import { FEED_BYTES } from '../cli/stream';
import { readCsvBlocks, type ReadAt } from '../cli/csvStream';
import type { CsvStreamResult } from '../core/csv/stream';
import type { LineSink } from '../core/csv/codedClaims';
import { errorName } from './convert';
import { LineStarts } from './lineStarts';

/** A file's findings and where they are; the text itself is not kept. */
export interface DiskCheck {
  format: ClaimFormat | null;
  claims: number;
  serviceLines: number;
  findings: Finding[];
  lines: LineStarts;
  /** What hovers on its procedure codes need (with DiskCheckOptions.index), else null. */
  index: DiskIndex | null;
  /** Its interchanges' senders, receivers and ISA13s (an 837 with the guide checks full): the folder check compares them across files. */
  interchanges?: InterchangeHeader[];
  /** The file changed while it was being read: check it again. */
  changed: boolean;
}

/** Why a file cannot be checked, in a few words that never quote it. */
export class DiskError extends Error {}

export interface DiskCheckOptions {
  /** The file is one of several checked together: its coded lines go into this run. */
  shared?: SharedCoding;
  /** Polled between blocks; when true the read stops and null is returned. */
  isCancelled?: () => boolean;
  /** Build the hover index as the file is read (not with `shared`: a run of several files is not hovered). */
  index?: boolean;
  /** The implementation-guide checks, as claimlint.guideChecks says (default full). */
  guideChecks?: GuideChecks;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The rule of the finding that says the reader or a check failed. */
const INTERNAL_ERROR_RULE = internalError('reading', null).rule;

/** Why a file could not be read, in a few words that never quote it. */
export function reasonOf(error: unknown): string {
  if (error instanceof DiskError) return error.message;
  switch ((error as { code?: string } | null)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `could not be read (${(error as { code?: string } | null)?.code ?? errorName(error)})`;
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** The decoder the editor would use for a file starting with these bytes, and the BOM's length. */
function decoderFor(head: Buffer): { decoder: TextDecoder; encoding: 'utf-8' | 'utf-16le'; skip: number } {
  // The BOM is skipped here; the decoder keeps any other U+FEFF, as the editor shows it.
  const decoder = (encoding: 'utf-8' | 'utf-16le') => new TextDecoder(encoding, { ignoreBOM: true });
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { decoder: decoder('utf-16le'), encoding: 'utf-16le', skip: 2 };
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return { decoder: decoder('utf-8'), encoding: 'utf-8', skip: bom ? 3 : 0 };
}

/** Characters at the start of a file in which its ISA header is looked for (as the CLI does). */
const HEAD_CHARS = 65536;

/**
 * Checks the file at `path`: an 837 that starts with a well-formed ISA header in blocks through
 * X12Stream (memory follows the largest claim, not the file), a UTF-8 claim CSV of ASCII bytes
 * in blocks through CsvStream; anything else (X12 without a good header, a CSV with other bytes)
 * read whole, up to the rule files' 512 MB cap. Null when cancelled.
 * Throws DiskError (or a file-system error) when it cannot be read.
 */
export async function checkFileFromDisk(path: string | Buffer, knowledge: Knowledge, options: DiskCheckOptions = {}): Promise<DiskCheck | null> {
  const handle = await fs.open(path, 'r');
  try {
    const before = await handle.stat();
    if (before.isDirectory()) throw new DiskError('is a directory, not a file');
    if (!before.isFile()) throw new DiskError('not a regular file');
    if (before.size > MAX_INPUT_BYTES) throw new DiskError('too large to check');
    const buffer = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, Math.max(before.size, 1)));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const { decoder, encoding, skip } = decoderFor(buffer.subarray(0, bytesRead));
    const head = new TextDecoder(encoding, { ignoreBOM: true }).decode(buffer.subarray(skip, Math.min(bytesRead, skip + HEAD_CHARS)), { stream: true });
    // CsvStream takes bytes for characters, which UTF-16 text (ASCII characters are a byte and a
    // NUL) is not: such a file is read whole, decoded by its BOM as the editor and the CLI do.
    let checked: Omit<DiskCheck, 'changed'> | null | typeof WHOLE = X12Stream.canStream(head)
      ? await checkInBlocks(handle, buffer, bytesRead, skip, decoder, encoding, knowledge, options)
      : encoding === 'utf-8'
        ? await checkCsvInBlocks(handle, buffer, skip, knowledge, options)
        : WHOLE;
    if (checked === WHOLE) checked = await checkWhole(handle, before, buffer.subarray(0, bytesRead), knowledge, options);
    if (checked === null) return null;
    const after = await handle.stat();
    return { ...checked, changed: !sameFile(before, after) };
  } finally {
    await handle.close();
  }
}

async function checkInBlocks(
  handle: fs.FileHandle,
  buffer: Buffer,
  firstRead: number,
  skip: number,
  decoder: TextDecoder,
  encoding: 'utf-8' | 'utf-16le',
  knowledge: Knowledge,
  options: DiskCheckOptions,
): Promise<Omit<DiskCheck, 'changed'> | null> {
  // With an index, the stream's coding run is one that also indexes each piece's claims (the
  // stream drops them after checking); as a shared run, its findings are taken at the end here.
  const builder = options.index && !options.shared ? new DiskIndexBuilder(true) : null;
  const indexing = builder === null ? null : new IndexingRun(knowledge, builder);
  const stream = new X12Stream(knowledge, options.shared ?? (indexing === null ? undefined : { run: indexing, file: 0 }), { guide: options.guideChecks === 'full' });
  const lines = new LineStarts();
  const findings: Finding[] = [];
  const interchanges: InterchangeHeader[] = [];
  let claims = 0;
  let serviceLines = 0;
  const take = (piece: PieceResult): void => {
    claims += piece.claims;
    serviceLines += piece.serviceLines;
    for (const finding of piece.findings) findings.push(finding);
    if (piece.interchanges) for (const header of piece.interchanges) interchanges.push(header);
  };
  const feed = (text: string): void => {
    if (text.length === 0) return;
    lines.add(text);
    take(stream.feed(text));
  };
  let read = firstRead;
  let position = 0;
  // Until a byte outside ASCII turns up (most 837s have none), bytes are characters: latin-1
  // decoding gives the same text as UTF-8, faster. From then on the decoder reads everything, as
  // it carries a character split between two pieces over to the next.
  let ascii = encoding === 'utf-8';
  const decode = (bytes: Buffer): string => {
    if (ascii && isAscii(bytes)) return bytes.toString('latin1');
    ascii = false;
    return decoder.decode(bytes, { stream: true });
  };
  for (let start = skip; read > 0; start = 0) {
    // Pieces much smaller than a block keep the peak low (see FEED_BYTES); after each, other
    // requests get their turn (a piece takes a few milliseconds).
    for (let at = start; at < read; at += FEED_BYTES) {
      feed(decode(buffer.subarray(at, Math.min(at + FEED_BYTES, read))));
      await turn();
      if (options.isCancelled?.()) return null;
    }
    position += read;
    ({ bytesRead: read } = await handle.read(buffer, 0, buffer.length, position));
  }
  feed(decoder.decode());
  lines.end();
  take(stream.end());
  // As X12Stream.end does for its own run: not after the reader failed (the claims are partial).
  if (indexing !== null && !findings.some((finding) => finding.rule === INTERNAL_ERROR_RULE)) {
    try {
      for (const finding of indexing.findings()) findings.push(finding);
    } catch (error) {
      findings.push(internalError('checking', error));
    }
  }
  const sorted = byPosition(options.guideChecks === 'off' ? findings.filter((f) => keptWhenOff(f.rule)) : findings);
  return { format: 'x12', claims, serviceLines, findings: sorted, lines, index: builder?.finish(sorted, knowledge) ?? null, ...(interchanges.length > 0 ? { interchanges } : {}) };
}

/** What checkCsvInBlocks returns for a file it does not read in pieces: it is read whole. */
const WHOLE = Symbol('whole');

/**
 * Checks a claim CSV in blocks through CsvStream, as the CLI does (readCsvBlocks): memory
 * follows the claims and the lines some edit names, not the file (a 200 MB export read whole
 * took 4.4 GB). Only a UTF-8 file (the caller's part) of ASCII bytes after its BOM (bytes are
 * then the characters the editor shows) that starts like a claim CSV is read so; anything else
 * is WHOLE. Null when cancelled.
 */
async function checkCsvInBlocks(handle: fs.FileHandle, buffer: Buffer, skip: number, knowledge: Knowledge, options: DiskCheckOptions): Promise<Omit<DiskCheck, 'changed'> | null | typeof WHOLE> {
  const run = options.shared?.run ?? new CodingRun(knowledge);
  const indexed = options.index === true && !options.shared;
  const read: ReadAt = (into, position) => fillBlock(handle.fd, into, skip + position);
  // One index per reading of the file (one in the other date order starts over): the last is the file's.
  const builders: DiskIndexBuilder[] = [];
  const newIndex = (): LineSink => {
    const builder = new DiskIndexBuilder(false);
    builders.push(builder);
    return builder.lineSink();
  };
  const reader = readCsvBlocks(read, buffer, run, { feedBytes: FEED_BYTES, ...(indexed ? { index: newIndex } : {}) });
  let lines = new LineStarts();
  let result: CsvStreamResult | null;
  try {
    for (;;) {
      const step = reader.next();
      if (step.done === true) {
        result = step.value;
        break;
      }
      // Null: read again from the start, in the other date order.
      if (step.value === null) lines = new LineStarts();
      else lines.add(step.value);
      await turn();
      if (options.isCancelled?.()) return null;
    }
  } catch (error) {
    // A file that cannot be read says so; a failure of ours reading in pieces leaves the file to the whole read, which reports its own.
    if (error instanceof Error && 'code' in error) throw error;
    return WHOLE;
  }
  if (result === null) return WHOLE;
  lines.end();
  let findings = result.findings;
  try {
    run.addStaged(result.coded, { file: options.shared?.file ?? 0 });
    if (!options.shared) findings = findings.concat(run.findings());
  } catch (error) {
    findings.push(internalError('checking', error));
  }
  const sorted = byPosition(findings);
  const index = builders.at(-1)?.finish(sorted, knowledge, result.coded) ?? null;
  return { format: 'csv', claims: result.claims, serviceLines: result.serviceLines, findings: sorted, lines, index };
}

async function checkWhole(handle: fs.FileHandle, stats: Stats, head: Buffer, knowledge: Knowledge, options: DiskCheckOptions): Promise<Omit<DiskCheck, 'changed'> | null> {
  if (stats.size > MAX_RULE_FILE_BYTES) throw new DiskError('too large to read whole (over 512 MB), and not an 837 that starts with an ISA header');
  const bytes = stats.size <= head.length ? head : await handle.readFile();
  if (options.isCancelled?.()) return null;
  const { decoder, skip } = decoderFor(bytes);
  const text = decoder.decode(bytes.subarray(skip));
  const analysis = analyze(text, knowledge, undefined, options.shared, { guideChecks: options.guideChecks });
  const lines = new LineStarts();
  lines.add(text);
  lines.end();
  const serviceLines = analysis.doc.claims.reduce((sum, claim) => sum + lineCountOf(claim), 0);
  const findings = byPosition(analysis.findings);
  let index: DiskIndex | null = null;
  if (options.index && !options.shared) {
    const builder = new DiskIndexBuilder(analysis.doc.format !== 'csv');
    builder.add(analysis.doc.claims);
    index = builder.finish(findings, knowledge);
  }
  const interchanges = options.guideChecks === 'full' ? documentInterchangeHeaders(analysis.doc) : [];
  return { format: analysis.doc.format, claims: analysis.doc.claims.length, serviceLines, findings, lines, index, ...(interchanges.length > 0 ? { interchanges } : {}) };
}
