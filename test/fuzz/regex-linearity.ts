// Proves regular expressions linear on adversarial input. JavaScript regexes backtrack, so a
// pattern such as /(^|\n)\s*X/ is quadratic on a run of line breaks and /(a+)+b/ is exponential
// on a run of a's. For each regex we build inputs from its own alphabet (the characters it names,
// representatives of its classes and of their complements, and the literal words it contains):
// long runs of one character, long alternations of two, and word + run combinations, each with
// and without a final character that makes the match fail. A linear regex needs a few
// milliseconds at most for each; a quadratic one needs seconds. The regex runs in a worker thread
// that is terminated at the deadline, so a catastrophic pattern fails the test instead of hanging.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface FoundRegex {
  /** file:line, or a description for regexes outside TypeScript sources. */
  where: string;
  source: string;
  flags: string;
}

export interface DynamicRegex {
  where: string;
  text: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every regex literal, and every RegExp built at run time, in the TypeScript under the given directories. */
export function findRegexes(root: string, dirs: readonly string[]): { literals: FoundRegex[]; dynamic: DynamicRegex[] } {
  const literals: FoundRegex[] = [];
  const dynamic: DynamicRegex[] = [];
  for (const file of dirs.flatMap((d) => walk(join(root, d)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const slash = text.lastIndexOf('/');
        literals.push({ where: where(node), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') {
        dynamic.push({ where: where(node), text: node.getText() });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, dynamic };
}

const CLASS_REPRESENTATIVES: Record<string, string[]> = {
  d: ['0', '7'],
  D: ['a', '-'],
  s: [' ', '\t', '\n', '\r', '\uFEFF', '\u00a0'],
  S: ['a', '~'],
  w: ['a', 'Z', '_', '0'],
  W: [' ', '-', '~'],
  b: [],
  B: [],
};
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
/** Always in the alphabet: characters outside most classes, and the usual claim-file delimiters. */
const EXTRA = ['a', 'A', '0', ' ', '\n', '!', '~', '*', '\u0001'];
/** Characters per alphabet: the ones the regex names come first, then EXTRA. */
const MAX_CHARS = 24;

/** The characters and literal words a regex source mentions. */
export function alphabetOf(source: string): { chars: string[]; words: string[] } {
  const chars = new Set<string>();
  const words = new Set<string>();
  let word = '';
  const endWord = (): void => {
    if (word.length >= 2) words.add(word);
    word = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      i++;
      if (e in CLASS_REPRESENTATIVES) {
        CLASS_REPRESENTATIVES[e]!.forEach((r) => chars.add(r));
        endWord();
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) {
        const ch = String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16));
        chars.add(ch);
        word += ch;
        i += 4;
      } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) {
        chars.add(String.fromCharCode(parseInt(source.slice(i + 1, i + 3), 16)));
        i += 2;
        endWord();
      } else {
        const ch = ESCAPES[e] ?? e;
        chars.add(ch);
        word += ch;
      }
      continue;
    }
    if ('()[]{}|?*+^$.'.includes(c)) {
      endWord();
      if (c === '.') ['a', '\u2028', ' '].forEach((r) => chars.add(r));
      continue;
    }
    chars.add(c);
    word += c;
  }
  endWord();
  // The regex's own characters first, then EXTRA, then the other case of letters (for the i flag).
  const named = [...chars];
  const folded = named.filter((c) => /[a-z]/i.test(c)).map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  const ordered = [...new Set([...named, ...EXTRA, ...folded])];
  return { chars: ordered.slice(0, MAX_CHARS), words: [...words].slice(0, 8) };
}

export interface LinearityResult {
  ok: boolean;
  inputs: number;
  slowest: { label: string; ms: number };
  /** Set when the worker was stopped at the deadline. */
  timedOut?: string;
}

export interface LinearityOptions {
  /** Length of single-character runs (default 40,000). */
  runLength?: number;
  /** Length of two-character alternations (default 30,000). */
  pairLength?: number;
  /** Leave out line breaks (TextMate grammars match one line at a time). */
  singleLine?: boolean;
  /** Per-input limit; the whole regex gets `deadlineMs`. */
  inputLimitMs?: number;
  deadlineMs?: number;
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { source, flags, chars, words, runLength, pairLength, limit } = workerData;
const re = new RegExp(source, flags);
const run = (input) => {
  if (re.global || re.sticky) { re.lastIndex = 0; input.replace(re, ''); }
  else re.test(input);
};
let count = 0;
let slowest = { label: '', ms: 0 };
const timed = (input) => {
  const t0 = performance.now();
  run(input);
  return performance.now() - t0;
};
const tryInput = (label, input) => {
  parentPort.postMessage({ kind: 'start', label });
  // Wall time: a thread the machine took away for a while runs long once. An input over the limit
  // is run twice more and judged by its fastest run; a pattern that backtracks is slow every time
  // (seconds on these sizes), and the deadline still stops one that never ends.
  let ms = timed(input);
  for (let again = 0; again < 2 && ms > limit; again++) ms = Math.min(ms, timed(input));
  count++;
  if (ms > slowest.ms) slowest = { label, ms };
};
const show = (s) => JSON.stringify(s.length > 12 ? s.slice(0, 12) + '…' : s);
const endings = ['', '\\u0001'];
for (const c of chars) {
  const run1 = c.repeat(runLength);
  for (const end of endings) tryInput(show(c) + ' x ' + runLength + ' + ' + show(end), run1 + end);
  for (const w of words) tryInput(show(w) + ' + ' + show(c) + ' x ' + runLength, w + run1 + '\\u0001');
}
for (const a of chars) for (const b of chars) {
  if (a === b) continue;
  tryInput('(' + show(a + b) + ') x ' + pairLength / 2, (a + b).repeat(pairLength / 2) + '\\u0001');
}
for (const w of words) for (const c of chars) {
  const unit = w + c;
  tryInput('(' + show(unit) + ') x ' + Math.floor(pairLength / unit.length), unit.repeat(Math.floor(pairLength / unit.length)) + '\\u0001');
}
parentPort.postMessage({ kind: 'done', count, slowest });
`;

/** Runs the regex over its adversarial inputs in a worker, stopping it at the deadline. */
export function checkLinear(regex: { source: string; flags: string }, options: LinearityOptions = {}): Promise<LinearityResult> {
  const { chars, words } = alphabetOf(regex.source);
  const usable = options.singleLine ? chars.filter((c) => c !== '\n' && c !== '\r' && c !== '\u2028') : chars;
  // Linear: well under 5 ms per input of these sizes. Quadratic: about n²/2 = 4.5e8 steps, seconds.
  const limit = options.inputLimitMs ?? 150;
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      source: regex.source,
      flags: regex.flags,
      chars: usable,
      words,
      runLength: options.runLength ?? 40_000,
      pairLength: options.pairLength ?? 30_000,
      limit,
    },
  });
  let current = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, inputs: 0, slowest: { label: current, ms: Infinity }, timedOut: current });
    }, options.deadlineMs ?? 8_000);
    worker.on('message', (message: { kind: 'start'; label: string } | { kind: 'done'; count: number; slowest: { label: string; ms: number } }) => {
      if (message.kind === 'start') current = message.label;
      else {
        clearTimeout(timer);
        void worker.terminate();
        resolve({ ok: message.slowest.ms <= limit, inputs: message.count, slowest: message.slowest });
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
