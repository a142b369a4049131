// The example 837 (examples/professional-43214.837) taken apart, for tests that build files of
// many claims from it: its segments (terminators and the line breaks after them removed), the
// part before its first subscriber HL, its claims up to the SE, and the SE with what follows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExampleParts {
  /** Every segment of the example, in order. */
  lines: string[];
  /** Index of the first subscriber HL (HL*2*) and of the SE. */
  firstClaim: number;
  se: number;
  /** The segments before the first subscriber HL, and from it to the SE. */
  head: string[];
  claims: string[];
  /** The SE and the segments after it. */
  trailer: string[];
}

export function exampleParts(): ExampleParts {
  const example = readFileSync(join(__dirname, '../../../examples/professional-43214.837'), 'latin1');
  const lines = example.split('~').map((s) => s.replace(/^\s+/, '')).filter((s) => s !== '');
  const firstClaim = lines.findIndex((s) => s.startsWith('HL*2*'));
  const se = lines.findIndex((s) => s.startsWith('SE*'));
  return { lines, firstClaim, se, head: lines.slice(0, firstClaim), claims: lines.slice(firstClaim, se), trailer: lines.slice(se) };
}

/**
 * The example's head, then `claims`, then an SE counting the transaction set's segments and the
 * example's segments after its SE; each segment ended by `~` and `lineBreak`.
 */
export function fileOfClaims(parts: ExampleParts, claims: readonly (readonly string[])[], lineBreak = '\n'): string {
  const st = parts.head.findIndex((s) => s.startsWith('ST*'));
  const body = [...parts.head, ...claims.flat()];
  return [...body, `SE*${body.length - st + 1}*0001`, ...parts.trailer.slice(1)].join(`~${lineBreak}`) + '~\n';
}
