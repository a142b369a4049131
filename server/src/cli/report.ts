// Output formats of `claimlint check`: text lines, the stable JSON contract, and SARIF 2.1.0.
import type { ClaimFormat, Finding } from '../core/model';
import type { Knowledge } from '../core/rules/knowledge';
import type { LineIndex, Range } from '../core/text';

export interface FileReport {
  path: string;
  format: ClaimFormat | null;
  claims: number;
  serviceLines: number;
  findings: Finding[];
  lines: LineIndex;
}

/** `path:line:col severity code message`, lines and columns 1-based as compilers print them. */
export function toText(reports: readonly FileReport[]): string {
  let out = '';
  for (const report of reports) {
    for (const finding of report.findings) {
      const start = report.lines.positionAt(finding.span.start);
      out += `${report.path}:${start.line + 1}:${start.character + 1} ${finding.severity} ${finding.rule} ${finding.message}\n`;
    }
  }
  return out;
}

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  range: Range;
  codes: string[];
  related?: { range: Range; message: string }[];
}

export interface JsonReport {
  files: { path: string; format: ClaimFormat | null; claims: number; serviceLines: number; findings: JsonFinding[] }[];
}

/** The JSON contract other tools build on: zero-based lines and UTF-16 characters, as in LSP. */
export function toJsonReport(reports: readonly FileReport[]): JsonReport {
  return {
    files: reports.map((report) => ({
      path: report.path,
      format: report.format,
      claims: report.claims,
      serviceLines: report.serviceLines,
      findings: report.findings.map((finding) => {
        const json: JsonFinding = {
          rule: finding.rule,
          severity: finding.severity,
          message: finding.message,
          range: report.lines.rangeOf(finding.span),
          codes: finding.codes ?? [],
        };
        if (finding.related?.length) json.related = finding.related.map((r) => ({ range: report.lines.rangeOf(r.span), message: r.message }));
        return json;
      }),
    })),
  };
}

const sarifLevels = { error: 'error', warning: 'warning', information: 'note' } as const;

/** SARIF 2.1.0, so code-scanning tools show the findings. Regions are 1-based. */
export function toSarif(reports: readonly FileReport[], knowledge: Knowledge): object {
  const ruleIds = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claimlint',
            version: '0.1.0',
            informationUri: 'https://example.invalid/claimlint',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: ruleDescription(id) } })),
          },
        },
        properties: { ptpEdits: knowledge.rules.size },
        artifacts: reports.map((r) => ({ location: { uri: toUri(r.path) } })),
        results: reports.flatMap((report, artifactIndex) =>
          report.findings.map((finding) => {
            const range = report.lines.rangeOf(finding.span);
            return {
              ruleId: finding.rule,
              ruleIndex: ruleIds.indexOf(finding.rule),
              level: sarifLevels[finding.severity],
              message: { text: finding.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: toUri(report.path), index: artifactIndex },
                    region: {
                      startLine: range.start.line + 1,
                      startColumn: range.start.character + 1,
                      endLine: range.end.line + 1,
                      endColumn: range.end.character + 1,
                    },
                  },
                },
              ],
              ...(finding.codes ? { properties: { codes: finding.codes } } : {}),
            };
          }),
        ),
      },
    ],
  };
}

function toUri(path: string): string {
  return path.split('\\').join('/');
}

function ruleDescription(id: string): string {
  if (id === 'ptp.conflict') return 'Procedure codes that must not be reported together on one claim and date of service (NCCI PTP, modifier indicator 0).';
  if (id === 'ptp.modifier-required') return 'Procedure codes reported together without an NCCI-associated modifier (NCCI PTP, modifier indicator 1).';
  if (id.startsWith('x12.')) return 'X12 837 structure';
  if (id.startsWith('csv.')) return 'CSV claim export structure';
  return id;
}
