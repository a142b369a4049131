// The findings a file gets from the CLI besides its analysis's: an empty file is an error, and a
// file that is neither an 837 nor a claim CSV says so.
import type { ClaimFormat, Finding } from '../core/model';
import { EMPTY_FILE_RULE, ENCODING_RULE } from '../core/parse';

export const UNRECOGNIZED_RULE = 'claimlint.unrecognized-format';
export const EMPTY_RULE = EMPTY_FILE_RULE;

/**
 * The findings the CLI reports for a file: the analysis's, with an empty file made an error (the
 * editor shows it as a warning while a file is being written; an empty export in CI is a
 * failure), and a file it could not read as claims saying so, unless the analysis already says
 * why (empty, or in an encoding Claimlint does not read).
 */
export function withInputFindings(findings: readonly Finding[], format: ClaimFormat | null, otherTableInFolder = false): Finding[] {
  const out = findings.map((f) => (f.rule === EMPTY_RULE && f.severity !== 'error' ? { ...f, severity: 'error' as const } : f));
  if (format !== null || out.some((f) => f.rule === EMPTY_RULE || f.rule === ENCODING_RULE)) return out;
  out.push(
    otherTableInFolder
      ? {
          // A CSV or TSV found in a folder (a report, an NCCI table kept beside the claims): not
          // every table there is a claim export, so this one is said, not failed.
          rule: UNRECOGNIZED_RULE,
          severity: 'information',
          message: 'Not a claim CSV export (no header row names a procedure code column beside other claim columns), so it was not checked: found in a folder, it is taken for another kind of table. Name it on the command line to have it reported as an error.',
          span: { start: 0, end: 0 },
        }
      : {
          rule: UNRECOGNIZED_RULE,
          severity: 'error',
          message:
            'Not an X12 837 or a claim CSV export, so nothing in it was checked: an 837 starts with an ISA segment (or ST/GS when pasted without one), a claim CSV has a header row that names a procedure code column beside other claim columns.',
          span: { start: 0, end: 0 },
        },
  );
  return out;
}

