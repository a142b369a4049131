// Why a file or a pipe could not be written, in a few words a user acts on (no space left, permission
// denied...), with the path it was written to.

function describeWriteError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EPIPE':
      return 'the reader of the pipe went away';
    default:
      return code ? `write failed (${code})` : 'write failed';
  }
}

export class OutputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function asOutputError(target: string, error: unknown): OutputError {
  return error instanceof OutputError ? error : new OutputError(target, describeWriteError(error));
}
