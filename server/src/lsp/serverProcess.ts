// How the language server's process is best started, shared by the VS Code client, the protocol
// tests and the bench (so they measure what users run). Other editors start the server their own
// way; the README says what to set there.

/**
 * glibc's malloc returns a block of 128 KB or more (32 MB once it has adapted) to the system when
 * it is freed, and maps fresh pages for the next. An edit of a large open document makes its text
 * again from bytes (core/editableText.ts EditableText): 50 MB an edit, in malloc'd memory. Kept in the
 * process instead, the next text reuses the last one's pages: no page faults, which cost up to
 * 150 ms of system time an edit once the process has grown. Other C libraries ignore the setting.
 */
export const MALLOC_TUNABLES = ['glibc.malloc.mmap_threshold=1073741824', 'glibc.malloc.trim_threshold=1073741824'];

/**
 * The environment to start the server with: `base` (the client's own) with each of MALLOC_TUNABLES
 * its GLIBC_TUNABLES does not set already (a user's own value of a tunable is kept).
 */
export function serverEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const existing = base.GLIBC_TUNABLES ? base.GLIBC_TUNABLES.split(':') : [];
  const named = new Set(existing.map((tunable) => tunable.split('=')[0]));
  const added = MALLOC_TUNABLES.filter((tunable) => !named.has(tunable.split('=')[0]));
  return added.length === 0 ? { ...base } : { ...base, GLIBC_TUNABLES: [...existing, ...added].join(':') };
}
