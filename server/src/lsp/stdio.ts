// With --stdio, stdout carries the protocol: a console.log anywhere in the server would corrupt
// it. vscode-languageserver redirects the console itself only when it opens stdin and stdout on
// its own; the server gives it a checked stdin (framing.ts), so it does the same here.
import { inspect } from 'node:util';
import type { Connection } from 'vscode-languageserver/node';

export function routeConsoleTo(connection: Connection): void {
  const text = (args: unknown[]): string => args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.trace = (...args: unknown[]) => connection.console.log(`Trace: ${text(args)}`);
  console.dir = (arg: unknown, options?: object) => connection.console.log(inspect(arg, options));
  console.assert = (assertion?: boolean, ...args: unknown[]) => {
    if (!assertion) connection.console.error(`Assertion failed${args.length ? `: ${text(args)}` : ''}`);
  };
}
