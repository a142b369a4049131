// Why the file system refused to read a table or descriptor file, in the words the loaders put in
// their problems. Pure: the error is given, whoever read the file (readFile.ts, or the reader
// the knowledge loader was handed).

/** The words for each error code a read of a table is refused with; any other says its own message. */
const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  ENOTDIR: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ELOOP: 'too many symbolic links',
};

/** Why the file system refused a read, in a few words (no path: the caller names the file). */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const words = typeof code === 'string' && Object.hasOwn(WORDS, code) ? WORDS[code] : undefined;
  if (words !== undefined) return words;
  return error instanceof Error ? error.message : String(error);
}
