// Every claim file under a folder checked at once (CheckFolderRequest), together in one CodingRun
// as the CLI checks the files of one run, with work-done progress and cancellation. Files open in
// the editor are checked with the editor's text. A file whose name is not UTF-8 is read by its
// bytes (core/rules/filePaths.ts) and named by a file: URI of them; a folder that cannot be listed
// is reported as a file that cannot be read is.
import { basename, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CancellationToken,
  type Connection,
  type TextDocuments,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, internalError } from '../core/analyze';
import type { Finding, Span } from '../core/model';
import { CodingRun } from '../core/rules/codingRun';
import { byPosition } from '../core/spans';
import type { Range } from '../core/text';
import { sortClaimFiles, walkClaimFiles } from '../cli/claimFiles';
import { fileUriOf, shownPath, type FilePath } from '../core/rules/filePaths';
import { findingDiagnostic } from './convert';
import { CheckFolderRequest } from './protocol';
import type { Rules } from './rules';
import { checkFileFromDisk, reasonOf } from './diskRead';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FolderChecks {
  /** URIs the last run published diagnostics for. */
  private published = new Set<string>();
  private run: { cancel(): void } | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly rules: Rules,
    /** Whether a URI is a file checked from disk (diskCheck.ts), whose diagnostics are its own. */
    private readonly isTracked: (uri: string) => boolean,
  ) {}

  async checkFolder(params: CheckFolderRequest.Params, token: CancellationToken): Promise<CheckFolderRequest.Result> {
    const root = typeof params.folder === 'string' && params.folder.startsWith('file:') ? fileURLToPath(params.folder) : this.rules.workspace.root;
    const result: CheckFolderRequest.Result = { folder: root === null ? null : pathToFileURL(root).toString(), found: 0, checked: 0, claims: 0, errors: 0, warnings: 0, information: 0, unreadable: [], cancelled: false };
    if (root === null) return result;
    // A newer run makes an older one's results stale: the older stops.
    this.run?.cancel();
    let stopped = false;
    const run = { cancel: () => (stopped = true) };
    this.run = run;

    const reporter = await this.progress(params.workDoneToken);
    const progressCancelled = 'token' in reporter ? (reporter as WorkDoneProgressServerReporter).token : undefined;
    const cancelled = (): boolean => stopped || token.isCancellationRequested || progressCancelled?.isCancellationRequested === true;
    reporter.begin('Claimlint: checking claim files', 0, 'finding claim files', true);
    try {
      return await this.runFolder(root, result, reporter, cancelled);
    } finally {
      reporter.done();
      if (this.run === run) this.run = null;
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
    let folders = 0;
    for (const path of walkClaimFiles(root, (folder, reason) => unlisted.set(folder, reason))) {
      if (path !== null) found.push(path);
      else if (++folders % 16 === 0) {
        await turn();
        if (cancelled()) return { ...result, cancelled: true };
      }
    }
    const paths = sortClaimFiles(root, found);
    result.found = paths.length;
    // Named in messages about lines of another file as the CLI names them: relative to the folder.
    const nameOf = (path: FilePath) => relative(root, shownPath(path)).split(sep).join('/');
    const names = paths.map(nameOf);
    for (const folder of sortClaimFiles(root, [...unlisted.keys()])) result.unreadable.push(`${nameOf(folder) || '.'}: ${unlisted.get(folder)!}`);
    const knowledge = this.rules.knowledge;
    const codingRun = new CodingRun(knowledge);
    const files: ({ uri: string; version?: number; findings: Finding[]; lines: { rangeOf(span: Span): Range } } | null)[] = [];
    for (let index = 0; index < paths.length; index++) {
      if (cancelled()) return { ...result, cancelled: true };
      reporter.report(Math.floor((index * 100) / paths.length), `${index + 1} of ${paths.length}: ${names[index]}`);
      const path = paths[index]!;
      // Open in the editor under the editor's spelling of its URI (VS Code encodes more characters than Node).
      const document = typeof path === 'string' ? this.openDocumentAt(path) : undefined;
      const uri = document?.uri ?? fileUriOf(path);
      const shared = { run: codingRun, file: index };
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
      published.add(file.uri);
      // A document edited (or closed) since the run read it has newer diagnostics from the normal path: these would replace them.
      if (file.version !== undefined && this.documents.get(file.uri)?.version !== file.version) continue;
      void this.connection.sendDiagnostics({ uri: file.uri, ...(file.version !== undefined ? { version: file.version } : {}), diagnostics: findings.map((finding) => findingDiagnostic(file.uri, file.lines, finding)) });
    }
    // Files of the previous run that are no longer claim files here (deleted, renamed) lose their diagnostics.
    for (const uri of this.published) {
      if (!published.has(uri) && !this.isOpen(uri) && !this.isTracked(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.published = published;
    for (const line of result.unreadable) this.connection.console.warn(`Claimlint: not checked: ${line}`);
    this.connection.console.info(`Claimlint: checked ${result.checked} of ${result.found} claim files under ${basename(root)}: ${result.errors} errors, ${result.warnings} warnings`);
    return result;
  }

  /** The document open in the editor for the file at `path`, whatever spelling of its file: URI the editor used. */
  private openDocumentAt(path: string): TextDocument | undefined {
    return this.openDocumentWith(comparablePath(path));
  }

  private isOpen(uri: string): boolean {
    const path = pathOf(uri);
    return this.documents.get(uri) !== undefined || (path !== null && this.openDocumentWith(path) !== undefined);
  }

  /** The open document whose file: URI names `path` (as comparablePath gives it). */
  private openDocumentWith(path: string): TextDocument | undefined {
    for (const document of this.documents.all()) if (pathOf(document.uri) === path) return document;
    return undefined;
  }
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
