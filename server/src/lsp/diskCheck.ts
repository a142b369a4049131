// Claim files checked from disk rather than from text the editor sent (issue 14):
//
// - Files open in the editor whose text never reaches the server (VS Code does not synchronise
//   files over 50 MB with extensions): the client lists them (DiskFilesRequest); each is read in
//   blocks through X12Stream, as the CLI reads a big file, its diagnostics are published for its
//   URI, and it is read again when it changes on disk.
// - Every claim file under a folder at once (CheckFolderRequest), checked together in one
//   CodingRun as the CLI checks the files of one run, with work-done progress and cancellation.
//
// Reading yields to the event loop between blocks, so requests about other documents are
// answered meanwhile; one file is read at a time. Text is decoded as the editor decodes it (UTF-8,
// a BOM dropped; UTF-16LE after its BOM), so positions are those of the text the editor shows.
// Nothing logged or returned quotes the files: counts, rule ids and file names only.
import { isAscii } from 'node:buffer';
import { promises as fs, type Stats } from 'node:fs';
import { TextDecoder } from 'node:util';
import { basename, dirname, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type Connection,
  type TextDocuments,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, internalError, type SharedCoding } from '../core/analyze';
import { keptWhenOff, type GuideChecks } from '../core/guides/checks';
import type { ClaimFormat, Finding, Span } from '../core/model';
import { CodingRun } from '../core/rules/codingRun';
import type { Knowledge } from '../core/rules/knowledge';
import { isNcciEditFinding } from '../core/rules/ncciFindings';
import { MAX_RULE_FILE_BYTES } from '../core/rules/textInput';
import { lastAtOrBefore } from '../core/search';
import { byPosition } from '../core/spans';
import type { Position, Range } from '../core/text';
import { X12Stream, type PieceResult } from '../core/x12/stream';
import { DiskIndex, DiskIndexBuilder, IndexingRun } from '../core/hover/diskIndex';
import type { HoverResult } from '../core/hover/hover';
import { isClaimFile, sortClaimFiles, walkClaimFiles } from '../cli/claimFiles';
import { BLOCK_BYTES, fillBlock, MAX_INPUT_BYTES } from '../cli/files';
import { FEED_BYTES } from '../cli/stream';
import { readCsvBlocks, type ReadAt } from '../cli/csvStream';
import type { CsvStreamResult } from '../core/csv/stream';
import type { LineSink } from '../core/csv/codedClaims';
import { errorName, findingDiagnostic } from './convert';
import { CheckFolderRequest, ConflictCountNotification, DiskFilesRequest } from './protocol';
import type { Rules } from './rules';
import type { Runtime } from './runtime';

// ---- positions -------------------------------------------------------------------------------

/**
 * Line starts of a text given in pieces, in order (CR, LF and CRLF each end a line, as LSP and
 * LineIndex count them; a CRLF split between two pieces is one break), and the positions of
 * offsets in it. One 32-bit number per line is kept, not the text.
 */
export class LineStarts {
  private starts = new Uint32Array(1024);
  private count = 1;
  private length = 0;
  /** The previous piece ended with a CR: a break, unless this piece starts with LF. */
  private heldCr = false;

  add(piece: string): void {
    if (piece.length === 0) return;
    const base = this.length;
    if (this.heldCr) {
      this.heldCr = false;
      if (piece.charCodeAt(0) !== 10) this.push(base);
    }
    let lf = piece.indexOf('\n');
    let cr = piece.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr === piece.length - 1) this.heldCr = true;
        else if (piece.charCodeAt(cr + 1) !== 10) this.push(base + cr + 1);
        cr = piece.indexOf('\r', cr + 1);
      } else {
        this.push(base + lf + 1);
        lf = piece.indexOf('\n', lf + 1);
      }
    }
    this.length += piece.length;
  }

  /** After the last piece: a CR at the very end ends a line. */
  end(): void {
    if (this.heldCr) this.push(this.length);
    this.heldCr = false;
    // Kept while hovers are answered: no room for growth.
    if (this.starts.length > this.count) this.starts = this.starts.slice(0, this.count);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = Math.max(0, lastAtOrBefore(this.starts, clamped, this.count));
    return { line, character: clamped - this.starts[line]! };
  }

  /** The offset of a position, as LineIndex.offsetAt gives it (a character past the line's end stops at the next line's start). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.count) return this.length;
    const lineStart = this.starts[position.line]!;
    const nextStart = position.line + 1 < this.count ? this.starts[position.line + 1]! : this.length;
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), nextStart));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Bytes held: 4 a line once the last piece is in (end() drops the room kept for growth). */
  get bytes(): number {
    return this.starts.byteLength;
  }

  private push(start: number): void {
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = start;
  }
}

// ---- reading one file ------------------------------------------------------------------------

/** A file's findings and where they are; the text itself is not kept. */
export interface DiskCheck {
  format: ClaimFormat | null;
  claims: number;
  serviceLines: number;
  findings: Finding[];
  lines: LineStarts;
  /** What hovers on its procedure codes need (with DiskCheckOptions.index), else null. */
  index: DiskIndex | null;
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

function reasonOf(error: unknown): string {
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
 * X12Stream (memory follows the largest claim, not the file), a claim CSV of ASCII bytes in
 * blocks through CsvStream; anything else (X12 without a good header, a CSV with other bytes)
 * read whole, up to the rule files' 512 MB cap. Null when cancelled.
 * Throws DiskError (or a file-system error) when it cannot be read.
 */
export async function checkFileFromDisk(path: string, knowledge: Knowledge, options: DiskCheckOptions = {}): Promise<DiskCheck | null> {
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
    let checked: Omit<DiskCheck, 'changed'> | null | typeof WHOLE = X12Stream.canStream(head)
      ? await checkInBlocks(handle, buffer, bytesRead, skip, decoder, encoding, knowledge, options)
      : await checkCsvInBlocks(handle, buffer, skip, knowledge, options);
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
  let claims = 0;
  let serviceLines = 0;
  const take = (piece: PieceResult): void => {
    claims += piece.claims;
    serviceLines += piece.serviceLines;
    for (const finding of piece.findings) findings.push(finding);
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
  return { format: 'x12', claims, serviceLines, findings: sorted, lines, index: builder?.finish(sorted, knowledge) ?? null };
}

/** What checkCsvInBlocks returns for a file it does not read in pieces: it is read whole. */
const WHOLE = Symbol('whole');

/**
 * Checks a claim CSV in blocks through CsvStream, as the CLI does (readCsvBlocks): memory
 * follows the claims and the lines some edit names, not the file (a 200 MB export read whole
 * took 4.4 GB). Only a file of ASCII bytes after its BOM (bytes are then the characters the
 * editor shows) that starts like a claim CSV is read so; anything else is WHOLE. Null when
 * cancelled.
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
  const index = builders.at(-1)?.finish(sorted, knowledge, result.kindOf) ?? null;
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
  const serviceLines = analysis.doc.claims.reduce((sum, claim) => sum + claim.lines.length, 0);
  const findings = byPosition(analysis.findings);
  let index: DiskIndex | null = null;
  if (options.index && !options.shared) {
    const builder = new DiskIndexBuilder(analysis.doc.format !== 'csv');
    builder.add(analysis.doc.claims);
    index = builder.finish(findings, knowledge);
  }
  return { format: analysis.doc.format, claims: analysis.doc.claims.length, serviceLines, findings, lines, index };
}

// ---- diagnostics -----------------------------------------------------------------------------

/** The rule of the finding that says the reader or a check failed. */
const INTERNAL_ERROR_RULE = internalError('reading', null).rule;

// ---- files the editor does not send ----------------------------------------------------------

/** Changes on disk settle for this long before a file is read again (a save fires several events). */
const RECHECK_DELAY_MS = 300;

interface Tracked {
  path: string;
  stopWatching: () => void;
  /** Size, mtime and inode when last read: a change event that leaves them as they were is not a change. */
  stamp: string | null;
  timer?: ReturnType<typeof setTimeout>;
  status: DiskFilesRequest.FileStatus;
  /** From the last completed check of the file as it is now: hovers are answered from them. Null while it is (re)read. */
  hover: { index: DiskIndex; lines: LineStarts } | null;
}

function stampOf(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
}

/** The disk checks of each connection, for the hover handler (handlers.ts). */
const byConnection = new WeakMap<Connection, DiskChecks>();

/** The files checked from disk for a connection's client, when it has any. */
export function diskChecksOf(connection: Connection): DiskChecks | undefined {
  return byConnection.get(connection);
}

export class DiskChecks {
  private readonly tracked = new Map<string, Tracked>();
  /** One file is read at a time: each check waits for the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  /** URIs the last folder run published diagnostics for. */
  private folderPublished = new Set<string>();
  private folderRun: { cancel(): void } | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly rules: Rules,
    private readonly runtime: Runtime,
  ) {
    byConnection.set(connection, this);
  }

  /**
   * The hover at a position of a file checked from disk (not open as text): on a procedure code
   * of the last completed check, the open document's hover for that code and the findings on
   * its line; null anywhere else, and while the file is being read.
   */
  hover(uri: string, position: Position): { result: HoverResult; range: Range } | null {
    const entry = this.tracked.get(uri);
    if (!entry?.hover || this.documents.get(uri)) return null;
    const { index, lines } = entry.hover;
    const result = index.hoverAt(lines.offsetAt(position));
    return result === null ? null : { result, range: lines.rangeOf(result.span) };
  }

  register(): void {
    this.connection.onRequest(DiskFilesRequest.type, async (params: DiskFilesRequest.Params) => this.update(Array.isArray(params?.uris) ? params.uris.filter((u) => typeof u === 'string') : []));
    this.connection.onRequest(CheckFolderRequest.type, async (params: CheckFolderRequest.Params, token: CancellationToken) => this.checkFolder(params ?? {}, token));
  }

  /** The files the editor does not send are now `uris`: new ones are checked and watched, missing ones forgotten. */
  async update(uris: readonly string[]): Promise<DiskFilesRequest.Result> {
    const wanted = new Set(uris);
    for (const [uri, entry] of this.tracked) {
      if (wanted.has(uri)) continue;
      this.forget(uri, entry);
      if (!this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    const statuses = await Promise.all([...wanted].map((uri) => this.track(uri)));
    return { files: statuses };
  }

  /** The rules changed: every file checked from disk is checked again. */
  recheckAll(): void {
    for (const uri of this.tracked.keys()) void this.enqueue(uri);
  }

  private forget(uri: string, entry: Tracked): void {
    entry.hover = null;
    entry.stopWatching();
    if (entry.timer) clearTimeout(entry.timer);
    this.tracked.delete(uri);
  }

  private async track(uri: string): Promise<DiskFilesRequest.FileStatus> {
    if (!uri.startsWith('file:')) return { uri, state: 'unreadable', reason: 'not a file: URI' };
    const known = this.tracked.get(uri);
    if (this.documents.get(uri)) {
      // The editor sends its text now: the normal path checks it.
      if (known) this.forget(uri, known);
      return { uri, state: 'open' };
    }
    if (known) return known.status;
    let path: string;
    try {
      path = fileURLToPath(uri);
      const stats = await fs.stat(path);
      if (stats.isDirectory()) return { uri, state: 'unreadable', reason: 'is a directory, not a file' };
    } catch (error) {
      return { uri, state: 'unreadable', reason: reasonOf(error) };
    }
    if (!isClaimFile(path)) return { uri, state: 'not-claims' };
    const entry: Tracked = { path, stopWatching: () => undefined, stamp: null, status: { uri, state: 'checked' }, hover: null };
    this.tracked.set(uri, entry);
    // The folder, not the file: a save that replaces the file (write and rename) is seen too.
    entry.stopWatching = this.runtime.watchFile(dirname(path), () => this.changedSoon(uri, entry));
    await this.enqueue(uri);
    return entry.status;
  }

  private changedSoon(uri: string, entry: Tracked): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.tracked.get(uri) !== entry) return;
      fs.stat(entry.path).then(
        (stats) => {
          if (stampOf(stats) !== entry.stamp) void this.enqueue(uri);
        },
        () => void this.enqueue(uri),
      );
    }, RECHECK_DELAY_MS);
  }

  private enqueue(uri: string): Promise<void> {
    // The file changed, or the rules did: what the index says is stale until the check ends.
    const entry = this.tracked.get(uri);
    if (entry) entry.hover = null;
    const next = this.queue.then(() => this.check(uri));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async check(uri: string): Promise<void> {
    const entry = this.tracked.get(uri);
    // Forgotten meanwhile, or the editor now sends its text (the normal path publishes it).
    if (!entry || this.documents.get(uri)) return;
    const stillWanted = (): boolean => this.tracked.get(uri) === entry && !this.documents.get(uri);
    const started = Date.now();
    let checked: DiskCheck | null;
    let stamp: string | null = null;
    try {
      stamp = stampOf(await fs.stat(entry.path));
      checked = await checkFileFromDisk(entry.path, this.rules.knowledge, { isCancelled: () => !stillWanted(), index: true, guideChecks: this.rules.guideChecks });
    } catch (error) {
      if (!stillWanted()) return;
      entry.stamp = stamp;
      entry.status = { uri, state: 'unreadable', reason: reasonOf(error) };
      this.connection.console.warn(`Claimlint: ${basename(entry.path)} could not be checked from disk: ${entry.status.reason}`);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    if (checked === null || !stillWanted()) return;
    entry.stamp = stamp;
    // Not when it changed while being read: the check that follows indexes it as it is.
    entry.hover = checked.index !== null && !checked.changed ? { index: checked.index, lines: checked.lines } : null;
    const diagnostics = checked.findings.map((finding) => findingDiagnostic(uri, checked.lines, finding));
    void this.connection.sendDiagnostics({ uri, diagnostics });
    void this.connection.sendNotification(ConflictCountNotification.type, { uri, ncciFindings: checked.findings.filter(isNcciEditFinding).length, findings: checked.findings.length, fromDisk: true });
    entry.status = { uri, state: 'checked', claims: checked.claims, findings: checked.findings.length };
    const held = entry.hover === null ? '' : `, hover index ${Math.round((entry.hover.index.bytes() + entry.hover.lines.bytes) / 1024)} KB`;
    this.connection.console.info(`Claimlint: checked ${basename(entry.path)} from disk: ${checked.claims} claims, ${checked.findings.length} findings, ${Date.now() - started} ms${held}`);
    if (checked.changed) void this.enqueue(uri);
  }

  // ---- a folder at once ----------------------------------------------------------------------

  async checkFolder(params: CheckFolderRequest.Params, token: CancellationToken): Promise<CheckFolderRequest.Result> {
    const root = typeof params.folder === 'string' && params.folder.startsWith('file:') ? fileURLToPath(params.folder) : this.rules.workspace.root;
    const result: CheckFolderRequest.Result = { folder: root === null ? null : pathToFileURL(root).toString(), found: 0, checked: 0, claims: 0, errors: 0, warnings: 0, information: 0, unreadable: [], cancelled: false };
    if (root === null) return result;
    // A newer run makes an older one's results stale: the older stops.
    this.folderRun?.cancel();
    let stopped = false;
    const run = { cancel: () => (stopped = true) };
    this.folderRun = run;

    const reporter: WorkDoneProgressReporter | WorkDoneProgressServerReporter =
      params.workDoneToken !== undefined ? this.connection.window.attachWorkDoneProgress(params.workDoneToken) : await this.connection.window.createWorkDoneProgress();
    const progressCancelled = 'token' in reporter ? (reporter as WorkDoneProgressServerReporter).token : undefined;
    const cancelled = (): boolean => stopped || token.isCancellationRequested || progressCancelled?.isCancellationRequested === true;
    reporter.begin('Claimlint: checking claim files', 0, 'finding claim files', true);
    try {
      return await this.runFolder(root, result, reporter, cancelled);
    } finally {
      reporter.done();
      if (this.folderRun === run) this.folderRun = null;
    }
  }

  private async runFolder(root: string, result: CheckFolderRequest.Result, reporter: WorkDoneProgressReporter, cancelled: () => boolean): Promise<CheckFolderRequest.Result> {
    const found: string[] = [];
    let folders = 0;
    for (const path of walkClaimFiles(root)) {
      if (path !== null) found.push(path);
      else if (++folders % 16 === 0) {
        await turn();
        if (cancelled()) return { ...result, cancelled: true };
      }
    }
    const paths = sortClaimFiles(root, found);
    result.found = paths.length;
    // Named in messages about lines of another file as the CLI names them: relative to the folder.
    const names = paths.map((path) => relative(root, path).split(sep).join('/'));
    const knowledge = this.rules.knowledge;
    const codingRun = new CodingRun(knowledge);
    const files: ({ uri: string; version?: number; findings: Finding[]; lines: { rangeOf(span: Span): Range } } | null)[] = [];
    for (let index = 0; index < paths.length; index++) {
      if (cancelled()) return { ...result, cancelled: true };
      reporter.report(Math.floor((index * 100) / paths.length), `${index + 1} of ${paths.length}: ${names[index]}`);
      const path = paths[index]!;
      const uri = pathToFileURL(path).toString();
      const shared = { run: codingRun, file: index };
      const document = this.documents.get(uri);
      try {
        if (document) {
          // Open in the editor: its text, which may differ from the file on disk, is what the user sees.
          const analysis = analyze(document.getText(), knowledge, undefined, shared, { guideChecks: this.rules.guideChecks });
          files.push({ uri, version: document.version, findings: byPosition(analysis.findings), lines: analysis.lines });
          result.claims += analysis.doc.claims.length;
          await turn();
        } else {
          const checked = await checkFileFromDisk(path, knowledge, { shared, isCancelled: cancelled, guideChecks: this.rules.guideChecks });
          if (checked === null) return { ...result, cancelled: true };
          files.push({ uri, findings: checked.findings, lines: checked.lines });
          result.claims += checked.claims;
        }
        result.checked++;
      } catch (error) {
        files.push(null);
        result.unreadable.push(`${names[index]}: ${reasonOf(error)}`);
      }
    }
    if (cancelled()) return { ...result, cancelled: true };
    reporter.report(100, 'pairing lines across files');
    let coding;
    try {
      coding = codingRun.check(names);
    } catch (error) {
      coding = files.flatMap((file, index) => (file ? [{ file: index, finding: internalError('checking', error) }] : []));
    }
    for (const { file, finding } of coding) files[file]?.findings.push(finding);

    const published = new Set<string>();
    for (const file of files) {
      if (file === null) continue;
      const findings = byPosition(file.findings);
      for (const finding of findings) result[finding.severity === 'error' ? 'errors' : finding.severity === 'warning' ? 'warnings' : 'information']++;
      void this.connection.sendDiagnostics({ uri: file.uri, ...(file.version !== undefined ? { version: file.version } : {}), diagnostics: findings.map((finding) => findingDiagnostic(file.uri, file.lines, finding)) });
      published.add(file.uri);
    }
    // Files of the previous run that are no longer claim files here (deleted, renamed) lose their diagnostics.
    for (const uri of this.folderPublished) {
      if (!published.has(uri) && !this.documents.get(uri) && !this.tracked.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.folderPublished = published;
    for (const line of result.unreadable) this.connection.console.warn(`Claimlint: not checked: ${line}`);
    this.connection.console.info(`Claimlint: checked ${result.checked} of ${result.found} claim files under ${basename(root)}: ${result.errors} errors, ${result.warnings} warnings`);
    return result;
  }
}
