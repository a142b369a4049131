// What the server's command line asks for. The language-server library picks its transport from
// the command line (--stdio, --node-ipc, --socket=PORT, --pipe=NAME) and, given none, throws a
// stack trace at a user who ran `node server.js` to see what it is: that case, and --help, get a
// usage text instead; --version the version.

export const SERVER_USAGE = `Claimlint language server: X12 837 and CSV claim files checked for NCCI edits and the 837 implementation guides.

Run it from an editor's language-client configuration:
  node server.js --stdio           the protocol on stdin and stdout (Neovim, Emacs, Helix, ...)
  node server.js --node-ipc        Node IPC (VS Code's client)
  node server.js --socket=PORT     a TCP socket the client listens on (or --socket PORT)
  node server.js --pipe=NAME       a named pipe (or --pipe NAME)
  node server.js --version         the version

Settings come from the client (workspace/configuration, section "claimlint") or from
initializationOptions.settings. The command-line checker is cli.js beside this file.
`;

export type ServerArguments = { kind: 'serve'; stdio: boolean } | { kind: 'help' } | { kind: 'version' } | { kind: 'no-transport' };

/** The library's transports: flags alone, and those with a value (`--socket=PORT` or `--socket PORT`, as it reads them). */
const TRANSPORTS = ['--stdio', '--node-ipc'];
const TRANSPORTS_WITH_VALUE = ['--socket', '--pipe'];

export function readServerArguments(args: readonly string[]): ServerArguments {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  if (args.includes('--version') || args.includes('-v')) return { kind: 'version' };
  const transport = args.some(
    (a, i) => TRANSPORTS.includes(a) || TRANSPORTS_WITH_VALUE.some((flag) => a.startsWith(`${flag}=`) || (a === flag && i + 1 < args.length)),
  );
  if (!transport) return { kind: 'no-transport' };
  return { kind: 'serve', stdio: args.includes('--stdio') };
}
