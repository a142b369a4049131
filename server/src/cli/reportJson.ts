// The JSON format of `claimlint check`, the stable contract: files with their findings, written
// file by file and finding by finding, byte for byte what JSON.stringify(report, null, 2) prints.
import type { ClaimFormat, Finding } from '../core/model';
import type { Range } from '../core/text';
import { otherFileOf } from '../core/relatedLocations';
import type { Positions } from './positions';
import { pretty, type Describe, type FileResult, type OtherFiles, type Reporter, type Write } from './reporter';
import { ascii, ByteText, JsonFindingWriter } from './jsonBytes';
import { ncciFieldsOf, type NcciFields } from './ncciFields';

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  range: Range;
  codes: string[];
  /** A guide.* finding's loop and element reference ('2300', 'CLM05-02'), each when known. */
  guide?: { loop?: string; element?: string };
  /** The NCCI edit a ptp.*, mue.* or aoc.* finding stands on (ncciFields.ts). */
  ncci?: NcciFields;
  /** Where the other lines of the finding are; `path` when in another file of those checked together. */
  related?: { path?: string; range: Range; message: string }[];
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

export function toJsonFinding(finding: Finding, positions: Positions, describe: Describe = () => undefined, others?: OtherFiles): JsonFinding {
  const json: JsonFinding = {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    range: positions.range(finding.span),
    codes: finding.codes ? [...finding.codes] : [],
  };
  if (finding.guide) json.guide = { ...finding.guide };
  const ncci = ncciFieldsOf(finding.data);
  if (ncci) json.ncci = ncci;
  if (finding.related?.length) {
    const related: NonNullable<JsonFinding['related']> = [];
    for (const r of finding.related) {
      const other = otherFileOf(r, others);
      if (other === null) related.push({ range: positions.range(r.span), message: r.message });
      else if (other !== undefined) related.push({ path: other.path, range: other.positions.range(r.span), message: r.message });
    }
    if (related.length > 0) json.related = related;
  }
  const descriptors = describe(json.codes);
  if (descriptors) json.descriptors = descriptors;
  return json;
}

/**
 * The JSON contract: `{"files": [{path, format, claims, serviceLines, findings: [...]}]}`, zero-based
 * lines and UTF-16 characters as in LSP. Written file by file, finding by finding, and byte for
 * byte what JSON.stringify(report, null, 2) would print.
 */
export class JsonReporter implements Reporter {
  private readonly batch: ByteText;
  private files = 0;
  private readonly findings = new JsonFindingWriter(4);
  private readonly firstFinding = ascii('\n        ');
  private readonly nextFinding = ascii(',\n        ');

  constructor(write: Write, private readonly describe: Describe) {
    this.batch = new ByteText(write);
    this.batch.text('{\n  "files": [');
  }

  file(result: FileResult): void {
    const head = { path: result.path, format: result.format, claims: result.claims, serviceLines: result.serviceLines };
    const fields = pretty(head, 2);
    // The head object without its closing brace, then the findings member.
    this.batch.text(`${this.files++ === 0 ? '' : ','}\n    ${fields.slice(0, fields.lastIndexOf('\n'))},\n      "findings": [`);
    this.batch.flushIfFull();
    let first = true;
    for (const finding of result.findings) {
      this.batch.raw(first ? this.firstFinding : this.nextFinding);
      this.findings.write(this.batch, finding, result.positions, this.describe, result.others);
      this.batch.flushIfFull();
      first = false;
    }
    this.batch.text(first ? ']\n    }' : '\n      ]\n    }');
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
    this.batch.text(this.files === 0 ? ']' : '\n  ]');
    const rest: Omit<JsonReport, 'files'> = {};
    if (this.unread.length > 0) rest.unreadable = this.unread;
    if (this.configuration.length > 0) rest.configurationProblems = this.configuration;
    // The members after `files` as JSON.stringify(report, null, 2) writes them, without the braces.
    const members = Object.keys(rest).length === 0 ? '' : pretty(rest, 0);
    this.batch.text(members === '' ? '\n}\n' : `,\n${members.slice(members.indexOf('\n') + 1, members.lastIndexOf('\n'))}\n}\n`);
    this.batch.flush();
    return null;
  }
}
