// The VS Code client: starts the language server and adds what only the editor can do
// (restart command, status bar, one-time warnings). Everything about claims lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  ConflictCountNotification,
  LayoutRequest,
  LoadProblemsNotification,
  configurationSection,
  type ClaimlintInitializationOptions,
} from '../../server/src/lsp/protocol';

const languages = ['x12', 'csv', 'tsv'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Claimlint', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: ClaimlintInitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    initializationOptions,
    synchronize: { configurationSection },
  };

  const conflicts = new Map<string, number>();
  const status = vscode.window.createStatusBarItem('claimlint.conflicts', vscode.StatusBarAlignment.Left, 100);
  status.name = 'Claimlint conflicts';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status);
  const refreshStatus = (): void => {
    const editor = vscode.window.activeTextEditor;
    const count = editor ? conflicts.get(editor.document.uri.toString()) : undefined;
    if (count === undefined) {
      status.hide();
      return;
    }
    status.text = count === 0 ? '$(check) No coding conflicts' : `$(error) ${count} coding conflict${count === 1 ? '' : 's'}`;
    status.tooltip = 'Claimlint: procedure-to-procedure conflicts in this file';
    status.show();
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(refreshStatus));

  const start = async (): Promise<void> => {
    client = new LanguageClient('claimlint', 'Claimlint', serverOptions, clientOptions);
    client.onNotification(ConflictCountNotification.type, (params) => {
      conflicts.set(params.uri, params.conflicts);
      refreshStatus();
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
      const edits = await client.sendRequest(LayoutRequest.type, { uri: editor.document.uri.toString(), layout: 'single-line' });
      if (!edits) return;
      const converted = await client.protocol2CodeConverter.asTextEdits(edits);
      if (!converted) return;
      const edit = new vscode.WorkspaceEdit();
      edit.set(editor.document.uri, converted);
      await vscode.workspace.applyEdit(edit);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // File-pointing settings become usable: restart so the server reads them.
      initializationOptions.workspaceTrusted = true;
      await client?.restart();
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
