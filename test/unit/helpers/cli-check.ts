// What `claimlint check` reports for a text written to a file, run in process (cli/main.ts run,
// as test/cli/cli-bom-latin1.test.ts does), beside what the editor's analysis reports: a file
// that starts with a well-formed ISA is read in pieces by X12Stream, and must come out the same.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../server/src/cli/main';
import { analyze } from '../../../server/src/core/analyze';
import type { Knowledge } from '../../../server/src/core/rules/knowledge';
import { LineIndex } from '../../../server/src/core/text';
import { X12Stream } from '../../../server/src/core/x12/stream';
import { memoryIo } from '../../cli/memoryIo';

/** A finding as both report it: rule, severity, message and range (line and character). */
export interface ReportedFinding {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function inOrder(findings: ReportedFinding[]): ReportedFinding[] {
  const key = (f: ReportedFinding) => [f.range.start.line, f.range.start.character, f.rule, f.message].join('\u0000');
  return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The CLI's findings for `text` (ASCII) written to a file, in the guide mode given. */
export async function cliFindings(text: string, guide: 'envelope' | 'full'): Promise<ReportedFinding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-cli-check-'));
  try {
    const path = join(dir, 'claims.837');
    writeFileSync(path, text, 'latin1');
    const io = memoryIo();
    await run(['check', '--format', 'json', '--guide', guide, path], io);
    const report = JSON.parse(io.out) as { files: { findings: ReportedFinding[] }[] };
    return inOrder(report.files[0]!.findings.map(({ rule, severity, message, range }) => ({ rule, severity, message, range })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The editor's findings for `text` (analyze, in the guide mode given), as the CLI reports them. */
export function editorFindings(text: string, knowledge: Knowledge, guide: 'envelope' | 'full'): ReportedFinding[] {
  const lines = new LineIndex(text);
  const findings = analyze(text, knowledge, lines, undefined, { guideChecks: guide }).findings;
  return inOrder(findings.map(({ rule, severity, message, span }) => ({ rule, severity, message, range: lines.rangeOf(span) })));
}

/** Asserts that the CLI, reading `text` in pieces, reports what the editor does, in both guide modes. */
export async function assertCliAgrees(text: string, knowledge: Knowledge): Promise<void> {
  assert.ok(X12Stream.canStream(text), 'the CLI reads the file in pieces');
  for (const guide of ['envelope', 'full'] as const) {
    assert.deepEqual(await cliFindings(text, guide), editorFindings(text, knowledge, guide), `guide ${guide}`);
  }
}
