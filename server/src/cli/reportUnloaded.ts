// The report of a check that never ran because a rule file given could not be used (exit 2): in
// json and sarif a valid document that says why, so a CI step that reads it (GitHub's SARIF
// upload, a script) shows the cause rather than failing on an empty file.
import { CLAIMLINT_VERSION } from './report';
import { SARIF_SCHEMA } from './reportSarif';

/** `problems`: one line each, "--ptp FILE: why". */
export function unloadedReport(format: 'json' | 'sarif', problems: readonly string[]): string {
  if (format === 'json') return `${JSON.stringify({ files: [], configurationProblems: problems }, null, 2)}\n`;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        results: [],
        tool: { driver: { name: 'claimlint', version: CLAIMLINT_VERSION, rules: [] } },
        invocations: [
          {
            executionSuccessful: false,
            toolConfigurationNotifications: problems.map((text) => ({ level: 'error', message: { text } })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
