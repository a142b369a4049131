// What the server's command line asks for. The language-server library picks its transport from
// the command line (--stdio, --node-ipc, --socket=PORT, --pipe=NAME) and, given none, throws a
// stack trace at a user who ran `node server.js` to see what it is: that case, and --help, get a
// usage text instead; --version the version; any other argument is refused by name.

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

export type ServerArguments =
  | { kind: 'serve'; stdio: boolean }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'no-transport' }
  | { kind: 'unknown'; argument: string }
  /** --socket with a value that is no port (1-65535): the library would throw a stack trace at it. */
  | { kind: 'bad-port'; value: string };

/** The library's transports: flags alone, and those with a value (`--socket=PORT` or `--socket PORT`, as it reads them). */
const TRANSPORTS = ['--stdio', '--node-ipc'];
const TRANSPORTS_WITH_VALUE = ['--socket', '--pipe'];
/** Not a transport, but read by the library too: VS Code's client adds it (the server ends when that process has gone). */
const CLIENT_PROCESS_ID = '--clientProcessId';

/** What the server takes, for the message that refuses anything else. */
export const SERVER_ARGUMENTS = '--stdio, --node-ipc, --socket=PORT, --pipe=NAME, --clientProcessId=PID, --help or --version';

export function readServerArguments(args: readonly string[]): ServerArguments {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  if (args.includes('--version') || args.includes('-v')) return { kind: 'version' };
  // Anything else is refused by name: the library ignores what it does not know, so a misspelt
  // `--stido` beside nothing else was reported as "no transport given", and beside a transport
  // not at all.
  let transport = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const { name, value, inline } = optionAt(args, i);
    if (TRANSPORTS.includes(arg)) {
      transport = true;
    } else if (TRANSPORTS_WITH_VALUE.includes(name) || name === CLIENT_PROCESS_ID) {
      // A flag last without a value is not a transport.
      if (name === '--socket' && value !== undefined && !isPort(value)) return { kind: 'bad-port', value };
      if (!inline && value !== undefined) i++;
      if (value !== undefined && name !== CLIENT_PROCESS_ID) transport = true;
    } else {
      return { kind: 'unknown', argument: arg };
    }
  }
  if (!transport) return { kind: 'no-transport' };
  return { kind: 'serve', stdio: args.includes('--stdio') };
}

/** Argument `i` as the library reads an option: its name, and its value after `=` (inline), else the next argument. */
function optionAt(args: readonly string[], i: number): { name: string; value: string | undefined; inline: boolean } {
  const arg = args[i]!;
  const at = arg.indexOf('=');
  return at < 0 ? { name: arg, value: args[i + 1], inline: false } : { name: arg.slice(0, at), value: arg.slice(at + 1), inline: true };
}

/** A transport other than stdio, as the command line names it. */
export type OtherTransport = { kind: 'node-ipc' } | { kind: 'socket'; port: number } | { kind: 'pipe'; name: string };

/** The first transport other than --stdio the command line names (readServerArguments has checked it), or null. */
export function otherTransportOf(args: readonly string[]): OtherTransport | null {
  for (let i = 0; i < args.length; i++) {
    const { name, value } = optionAt(args, i);
    if (args[i] === '--node-ipc') return { kind: 'node-ipc' };
    if (name === '--socket' && value !== undefined) return { kind: 'socket', port: Number(value) };
    if (name === '--pipe' && value !== undefined) return { kind: 'pipe', name: value };
  }
  return null;
}

function isPort(value: string): boolean {
  return /^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;
}
