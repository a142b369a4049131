// Every claim file under a folder checked at once (CheckFolderRequest), together in one CodingRun
// as the CLI checks the files of one run, with work-done progress and cancellation. Files open in
// the editor are checked with the editor's text. A file whose name is not UTF-8 is read by its
// bytes (core/rules/filePaths.ts) and named by a file: URI of them; a folder that cannot be listed
// is reported as a file that cannot be read is. A file reached twice (a link to another) is read
// once, and one that changes while it is read is read again, as the CLI keeps to both. A run
// covers one folder: its results replace only those of earlier runs under that folder.
import { basename, isAbsolute, relative, sep } from 'node:path';
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
import type { Finding, Span } from '../core/model';
import { CodingRun } from '../core/rules/codingRun';
import { ControlNumbersAcrossFiles } from '../core/x12/controlNumbersAcrossFiles';
import { documentInterchangeHeaders } from '../core/x12/interchangeHeaders';
import { byPosition } from '../core/spans';
import type { Range } from '../core/text';
import { SeenFiles, sortClaimFiles, walkClaimFiles } from '../cli/claimFiles';
import { fileUriOf, shownPath, type FilePath } from '../core/rules/filePaths';
import { findingDiagnostic } from './convert';
import { CheckFolderRequest } from './protocol';
import { requestedFolder } from './checkFolderParams';
import type { Rules } from './rules';
import { checkFileFromDisk, DiskError, reasonOf, type DiskCheck, type DiskCheckOptions } from './diskRead';
import { cappedFindings } from './diagnosticCap';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Reads of a file that keeps changing while it is read before the run gives up on it. */
const READ_TRIES = 3;

/** A file's results in a run, held until every file is read and the lines are paired. */
interface RunFile {
  uri: string;
  /** Its path, as comparablePath gives it: which runs' folders it lies under. */
  at: string;
  /** The open document whose text was checked, and its version then; none for a file read from disk. */
  document?: TextDocument;
  version?: number;
  findings: Finding[];
  lines: { rangeOf(span: Span): Range };
}

export class FolderChecks {
  /** URIs the runs published diagnostics for and no later run of a folder around them cleared, with their paths (RunFile.at). */
  private readonly published = new Map<string, string>();
  /** The runs under way, by their folder (as comparablePath gives it). */
  private readonly runs = new Map<string, { cancel(): void }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly rules: Rules,
    /** Whether a URI is a file checked from disk (diskCheck.ts), whose diagnostics are its own. */
    private readonly isTracked: (uri: string) => boolean,
  ) {}

  async checkFolder(params: CheckFolderRequest.Params, token: CancellationToken): Promise<CheckFolderRequest.Result> {
    const root = requestedFolder(params) ?? this.rules.workspace.root;
    const result: CheckFolderRequest.Result = { folder: root === null ? null : pathToFileURL(root).toString(), found: 0, checked: 0, claims: 0, errors: 0, warnings: 0, information: 0, unreadable: [], cancelled: false };
    if (root === null) return result;
    // A newer run of the same folder, or of one around or inside it, makes the older one's results
    // stale: the older stops. A run of another workspace folder (a multi-root workspace) goes on.
    const folder = comparablePath(root);
    for (const [other, older] of this.runs) if (isUnder(other, folder) || isUnder(folder, other)) older.cancel();
    let stopped = false;
    const run = { cancel: () => (stopped = true) };
    this.runs.set(folder, run);

    const reporter = await this.progress(params.workDoneToken);
    const progressCancelled = 'token' in reporter ? (reporter as WorkDoneProgressServerReporter).token : undefined;
    const cancelled = (): boolean => stopped || token.isCancellationRequested || progressCancelled?.isCancellationRequested === true;
    reporter.begin('Claimlint: checking claim files', 0, 'finding claim files', true);
    try {
      return await this.runFolder(root, result, reporter, cancelled);
    } finally {
      reporter.done();
      if (this.runs.get(folder) === run) this.runs.delete(folder);
    }
  }

  /**
   * The progress of a run: on the client's token, else on one the server asks the client for. A
   * client may refuse that (window/workDoneProgress/create answered with an error): LSP 3.17 then
   * forbids progress on the token, not the work, so the run goes on without progress.
   */
  private async progress(workDoneToken: CheckFolderRequest.Params['workDoneToken']): Promise<WorkDoneProgressReporter | WorkDoneProgressServerReporter> {
    const window = this.connection.window;
    if (workDoneToken !== undefined) return window.attachWorkDoneProgress(workDoneToken);
    try {
      return await window.createWorkDoneProgress();
    } catch {
      // The library's reporter that sends nothing.
      return window.attachWorkDoneProgress(undefined);
    }
  }

  private async runFolder(root: string, result: CheckFolderRequest.Result, reporter: WorkDoneProgressReporter, cancelled: () => boolean): Promise<CheckFolderRequest.Result> {
    const found: FilePath[] = [];
    const unlisted = new Map<FilePath, string>();
    const passed = new Map<FilePath, string>();
    let folders = 0;
    const walk = walkClaimFiles(
      root,
      (folder, reason) => unlisted.set(folder, reason),
      (entry, reason) => passed.set(entry, reason),
    );
    for (const path of walk) {
      if (path !== null) found.push(path);
      else if (++folders % 16 === 0) {
        await turn();
        if (cancelled()) return { ...result, cancelled: true };
      }
    }
    // A file reached again (a link to one listed) is read once, as the CLI reads it: its claims would be paired with themselves.
    const seen = new SeenFiles();
    const paths = sortClaimFiles(root, found).filter((path) => seen.firstTime(path));
    result.found = paths.length;
    // Named in messages about lines of another file as the CLI names them: relative to the folder.
    const nameOf = (path: FilePath) => relative(root, shownPath(path)).split(sep).join('/');
    const names = paths.map(nameOf);
    for (const folder of sortClaimFiles(root, [...unlisted.keys()])) result.unreadable.push(`${nameOf(folder) || '.'}: ${unlisted.get(folder)!}`);
    // A named pipe with a claim file's name would wait for a writer: said, not read.
    for (const entry of sortClaimFiles(root, [...passed.keys()])) result.unreadable.push(`${nameOf(entry)}: ${passed.get(entry)!}`);
    const knowledge = this.rules.knowledge;
    // A run covers the claim files under its folder, and pairs lines across those alone: the
    // results another run published (another workspace folder, a folder around this one) stay.
    const codingRun = new CodingRun(knowledge);
    // ISA13 used again for a sender and receiver by a later file (a guide check, as the CLI's --guide full makes it).
    const controlNumbers = this.rules.guideChecks === 'full' ? new ControlNumbersAcrossFiles() : null;
    const files: (RunFile | null)[] = [];
    for (let index = 0; index < paths.length; index++) {
      if (cancelled()) return { ...result, cancelled: true };
      reporter.report(Math.floor((index * 100) / paths.length), `${index + 1} of ${paths.length}: ${names[index]}`);
      const path = paths[index]!;
      // Open in the editor under the editor's spelling of its URI (VS Code encodes more characters than Node).
      const document = typeof path === 'string' ? this.openDocumentAt(path) : undefined;
      const uri = document?.uri ?? fileUriOf(path);
      const at = comparablePath(shownPath(path));
      const shared = { run: codingRun, file: index };
      try {
        if (document) {
          // Open in the editor: its text, which may differ from the file on disk, is what the user sees.
          const analysis = analyze(document.getText(), knowledge, undefined, shared, { guideChecks: this.rules.guideChecks });
          const repeated = controlNumbers?.file(index, names[index]!, documentInterchangeHeaders(analysis.doc)) ?? [];
          files.push({ uri, at, document, version: document.version, findings: byPosition([...analysis.findings, ...repeated]), lines: analysis.lines });
          result.claims += analysis.doc.claims.length;
          await turn();
        } else {
          const checked = await this.readSettled(path, { shared, isCancelled: cancelled, guideChecks: this.rules.guideChecks });
          if (checked === null) return { ...result, cancelled: true };
          const repeated = controlNumbers?.file(index, names[index]!, checked.interchanges ?? []) ?? [];
          files.push({ uri, at, findings: repeated.length > 0 ? byPosition([...checked.findings, ...repeated]) : checked.findings, lines: checked.lines });
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
    this.publish(comparablePath(root), files, result);
    for (const line of result.unreadable) this.connection.console.warn(`Claimlint: not checked: ${line}`);
    this.connection.console.info(`Claimlint: checked ${result.checked} of ${result.found} claim files under ${basename(root)}: ${result.errors} errors, ${result.warnings} warnings`);
    return result;
  }

  /**
   * A file read from disk, again when it changed while it was read (part old text, part new), a
   * few times at most: a file still changing is not checked (DiskError, named among those that
   * could not be read), as the CLI refuses it. What a read added to the run goes before the next.
   */
  private async readSettled(path: FilePath, options: DiskCheckOptions & { shared: SharedCoding }): Promise<DiskCheck | null> {
    for (let tries = 1; ; tries++) {
      const checked = await checkFileFromDisk(path, this.rules.knowledge, options);
      if (checked === null || !checked.changed) return checked;
      options.shared.run.dropFile(options.shared.file);
      if (tries === READ_TRIES) throw new DiskError('changed while it was being checked; check it again');
    }
  }

  /**
   * Publishes the run's diagnostics (counted into `result`), but not over a document the editor
   * has open now unless the run read that very version: the normal path publishes what it shows,
   * also for one opened while the run read the file from disk; nor for a document closed since
   * the run read its text (closing cleared its diagnostics). The files under `root` (comparable)
   * that an earlier run published and this one did not (deleted, renamed, unreadable now) lose
   * theirs; those elsewhere are another run's.
   */
  private publish(root: string, files: readonly (RunFile | null)[], result: CheckFolderRequest.Result): void {
    const published = new Map<string, string>();
    for (const file of files) {
      if (file === null) continue;
      const findings = byPosition(file.findings);
      for (const finding of findings) result[finding.severity === 'error' ? 'errors' : finding.severity === 'warning' ? 'warnings' : 'information']++;
      const open = this.openDocumentOf(file.uri);
      if (open !== file.document || open?.version !== file.version) continue;
      published.set(file.uri, file.at);
      void this.connection.sendDiagnostics({ uri: file.uri, ...(file.version !== undefined ? { version: file.version } : {}), diagnostics: cappedFindings(findings).map((finding) => findingDiagnostic(file.uri, file.lines, finding, (other) => files[other])) });
    }
    for (const [uri, at] of this.published) {
      if (published.has(uri) || !isUnder(root, at)) continue;
      this.published.delete(uri);
      if (!this.isOpen(uri) && !this.isTracked(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    for (const [uri, at] of published) this.published.set(uri, at);
  }

  /** The document open in the editor for the file at `path`, whatever spelling of its file: URI the editor used. */
  private openDocumentAt(path: string): TextDocument | undefined {
    return this.openDocumentWith(comparablePath(path));
  }

  private isOpen(uri: string): boolean {
    return this.openDocumentOf(uri) !== undefined;
  }

  /** The document open in the editor for the file a file: URI names, whatever its spelling. */
  private openDocumentOf(uri: string): TextDocument | undefined {
    const path = pathOf(uri);
    return this.documents.get(uri) ?? (path === null ? undefined : this.openDocumentWith(path));
  }

  /** The open document whose file: URI names `path` (as comparablePath gives it). */
  private openDocumentWith(path: string): TextDocument | undefined {
    for (const document of this.documents.all()) if (pathOf(document.uri) === path) return document;
    return undefined;
  }
}

/** Whether `path` is `folder` or lies under it (both as comparablePath gives them). */
function isUnder(folder: string, path: string): boolean {
  const within = relative(folder, path);
  return within === '' || (within !== '..' && !within.startsWith(`..${sep}`) && !isAbsolute(within));
}

/** A file: URI's path as comparablePath gives it; null for another scheme or a malformed URI. */
function pathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return comparablePath(fileURLToPath(uri));
  } catch {
    return null;
  }
}

/** A path as two spellings of one file compare equal: on Windows, drive letters and names are not case-sensitive (VS Code writes `c:`). */
function comparablePath(path: string): string {
  return process.platform === 'win32' ? path.toLowerCase() : path;
}
