// What a claimlint/checkFolder request asks, read as other editors send it. The JSON-RPC library
// calls a handler with the params (an object, or an array spread into arguments) and then the
// cancellation token: a Lua `{}` arrives as `[]`, leaving the token as the only argument. A folder
// that is not a file: URI, or that does not exist, is an invalid request said in words, never a
// check of some other folder or an empty success.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { CheckFolderRequest } from './protocol';

/** The params and the token of a request handler's arguments (the token always comes last). */
export function checkFolderArguments(args: readonly unknown[]): { params: CheckFolderRequest.Params; token: CancellationToken } {
  const token = args[args.length - 1] as CancellationToken;
  const given = args.length > 1 ? args[0] : undefined;
  if (given === undefined || given === null) return { params: {}, token };
  if (typeof given !== 'object' || Array.isArray(given)) throw invalid('its params should be an object such as { "folder": "file:///path/to/claims" }');
  const { folder, workDoneToken } = given as { folder?: unknown; workDoneToken?: unknown };
  if (folder !== undefined && folder !== null && (typeof folder !== 'string' || !folder.startsWith('file:'))) {
    throw invalid(`folder should be a file: URI, not ${typeof folder === 'string' ? JSON.stringify(folder) : typeof folder}`);
  }
  const params: CheckFolderRequest.Params = {};
  if (typeof folder === 'string') params.folder = folder;
  if (typeof workDoneToken === 'string' || typeof workDoneToken === 'number') params.workDoneToken = workDoneToken;
  return { params, token };
}

/** The folder a request names, as a path (null: none named); throws when it is not a folder that can be listed. */
export function requestedFolder(params: CheckFolderRequest.Params): string | null {
  if (params.folder === undefined) return null;
  let path: string;
  try {
    path = fileURLToPath(params.folder);
  } catch {
    throw invalid(`folder ${JSON.stringify(params.folder)} is not a file path`);
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw invalid(`${path}: ${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `cannot be read (${String(code ?? 'error')})`}`);
  }
  if (!isFolder) throw invalid(`${path}: not a folder`);
  return path;
}

function invalid(why: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${CheckFolderRequest.method}: ${why}`);
}
