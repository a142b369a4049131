// The JSON format of `claimlint check`, the stable contract: files with their findings, written
// file by file and finding by finding, byte for byte what JSON.stringify(report, null, 2) prints.
import type { ClaimFormat, Finding, Span } from '../core/model';
import type { Range } from '../core/text';
import type { Positions } from './positions';
import { Batch, pretty, type Describe, type FileResult, type Reporter, type Write } from './reporter';

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
export class JsonReporter implements Reporter {
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
