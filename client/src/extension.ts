// The VS Code client: starts the language server and adds what only the editor can do
// (restart command, status bar, one-time warnings, the files VS Code does not synchronise, a
// progress notification for checking a folder). Everything about claims lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
  WorkDoneProgress,
} from 'vscode-languageclient/node';
import {
  CheckFolderRequest,
  ConflictCountNotification,
  DiskFilesRequest,
  LayoutRequest,
  LoadProblemsNotification,
  configurationSection,
  type ClaimlintInitializationOptions,
} from '../../server/src/lsp/protocol';
import { serverEnvironment } from '../../server/src/lsp/serverProcess';

const languages = ['x12', 'csv', 'tsv'];

/** VS Code does not synchronise a file longer than this with extensions: the server reads such files from disk. */
const SYNC_LIMIT_BYTES = 50 * 1024 * 1024;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Claimlint', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  // Node's 'advanced' IPC serialization (the V8 serializer: the client passes it on to fork, and
  // the server's process.send/on('message') follow it) instead of JSON. Every message is encoded in
  // the extension host that all extensions share: a 30 MB document's didOpen made JSON there was
  // one stall of 130-150 ms of CPU (350-430 ms on the loaded bench machine; npm run bench -- --only
  // host, issue 14); the V8 serializer copies the text in under 20 ms. (Not in the client's
  // ForkOptions type: spread in beside a field it knows.)
  const advanced = { serialization: 'advanced' };
  // malloc settings that let an edit of a large document reuse memory (serverProcess.ts).
  const env = serverEnvironment(process.env);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { ...advanced, execArgv: [], env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { ...advanced, execArgv: ['--nolazy', '--inspect=6019'], env } },
  };
  // The warning for rule files with problems is shown here (LoadProblemsNotification below), not by the server.
  const initializationOptions: ClaimlintInitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted, showsLoadProblems: true, statusCounts: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    initializationOptions,
    synchronize: { configurationSection },
  };

  const ncciCounts = new Map<string, ConflictCountNotification.Params>();
  /** Files whose counts came from a check of the file on disk. */
  const fromDisk = new Set<string>();
  const status = vscode.window.createStatusBarItem('claimlint.conflicts', vscode.StatusBarAlignment.Left, 100);
  status.name = 'Claimlint NCCI edits';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status);
  /** The file in front: the active editor's, else the active tab's (a file over the limit has a tab but no editor here). */
  const activeUri = (): string | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (editor) return editor.document.uri.toString();
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputText ? input.uri.toString() : undefined;
  };
  const refreshStatus = (): void => {
    const uri = activeUri();
    const counted = uri === undefined ? undefined : ncciCounts.get(uri);
    if (uri === undefined || counted === undefined) {
      status.hide();
      return;
    }
    const count = counted.ncciFindings;
    const disk = fromDisk.has(uri);
    // Errors show the error icon; warnings alone (an indicator-1 pair without its modifier) the warning icon.
    const icon = count === 0 ? '$(check)' : (counted.ncciErrors ?? count) > 0 ? '$(error)' : '$(warning)';
    const hits = count === 0 ? 'No NCCI edits hit' : `${count} NCCI edit${count === 1 ? '' : 's'} hit`;
    // No claim judged: the tables loaded do not matter, and "No NCCI edits hit" would read as a clean check.
    const none = counted.notApplicable === 'all';
    const notes = [...(counted.builtinOnly && !none ? ['43214 set only'] : []), ...(counted.notApplicable === 'some' ? ['NCCI does not apply to some claims'] : []), ...(counted.tableMissing ? ['a table is not loaded'] : []), ...(disk ? ['checked from disk'] : [])];
    status.text = `${none ? '$(info) NCCI does not apply to this file\'s claims' : `${icon} ${hits}`}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
    const what = 'Claimlint: NCCI edits this file hits (procedure pairs, units over an MUE, add-on codes without their primary)';
    const builtinOnly = counted.builtinOnly && !none
      ? '. No CMS table is loaded, so only the built-in CPT 43214 edits were checked: set claimlint.ptpEditFiles, claimlint.mueFiles and claimlint.addOnCodeFiles to the CMS downloads'
      : '';
    const notApplicable = counted.notApplicable
      ? `. ${none ? 'No claim of this file is judged by an NCCI table' : 'Some claims of this file are judged by no NCCI table'} (CMS does not edit inpatient or other non-outpatient facility bills, nor dental claims): their lines were not checked, as the note in the Problems panel says`
      : '';
    const tableMissing = counted.tableMissing
      ? '. Some claims of this file are judged by a CMS table that is not loaded (the practitioner and outpatient hospital tables each apply to their own claims): their lines were not checked against it, as the note in the Problems panel says'
      : '';
    status.tooltip = disk
      ? `${what}${builtinOnly}${notApplicable}${tableMissing}, checked from disk: VS Code does not pass files over 50 MB to extensions, so Claimlint read the saved file, and reads it again when it changes on disk. Unsaved edits are not checked.`
      : `${what}${builtinOnly}${notApplicable}${tableMissing}.`;
    status.show();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(refreshStatus),
    vscode.window.tabGroups.onDidChangeTabs(refreshStatus),
    // A closed document's count would show again when it is reopened, until its new check is in.
    // The status bar follows at once: a document made Plain Text is closed and opened again
    // without the active editor changing.
    vscode.workspace.onDidCloseTextDocument((document) => {
      const uri = document.uri.toString();
      if (!fromDisk.has(uri)) ncciCounts.delete(uri);
      refreshStatus();
    }),
  );

  // Files open in a tab whose text VS Code never gives the extension: the server is told the
  // whole list after every change of tabs or documents, and checks them from disk.
  let diskFilesTimer: ReturnType<typeof setTimeout> | undefined;
  /** The list the running server has (null: none sent since it started). */
  let diskFilesSent: string | null = null;
  const sendDiskFiles = async (): Promise<void> => {
    if (!client || client.state !== State.Running) return;
    const synced = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    const candidates = new Map<string, vscode.Uri>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'file' && !synced.has(tab.input.uri.toString())) candidates.set(tab.input.uri.toString(), tab.input.uri);
      }
    }
    const uris: string[] = [];
    for (const [key, uri] of candidates) {
      const size = await vscode.workspace.fs.stat(uri).then((stat) => stat.size, () => 0);
      if (size > SYNC_LIMIT_BYTES) uris.push(key);
    }
    const list = JSON.stringify(uris.sort());
    if (list === diskFilesSent) return;
    diskFilesSent = list;
    try {
      await client.sendRequest(DiskFilesRequest.type, { uris });
    } catch (error) {
      diskFilesSent = null;
      output.warn(`Claimlint could not have large files checked from disk: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const diskFilesSoon = (): void => {
    if (diskFilesTimer) clearTimeout(diskFilesTimer);
    diskFilesTimer = setTimeout(() => void sendDiskFiles(), 100);
  };
  context.subscriptions.push(
    vscode.window.tabGroups.onDidChangeTabs(diskFilesSoon),
    vscode.workspace.onDidOpenTextDocument(diskFilesSoon),
    vscode.workspace.onDidCloseTextDocument(diskFilesSoon),
    { dispose: () => diskFilesTimer && clearTimeout(diskFilesTimer) },
  );

  const start = async (): Promise<void> => {
    client = new LanguageClient('claimlint', 'Claimlint', serverOptions, clientOptions);
    client.onNotification(ConflictCountNotification.type, (params) => {
      // A document that is no claim file (a CSV of something else) has no count to show.
      if (params.claimFile === false) ncciCounts.delete(params.uri);
      else ncciCounts.set(params.uri, params);
      if (params.fromDisk) fromDisk.add(params.uri);
      else fromDisk.delete(params.uri);
      refreshStatus();
    });
    // A (re)started server knows no file from disk yet.
    client.onDidChangeState((event) => {
      if (event.newState !== State.Running) return;
      diskFilesSent = null;
      diskFilesSoon();
    });
    client.onNotification(LoadProblemsNotification.type, (params) => {
      for (const problem of params.problems) output.appendLine(`[rules] ${problem}`);
      const first = params.problems[0] ?? '';
      // One line per file with problems (what was loaded from it, how many problems, the first few).
      const more = params.problems.length > 1 ? ` (and ${params.problems.length - 1} more; see the Claimlint output)` : '';
      void vscode.window.showWarningMessage(`Claimlint: ${first}${more}`);
    });
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('claimlint.restartServer', async () => {
      if (client) await client.restart();
      else await start();
    }),
    vscode.commands.registerCommand('claimlint.formatSingleLine', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor || editor.document.languageId !== 'x12') return;
      // The edits are positions in the version asked about: a document typed into meanwhile is left as it is.
      const version = editor.document.version;
      const edits = await client.sendRequest(LayoutRequest.type, { uri: editor.document.uri.toString(), layout: 'single-line' });
      if (!edits) return;
      const converted = await client.protocol2CodeConverter.asTextEdits(edits);
      if (!converted) return;
      if (editor.document.version !== version) {
        void vscode.window.showInformationMessage('Claimlint: the file changed while its segments were being joined; run Join Segments again.');
        return;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.set(editor.document.uri, converted);
      await vscode.workspace.applyEdit(edit);
    }),
    vscode.commands.registerCommand('claimlint.checkAllFiles', async (folder?: unknown) => {
      // From the command palette: the workspace folder (asked for in a multi-root workspace); a caller may pass a folder URI.
      const folders = vscode.workspace.workspaceFolders?.length ?? 0;
      const target = folder instanceof vscode.Uri ? folder : folders > 1 ? (await vscode.window.showWorkspaceFolderPick())?.uri : vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!target) {
        // No folder open: said; a folder pick the user cancelled: nothing to say.
        if (!folder && folders === 0) void vscode.window.showInformationMessage('Claimlint: open a folder to check all the claim files in it.');
        return undefined;
      }
      if (!client || target.scheme !== 'file') return undefined;
      const running = client;
      return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Claimlint: checking claim files', cancellable: true },
        async (progress, cancel) => {
          const workDoneToken = `claimlint-folder-${Date.now()}-${Math.random().toString(36).slice(2)}`;
          let reported = 0;
          const listener = running.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
            if (value.kind === 'end') return;
            const percentage = value.percentage ?? reported;
            progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
            reported = Math.max(reported, percentage);
          });
          try {
            const result = await running.sendRequest(CheckFolderRequest.type, { folder: target.toString(), workDoneToken }, cancel);
            void vscode.window.showInformationMessage(folderSummary(result));
            return result;
          } finally {
            listener.dispose();
          }
        },
      );
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // File-pointing settings become usable: restart so the server reads them.
      initializationOptions.workspaceTrusted = true;
      await client?.restart();
    }),
  );

  await start();
}

/** One line on what a folder check found. */
function folderSummary(result: CheckFolderRequest.Result): string {
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (result.cancelled) return `Claimlint: checking all claim files was cancelled (${result.checked} of ${result.found} read); the Problems panel is unchanged.`;
  if (result.found === 0) return 'Claimlint: no claim files in this folder (.837, .837p, .837i, .837d, .x12, .edi, .csv, .tsv, or a file starting with ISA).';
  const unreadable = result.unreadable.length > 0 ? `; ${count(result.unreadable.length, 'file')} could not be read (see the Claimlint output)` : '';
  return `Claimlint: ${count(result.checked, 'claim file')} checked, ${count(result.claims, 'claim')}: ${count(result.errors, 'error')}, ${count(result.warnings, 'warning')}${unreadable}.`;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
