// Claim files open in the editor whose text never reaches the server (issue 14): VS Code does not
// synchronise files over 50 MB with extensions. The client lists them (DiskFilesRequest); each is
// read from disk in blocks (diskRead.ts), as the CLI reads a big file, its diagnostics are
// published for its URI, hovers are answered from the index built as it was read, and it is read
// again when it changes on disk. One file is read at a time, yielding to the event loop between
// blocks, so requests about other documents are answered meanwhile. Every claim file under a
// folder at once is folderCheck.ts. Nothing logged or returned quotes the files: counts, rule ids
// and file names only.
import { promises as fs, type Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from '../core/text';
import type { DiskIndex } from '../core/hover/diskIndex';
import type { HoverResult } from '../core/hover/hover';
import { isClaimFile } from '../cli/claimFiles';
import { findingDiagnostic } from './convert';
import { CheckFolderRequest, ConflictCountNotification, DiskFilesRequest } from './protocol';
import { conflictCount } from './conflictCount';
import { checkFolderArguments } from './checkFolderParams';
import type { Rules } from './rules';
import type { Runtime } from './runtime';
import type { LineStarts } from './lineStarts';
import { checkFileFromDisk, reasonOf, type DiskCheck } from './diskRead';
import { FolderChecks } from './folderCheck';
import { cappedFindings } from './diagnosticCap';

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
  /** Its check from disk once the editor closed it: until it ends, `status` is of the file before it was opened. */
  reread?: Promise<void>;
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
  /** The URIs of the client's last list: one the editor opens and closes again is still to be checked from disk. */
  private listed = new Set<string>();
  /** Files being looked at for the first time (stat, then the first check), by URI. */
  private readonly starting = new Map<string, Promise<DiskFilesRequest.FileStatus>>();
  /** One file is read at a time: each check waits for the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Every claim file under a folder at once (folderCheck.ts). */
  private readonly folders: FolderChecks;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly rules: Rules,
    private readonly runtime: Runtime,
  ) {
    byConnection.set(connection, this);
    this.folders = new FolderChecks(connection, documents, rules, (uri) => this.tracked.has(uri));
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
    // By method, not type: the params are read as other editors send them (checkFolderParams.ts).
    this.connection.onRequest(CheckFolderRequest.method, async (...args: unknown[]) => {
      const { params, token } = checkFolderArguments(args);
      return this.folders.checkFolder(params, token);
    });
    // After the normal path's own close (scheduling.ts Checker.closed), which clears the diagnostics.
    this.documents.onDidClose((event) => this.closed(event.document.uri));
  }

  /**
   * A document was closed. While it was open its text, not the file, was checked, and what was
   * published of the file before is cleared: when the client still lists it, it is checked from
   * disk afresh (a new list that names it again is answered by that check, not the old status).
   * VS Code sends no new list when the open and the close fall within its debounce.
   */
  private closed(uri: string): void {
    if (!this.listed.has(uri)) return;
    const known = this.tracked.get(uri);
    // Not tracked: listed while it was open (track left it to the normal path). One whose first
    // check is under way is read once that check's wait is over, the document closed by then.
    if (!known) {
      if (!this.starting.has(uri)) void this.track(uri);
      return;
    }
    // Tracked all along, but changes on disk while it was open were not read (check skips an open document).
    const check = this.enqueue(uri).finally(() => {
      if (known.reread === check) known.reread = undefined;
    });
    known.reread = check;
  }

  /** The files the editor does not send are now `uris`: new ones are checked and watched, missing ones forgotten. */
  async update(uris: readonly string[]): Promise<DiskFilesRequest.Result> {
    const wanted = new Set(uris);
    this.listed = wanted;
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
    // Listed again while its first check is under way (two requests close together): that check answers both.
    const pending = this.starting.get(uri);
    if (pending) return pending;
    // Closed again in the editor: answered by the check from disk that follows, not the status from before.
    if (known?.reread) return known.reread.then(() => known.status, () => known.status);
    if (known) return known.status;
    const started = this.start(uri).finally(() => this.starting.delete(uri));
    this.starting.set(uri, started);
    return started;
  }

  /** Starts checking and watching a file not tracked yet. */
  private async start(uri: string): Promise<DiskFilesRequest.FileStatus> {
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
    const knowledge = this.rules.knowledge;
    let checked: DiskCheck | null;
    let stamp: string | null = null;
    try {
      stamp = stampOf(await fs.stat(entry.path));
      checked = await checkFileFromDisk(entry.path, knowledge, { isCancelled: () => !stillWanted(), index: true, guideChecks: this.rules.guideChecks });
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
    const diagnostics = cappedFindings(checked.findings).map((finding) => findingDiagnostic(uri, checked.lines, finding));
    void this.connection.sendDiagnostics({ uri, diagnostics });
    // A file with no claim read (an 835 or 999, a CSV of something else) has no count to show (scheduling.ts isClaimFile).
    const claimFile = checked.format !== null && checked.claims > 0;
    void this.connection.sendNotification(ConflictCountNotification.type, conflictCount(uri, checked.findings, knowledge, claimFile, checked.claims, true));
    entry.status = { uri, state: 'checked', claims: checked.claims, findings: checked.findings.length };
    const held = entry.hover === null ? '' : `, hover index ${Math.round((entry.hover.index.bytes() + entry.hover.lines.bytes) / 1024)} KB`;
    this.connection.console.info(`Claimlint: checked ${basename(entry.path)} from disk: ${checked.claims} claims, ${checked.findings.length} findings, ${Date.now() - started} ms${held}`);
    if (checked.changed) void this.enqueue(uri);
  }
}
