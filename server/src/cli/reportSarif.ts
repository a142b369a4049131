// The SARIF 2.1.0 format of `claimlint check`, for code-scanning tools (GitHub's included).
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Knowledge } from '../core/rules/knowledge';
import { otherFileOf } from '../core/relatedLocations';
import type { Range } from '../core/text';
import { version as CLAIMLINT_VERSION } from '../../../package.json';
import { ncciFieldsOf } from './ncciFields';
import { ruleDescription, ruleTags } from './ruleDescriptions';
import { Batch, pretty, type Describe, type FileResult, type Reporter, type Write } from './reporter';

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
export class SarifReporter implements Reporter {
  private readonly batch: Batch;
  private readonly ruleIds = new Map<string, number>();
  private readonly artifacts: string[] = [];
  private readonly artifactIndexes = new Map<string, number>();
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

  /** The index of the artifact of `uri`, added when first named (a file, or a related location in a file reported later). */
  private artifactIndex(uri: string): number {
    let index = this.artifactIndexes.get(uri);
    if (index === undefined) this.artifactIndexes.set(uri, (index = this.artifacts.push(uri) - 1));
    return index;
  }

  file(result: FileResult): void {
    const uri = toSarifUri(result.path);
    const artifactIndex = this.artifactIndex(uri);
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
        const related: object[] = [];
        for (const one of finding.related) {
          // In another file of those checked together: that file's artifact (left out when it is not known).
          const other = otherFileOf(one, result.others);
          if (other === undefined) continue;
          const location = other === null
            ? this.location(uri, artifactIndex, result.positions.range(one.span))
            : this.location(toSarifUri(other.path), this.artifactIndex(toSarifUri(other.path)), other.positions.range(one.span));
          related.push({ id: related.length + 1, ...location, message: { text: one.message } });
        }
        if (related.length > 0) sarif.relatedLocations = related;
      }
      const properties: Record<string, unknown> = {};
      if (finding.codes?.length) properties.codes = finding.codes;
      if (finding.guide) properties.guide = finding.guide;
      const ncci = ncciFieldsOf(finding.data);
      if (ncci) properties.ncci = ncci;
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
          semanticVersion: CLAIMLINT_VERSION,
          rules: [...this.ruleIds.keys()].map((id) => ({ id, shortDescription: { text: ruleDescription(id) }, properties: { tags: ruleTags(id) } })),
        },
      },
      invocations: [invocation],
      artifacts: this.artifacts.map((uri) => ({ location: { uri } })),
      columnKind: 'utf16CodeUnits',
      // What the run was checked with: the edits of each table loaded (the built-in set counts in the PTP tables).
      properties: {
        ptpEdits: this.knowledge.rules.size,
        hospitalPtpEdits: this.knowledge.tables.hospital.size,
        mueValues: this.knowledge.mue.practitioner.size + this.knowledge.mue.hospital.size + this.knowledge.mue.dme.size,
        addOnCodeEdits: this.knowledge.aoc.size,
      },
    };
    const members = pretty(rest, 2);
    this.batch.add(`${this.results === 0 ? ']' : '\n      ]'},\n      ${members.slice(members.indexOf('\n') + 1).trimStart()}\n  ]\n}\n`);
    this.batch.flush();
    return note;
  }
}
