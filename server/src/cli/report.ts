// Output formats of `claimlint check`: text lines, the stable JSON contract, and SARIF 2.1.0.
// Each file's findings are written as soon as the file is checked, in pieces, so the output of a
// big file is never built as one string and the analysis of one file is not kept for the next.
import type { ClaimFormat, Finding, Span } from '../core/model';
import type { Knowledge } from '../core/rules/knowledge';
import type { Position, Range } from '../core/text';
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { version as CLAIMLINT_VERSION } from '../../../package.json';
import { lastAtOrBefore } from '../core/search';
import { ruleDescription } from './ruleDescriptions';

export { CLAIMLINT_VERSION };

/** Positions of a sorted set of offsets: offsets[i] is at lines[i], characters[i]. */
interface Located {
  offsets: Uint32Array;
  lines: Uint32Array;
  characters: Uint32Array;
}

/**
 * Zero-based lines and UTF-16 characters for a set of offsets, as LSP counts them (CR, LF and
 * CRLF each end a line), found in one pass over the text that skips from line break to line break
 * with indexOf: no per-line table of a large file is kept. The text may be given whole, or as
 * pieces in order (a big file read again in blocks): only the wanted offsets are kept either way.
 */
export class Positions {
  private readonly offsets: Uint32Array;
  private readonly lines: Uint32Array;
  private readonly characters: Uint32Array;

  /**
   * `text` is the whole text, any iterable of its pieces in order (read lazily, once), or the
   * length of a text known to have no line breaks.
   */
  constructor(text: string | Iterable<string> | { oneLineOf: number }, wanted: Iterable<number>) {
    const located =
      typeof text === 'string' ? locateInPieces([text], wanted) : 'oneLineOf' in text ? locateOnOneLine(text.oneLineOf, wanted) : locateInPieces(text, wanted);
    this.offsets = located.offsets;
    this.lines = located.lines;
    this.characters = located.characters;
  }

  /** The position of an offset given to the constructor (others get the nearest one before). */
  at(offset: number): Position {
    if (this.offsets.length === 0) return { line: 0, character: 0 };
    const low = Math.max(0, lastAtOrBefore(this.offsets, offset));
    return { line: this.lines[low]!, character: this.characters[low]! };
  }

  /** at(offset) without the object: an index for lineAt and characterAt (-1 when no offset was given). */
  indexOf(offset: number): number {
    return this.offsets.length === 0 ? -1 : Math.max(0, lastAtOrBefore(this.offsets, offset));
  }

  lineAt(index: number): number {
    return index < 0 ? 0 : this.lines[index]!;
  }

  characterAt(index: number): number {
    return index < 0 ? 0 : this.characters[index]!;
  }

  range(span: Span): Range {
    return { start: this.at(span.start), end: this.at(span.end) };
  }

  /** Positions of the findings' offsets in a text of `length` characters without line breaks. */
  static onOneLine(length: number, findings: readonly Finding[]): Positions {
    return new Positions({ oneLineOf: length }, offsetsOf(findings));
  }

  /** Positions for every offset the findings point at, in the text or its pieces. */
  static forFindings(text: string | Iterable<string>, findings: readonly Finding[]): Positions {
    return new Positions(text, offsetsOf(findings));
  }
}

/** Every offset the findings point at (span and related spans, start and end). */
export function offsetsOf(findings: readonly Finding[]): number[] {
  const offsets: number[] = [];
  for (const finding of findings) {
    offsets.push(finding.span.start, finding.span.end);
    for (const related of finding.related ?? []) offsets.push(related.span.start, related.span.end);
  }
  return offsets;
}

/** Positions in a text of `length` characters without line breaks: line 0, the offset (clamped) as character. */
function locateOnOneLine(length: number, wanted: Iterable<number>): Located {
  const offsets = distinctSorted(wanted, length);
  return { offsets, lines: new Uint32Array(offsets.length), characters: offsets.slice() };
}

/**
 * The offsets, clamped to [0, max], in ascending order without repeats: in a typed array rather
 * than through a Set and its iterators (a big file's findings point at tens of thousands).
 */
function distinctSorted(wanted: Iterable<number>, max: number): Uint32Array {
  const all: number[] = [];
  for (const offset of wanted) all.push(Math.max(0, Math.min(offset, max)));
  const sorted = Uint32Array.from(all).sort();
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (count === 0 || sorted[i] !== sorted[count - 1]) sorted[count++] = sorted[i]!;
  }
  return sorted.slice(0, count);
}

/**
 * Lines and characters of the wanted offsets in a text given as pieces in order (a whole text is
 * one piece). An offset is placed in the piece that holds the character at it (all line breaks
 * before it are then known); offsets at or past the end of the text are placed at its end. Stops
 * reading once every offset is placed.
 */
function locateInPieces(pieces: Iterable<string>, wanted: Iterable<number>): Located {
  const sorted = distinctSorted(wanted, Infinity);
  const lines = new Uint32Array(sorted.length);
  const characters = new Uint32Array(sorted.length);
  const breaks = new LineBreaks();
  let placed = 0;
  if (sorted.length === 0) return { offsets: new Uint32Array(0), lines, characters };
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    const end = breaks.begin(piece);
    for (; placed < sorted.length && sorted[placed]! < end; placed++) {
      breaks.countBefore(sorted[placed]!);
      lines[placed] = breaks.line;
      characters[placed] = sorted[placed]! - breaks.lineStart;
    }
    if (placed === sorted.length) break;
    breaks.endPiece();
  }
  if (placed === sorted.length) return { offsets: sorted, lines, characters };
  // The rest are at or past the end of the text: they all become the one offset of its end.
  const length = breaks.end();
  lines[placed] = breaks.line;
  characters[placed] = length - breaks.lineStart;
  sorted[placed] = length;
  const count = placed + 1;
  return { offsets: sorted.slice(0, count), lines: lines.slice(0, count), characters: characters.slice(0, count) };
}

/**
 * Counts line breaks through a text given in pieces. A CR that ends a piece is held back until the
 * next piece shows whether an LF follows it (then the LF is the break, not the CR).
 */
class LineBreaks {
  line = 0;
  /** Document offset where the current line starts. */
  lineStart = 0;
  /** Document offset of the current piece. */
  private base = 0;
  private text = '';
  private nextLf = -1;
  private nextCr = -1;
  /** Document offset of a CR that ended the previous piece, or -1. */
  private heldCr = -1;

  /** Starts the next (non-empty) piece; returns the document offset where it ends. */
  begin(piece: string): number {
    if (this.heldCr >= 0) {
      if (piece.charCodeAt(0) !== 10) this.count(this.heldCr);
      this.heldCr = -1;
    }
    this.text = piece;
    this.nextLf = piece.indexOf('\n');
    this.nextCr = piece.indexOf('\r');
    return this.base + piece.length;
  }

  /** Counts the breaks of this piece before document offset `target`, which lies inside the piece. */
  countBefore(target: number): void {
    const text = this.text;
    const limit = target - this.base;
    for (;;) {
      // A CR directly before an LF is not a line break of its own: the LF is.
      while (this.nextCr >= 0 && text.charCodeAt(this.nextCr + 1) === 10) this.nextCr = text.indexOf('\r', this.nextCr + 1);
      const next = this.nextLf < 0 ? this.nextCr : this.nextCr < 0 ? this.nextLf : Math.min(this.nextLf, this.nextCr);
      if (next < 0 || next >= limit) return;
      this.count(this.base + next);
      if (next === this.nextLf) this.nextLf = text.indexOf('\n', next + 1);
      else this.nextCr = text.indexOf('\r', next + 1);
    }
  }

  /** Counts the rest of the piece's breaks; a CR at its very end waits for the next piece. */
  endPiece(): void {
    const last = this.text.length - 1;
    this.countBefore(this.base + last);
    const code = this.text.charCodeAt(last);
    if (code === 13) this.heldCr = this.base + last;
    else if (code === 10) this.count(this.base + last);
    this.base += this.text.length;
    this.text = '';
  }

  /** After the last piece: a held CR ends a line (nothing follows it). Returns the text's length. */
  end(): number {
    if (this.heldCr >= 0) this.count(this.heldCr);
    this.heldCr = -1;
    return this.base;
  }

  private count(breakAt: number): void {
    this.line++;
    this.lineStart = breakAt + 1;
  }
}

export { byPosition } from '../core/spans';

/** One checked file, as every output format needs it. */
export interface FileResult {
  /** As given on the command line; '<stdin>' for standard input. */
  path: string;
  format: ClaimFormat | null;
  claims: number;
  serviceLines: number;
  /** In document order (a big claim CSV's as a FindingList, read once per use). */
  findings: Iterable<Finding>;
  positions: Positions;
}

export interface Reporter {
  file(result: FileResult): void;
  /** A file that could not be read at all (its one-line message already went to standard error). */
  unreadable(path: string, reason: string): void;
  /** Problems of rule and descriptor files (warnings already shown on standard error). */
  configurationProblem(message: string): void;
  /** Ends the report; returns what standard error should say of it (null: nothing). */
  finish(): string | null;
}

export type Write = (text: string) => void;

/** Collects small strings and writes them about 64 KB at a time. */
class Batch {
  private buffer = '';

  constructor(private readonly write: Write) {}

  add(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 65536) this.flush();
  }

  flush(): void {
    if (this.buffer.length > 0) this.write(this.buffer);
    this.buffer = '';
  }
}

export function createReporter(format: 'text' | 'json' | 'sarif', write: Write, knowledge: Knowledge, useDescriptors: boolean): Reporter {
  const describe = useDescriptors ? (codes: readonly string[]) => descriptorsOf(codes, knowledge) : () => undefined;
  switch (format) {
    case 'text':
      return new TextReporter(write);
    case 'json':
      return new JsonReporter(write, describe);
    case 'sarif':
      return new SarifReporter(write, describe, knowledge);
  }
}

type Describe = (codes: readonly string[]) => Record<string, string> | undefined;

function descriptorsOf(codes: readonly string[], knowledge: Knowledge): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const code of codes) {
    const descriptor = knowledge.descriptors.get(code);
    const text = descriptor?.short ?? descriptor?.long;
    if (text) (out ??= {})[code] = text;
  }
  return out;
}

function oneLine(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return text;
  // Split, then trim each piece: linear, where /\s*[\r\n]+\s*/ rescans runs of blanks.
  const pieces = text.split(/[\r\n]+/);
  return pieces.map((piece, i) => (i > 0 ? piece.trimStart() : piece)).map((piece, i) => (i < pieces.length - 1 ? piece.trimEnd() : piece)).filter((piece, i) => i === 0 || piece !== '').join(' ');
}

// ---- text ------------------------------------------------------------------------------------

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** A control character written as an escape: \n, \r, \t, else \xHH or \uHHHH. */
function escapeControl(code: number): string {
  if (code === 10) return '\\n';
  if (code === 13) return '\\r';
  if (code === 9) return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}

/**
 * A file name on one line: its control characters escaped (a line break in a name would split a
 * finding's line), every other character as it is, backslashes included (Windows paths).
 */
export function pathOnOneLine(path: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (!isControl(code)) continue;
    out += path.slice(from, i) + escapeControl(code);
    from = i + 1;
  }
  return from === 0 ? path : out + path.slice(from);
}

/** `path:line:col severity rule message`, lines and columns 1-based as compilers print them. */
export function textLine(path: string, finding: Finding, positions: Positions): string {
  const start = positions.at(finding.span.start);
  return `${pathOnOneLine(path)}:${start.line + 1}:${start.character + 1} ${finding.severity} ${finding.rule} ${oneLine(finding.message)}\n`;
}

class TextReporter implements Reporter {
  private readonly batch: Batch;

  constructor(write: Write) {
    this.batch = new Batch(write);
  }

  file(result: FileResult): void {
    for (const finding of result.findings) this.batch.add(textLine(result.path, finding, result.positions));
    this.batch.flush();
  }

  unreadable(): void {}

  configurationProblem(): void {}

  finish(): string | null {
    this.batch.flush();
    return null;
  }
}

// ---- JSON ------------------------------------------------------------------------------------

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  range: Range;
  codes: string[];
  related?: { range: Range; message: string }[];
  /** Code -> descriptor, for the codes a --descriptors file (or the built-in data) describes. */
  descriptors?: Record<string, string>;
}

export interface JsonFile {
  path: string;
  format: ClaimFormat | null;
  claims: number;
  serviceLines: number;
  findings: JsonFinding[];
}

export interface JsonReport {
  files: JsonFile[];
  /** Files that could not be read at all (not in `files`); present only when there are some. */
  unreadable?: { path: string; message: string }[];
  /** Problems of the loaded rule and descriptor files ("file:line: reason"); present only when there are some. */
  configurationProblems?: string[];
}

export function toJsonFinding(finding: Finding, positions: Positions, describe: Describe = () => undefined): JsonFinding {
  const json: JsonFinding = {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    range: positions.range(finding.span),
    codes: finding.codes ? [...finding.codes] : [],
  };
  if (finding.related?.length) json.related = finding.related.map((r) => ({ range: positions.range(r.span), message: r.message }));
  const descriptors = describe(json.codes);
  if (descriptors) json.descriptors = descriptors;
  return json;
}

/** JSON.stringify(value, null, 2) for a value that sits `depth` levels deep in a pretty-printed document. */
function pretty(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 ? text : text.replace(/\n/g, '\n' + '  '.repeat(depth));
}

/**
 * pretty(toJsonFinding(finding, positions, describe), depth), written directly: the same text,
 * without the JsonFinding object, its ranges, and JSON.stringify's walk over them and the
 * replace after it (a big file has tens of thousands of findings). The fixed parts of the text
 * at the writer's depth are made once, and the short strings that repeat from finding to
 * finding (rules, severities, codes, related messages) quoted once. Strings go through
 * JSON.stringify, so they are escaped as it escapes them.
 */
class JsonFindingWriter {
  private readonly pad: string;
  private readonly p1: string;
  private readonly p2: string;
  private readonly range: RangeText;
  private readonly relatedRange: RangeText;
  private readonly quoted = new Map<string, string>();

  constructor(depth: number) {
    this.pad = '  '.repeat(depth);
    this.p1 = this.pad + '  ';
    this.p2 = this.p1 + '  ';
    this.range = new RangeText(this.p1);
    this.relatedRange = new RangeText(this.p2 + '  ');
  }

  /** JSON.stringify(value), kept for the short strings that repeat. */
  private quote(value: string): string {
    if (value.length > 100) return JSON.stringify(value);
    let quoted = this.quoted.get(value);
    if (quoted === undefined) {
      if (this.quoted.size >= 10000) this.quoted.clear();
      quoted = JSON.stringify(value);
      this.quoted.set(value, quoted);
    }
    return quoted;
  }

  write(finding: Finding, positions: Positions, describe: Describe): string {
    const { pad, p1, p2 } = this;
    const codes = finding.codes ?? [];
    let out =
      `{\n${p1}"rule": ${this.quote(finding.rule)},\n${p1}"severity": ${this.quote(finding.severity)},\n${p1}"message": ${JSON.stringify(finding.message)},\n` +
      `${p1}"range": ${this.range.of(positions, finding.span)},\n${p1}"codes": `;
    if (codes.length === 0) out += '[]';
    else {
      out += '[';
      for (let i = 0; i < codes.length; i++) out += `${i === 0 ? '' : ','}\n${p2}${this.quote(codes[i]!)}`;
      out += `\n${p1}]`;
    }
    const related = finding.related;
    if (related?.length) {
      out += `,\n${p1}"related": [`;
      for (let i = 0; i < related.length; i++) {
        const one = related[i]!;
        out += `${i === 0 ? '' : ','}\n${p2}{\n${p2}  "range": ${this.relatedRange.of(positions, one.span)},\n${p2}  "message": ${this.quote(one.message)}\n${p2}}`;
      }
      out += `\n${p1}]`;
    }
    const descriptors = describe(codes);
    if (descriptors) {
      const keys = Object.keys(descriptors);
      out += `,\n${p1}"descriptors": `;
      if (keys.length === 0) out += '{}';
      else {
        out += '{';
        for (let i = 0; i < keys.length; i++) out += `${i === 0 ? '' : ','}\n${p2}${JSON.stringify(keys[i])}: ${JSON.stringify(descriptors[keys[i]!])}`;
        out += `\n${p1}}`;
      }
    }
    return out + `\n${pad}}`;
  }
}

/** A range as pretty() writes it, its members indented by `pad` and two more spaces: the fixed parts made once. */
class RangeText {
  private readonly open: string;
  private readonly character: string;
  private readonly end: string;
  private readonly close: string;

  constructor(pad: string) {
    const p1 = pad + '  ';
    const p2 = p1 + '  ';
    this.open = `{\n${p1}"start": {\n${p2}"line": `;
    this.character = `,\n${p2}"character": `;
    this.end = `\n${p1}},\n${p1}"end": {\n${p2}"line": `;
    this.close = `\n${p1}}\n${pad}}`;
  }

  of(positions: Positions, span: Span): string {
    const start = positions.indexOf(span.start);
    const end = positions.indexOf(span.end);
    return (
      this.open + positions.lineAt(start) + this.character + positions.characterAt(start) +
      this.end + positions.lineAt(end) + this.character + positions.characterAt(end) + this.close
    );
  }
}

/**
 * The JSON contract: `{"files": [{path, format, claims, serviceLines, findings: [...]}]}`, zero-based
 * lines and UTF-16 characters as in LSP. Written file by file, finding by finding, and byte for
 * byte what JSON.stringify(report, null, 2) would print.
 */
class JsonReporter implements Reporter {
  private readonly batch: Batch;
  private files = 0;
  private readonly findings = new JsonFindingWriter(4);

  constructor(write: Write, private readonly describe: Describe) {
    this.batch = new Batch(write);
    this.batch.add('{\n  "files": [');
  }

  file(result: FileResult): void {
    const head = { path: result.path, format: result.format, claims: result.claims, serviceLines: result.serviceLines };
    const fields = pretty(head, 2);
    // The head object without its closing brace, then the findings member.
    this.batch.add(`${this.files++ === 0 ? '' : ','}\n    ${fields.slice(0, fields.lastIndexOf('\n'))},\n      "findings": [`);
    let first = true;
    for (const finding of result.findings) {
      this.batch.add(`${first ? '' : ','}\n        ${this.findings.write(finding, result.positions, this.describe)}`);
      first = false;
    }
    this.batch.add(first ? ']\n    }' : '\n      ]\n    }');
    this.batch.flush();
  }

  /** Files that could not be read, and problems of the rule and descriptor files: members after `files`, when there are any. */
  private readonly unread: { path: string; message: string }[] = [];
  private readonly configuration: string[] = [];

  unreadable(path: string, reason: string): void {
    this.unread.push({ path, message: reason });
  }

  configurationProblem(message: string): void {
    this.configuration.push(message);
  }

  finish(): string | null {
    this.batch.add(this.files === 0 ? ']' : '\n  ]');
    const rest: Omit<JsonReport, 'files'> = {};
    if (this.unread.length > 0) rest.unreadable = this.unread;
    if (this.configuration.length > 0) rest.configurationProblems = this.configuration;
    // The members after `files` as JSON.stringify(report, null, 2) writes them, without the braces.
    const members = Object.keys(rest).length === 0 ? '' : pretty(rest, 0);
    this.batch.add(members === '' ? '\n}\n' : `,\n${members.slice(members.indexOf('\n') + 1, members.lastIndexOf('\n'))}\n}\n`);
    this.batch.flush();
    return null;
  }
}

// ---- SARIF -----------------------------------------------------------------------------------

const SARIF_LEVELS = { error: 'error', warning: 'warning', information: 'note' } as const;

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * An absolute path as a file URI; a relative one as a relative reference. A colon in its first
 * segment is written %3A: `batch-T09:30.csv` would read as a URI of scheme `batch-T09` (RFC 3986 4.2).
 */
export function toSarifUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  const uri = encodeURI(path.split('\\').join('/')).replace(/[?#]/g, (c) => (c === '?' ? '%3F' : '%23'));
  const slash = uri.indexOf('/');
  const first = slash < 0 ? uri : uri.slice(0, slash);
  return first.includes(':') ? first.split(':').join('%3A') + uri.slice(first.length) : uri;
}


/**
 * GitHub code scanning rejects a whole upload whose run holds more results than this; a log is
 * streamed as files are read, so the results past it are left out (counted, and said in the log
 * and on stderr), not the upload.
 */
export const SARIF_MAX_RESULTS = 25000;

/**
 * SARIF 2.1.0, so code-scanning tools show the findings. Regions are 1-based, columns in UTF-16
 * code units (declared in run.columnKind). The results are written first, as files are checked;
 * the rules they refer to, the artifacts and the invocation follow them in the same run object.
 * At most SARIF_MAX_RESULTS results are written.
 */
class SarifReporter implements Reporter {
  private readonly batch: Batch;
  private readonly ruleIds = new Map<string, number>();
  private readonly artifacts: string[] = [];
  private readonly notifications: { level: 'error'; message: { text: string }; locations?: object[] }[] = [];
  private readonly configuration: { level: 'warning'; message: { text: string } }[] = [];
  private results = 0;
  /** Results past SARIF_MAX_RESULTS, by level, not written. */
  private readonly leftOut = new Map<string, number>();

  constructor(write: Write, private readonly describe: Describe, private readonly knowledge: Knowledge) {
    this.batch = new Batch(write);
    this.batch.add(`{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [`);
  }

  private location(uri: string, artifactIndex: number, range: Range): object {
    return {
      physicalLocation: {
        artifactLocation: { uri, index: artifactIndex },
        region: {
          startLine: range.start.line + 1,
          startColumn: range.start.character + 1,
          endLine: range.end.line + 1,
          endColumn: range.end.character + 1,
        },
      },
    };
  }

  file(result: FileResult): void {
    const uri = toSarifUri(result.path);
    const artifactIndex = this.artifacts.push(uri) - 1;
    for (const finding of result.findings) {
      if (this.results >= SARIF_MAX_RESULTS) {
        const level = SARIF_LEVELS[finding.severity];
        this.leftOut.set(level, (this.leftOut.get(level) ?? 0) + 1);
        continue;
      }
      let ruleIndex = this.ruleIds.get(finding.rule);
      if (ruleIndex === undefined) this.ruleIds.set(finding.rule, (ruleIndex = this.ruleIds.size));
      const sarif: Record<string, unknown> = {
        ruleId: finding.rule,
        ruleIndex,
        level: SARIF_LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [this.location(uri, artifactIndex, result.positions.range(finding.span))],
      };
      if (finding.related?.length) {
        sarif.relatedLocations = finding.related.map((related, i) => ({
          id: i + 1,
          ...this.location(uri, artifactIndex, result.positions.range(related.span)),
          message: { text: related.message },
        }));
      }
      const properties: Record<string, unknown> = {};
      if (finding.codes?.length) properties.codes = finding.codes;
      const descriptors = this.describe(finding.codes ?? []);
      if (descriptors) properties.descriptors = descriptors;
      if (Object.keys(properties).length > 0) sarif.properties = properties;
      this.batch.add(`${this.results++ === 0 ? '' : ','}\n        ${pretty(sarif, 4)}`);
    }
    this.batch.flush();
  }

  unreadable(path: string, reason: string): void {
    this.notifications.push({
      level: 'error',
      message: { text: `${path}: ${reason}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: toSarifUri(path) } } }],
    });
  }

  configurationProblem(message: string): void {
    this.configuration.push({ level: 'warning', message: { text: message } });
  }

  /** What was left out past SARIF_MAX_RESULTS, as a sentence; null when nothing was. */
  leftOutNote(): string | null {
    if (this.leftOut.size === 0) return null;
    const counts = [...this.leftOut].map(([level, count]) => `${count} ${level}`).join(', ');
    return `${counts} result(s) past the first ${SARIF_MAX_RESULTS} were left out of the SARIF log (GitHub code scanning takes at most ${SARIF_MAX_RESULTS} results in a run); --format json reports every finding.`;
  }

  finish(): string | null {
    const invocation: Record<string, unknown> = { executionSuccessful: this.notifications.length === 0 };
    const note = this.leftOutNote();
    const notifications: object[] = [...this.notifications, ...(note ? [{ level: 'warning', message: { text: note } }] : [])];
    if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;
    if (this.configuration.length > 0) invocation.toolConfigurationNotifications = this.configuration;
    const rest = {
      tool: {
        driver: {
          name: 'claimlint',
          version: CLAIMLINT_VERSION,
          rules: [...this.ruleIds.keys()].map((id) => ({ id, shortDescription: { text: ruleDescription(id) } })),
        },
      },
      invocations: [invocation],
      artifacts: this.artifacts.map((uri) => ({ location: { uri } })),
      columnKind: 'utf16CodeUnits',
      properties: { ptpEdits: this.knowledge.rules.size },
    };
    const members = pretty(rest, 2);
    this.batch.add(`${this.results === 0 ? ']' : '\n      ]'},\n      ${members.slice(members.indexOf('\n') + 1).trimStart()}\n  ]\n}\n`);
    this.batch.flush();
    return note;
  }
}
