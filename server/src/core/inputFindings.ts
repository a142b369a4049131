// The findings a file gets besides its analysis's when it could not be read as claims at all: in
// the CLI an empty file is an error, and a file that is neither an 837 nor a claim CSV says so; in
// the editor, a document opened as X12 that is not one says so as a warning (it may be being
// written), and an empty one stays the analysis's warning.
import type { ClaimFormat, Finding } from './model';
import { EMPTY_FILE_RULE, ENCODING_RULE } from './parse';

export const UNRECOGNIZED_RULE = 'claimlint.unrecognized-format';
export const EMPTY_RULE = EMPTY_FILE_RULE;

/**
 * The findings the CLI reports for a file: the analysis's, with an empty file made an error (the
 * editor shows it as information while a file is being written; an empty export in CI is a
 * failure), and a file it could not read as claims saying so, unless the analysis already says
 * why (empty, or in an encoding Claimlint does not read).
 */
export function withInputFindings(findings: readonly Finding[], format: ClaimFormat | null, otherTableInFolder = false): Finding[] {
  const out = findings.map((f) => (f.rule === EMPTY_RULE && f.severity !== 'error' ? { ...f, severity: 'error' as const } : f));
  if (format !== null || saysWhyUnread(out)) return out;
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
            'Not an X12 837 or a claim CSV export, so nothing in it was checked: an 837 starts with an ISA segment (the interchange header, which sets the delimiters), a claim CSV has a header row that names a procedure code column beside other claim columns.',
          span: { start: 0, end: 0 },
        },
  );
  return out;
}

/** The analysis already says why the text is no claims: it is empty, or in an encoding Claimlint does not read. */
function saysWhyUnread(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.rule === EMPTY_RULE || f.rule === ENCODING_RULE);
}

/** The editor's language id of X12 documents (package.json contributes it for .837, .x12, .edi). */
export const X12_LANGUAGE_ID = 'x12';

/**
 * The findings the editor shows for a document: the analysis's, and for a document opened as X12
 * (its language `x12`) that could not be read as one, a warning that says so, unless the analysis
 * already says why (empty, or an encoding Claimlint does not read). A document of another language
 * that is no claim file (any CSV the user opens) gets nothing more.
 */
export function editorInputFindings(findings: readonly Finding[], format: ClaimFormat | null, languageId: string): readonly Finding[] {
  if (format !== null || languageId !== X12_LANGUAGE_ID || saysWhyUnread(findings)) return findings;
  return [
    ...findings,
    {
      rule: UNRECOGNIZED_RULE,
      severity: 'warning',
      message: 'Not an X12 837, so nothing in it was checked: an 837 starts with an ISA segment (the interchange header, which sets the delimiters).',
      span: { start: 0, end: 0 },
    },
  ];
}

/** The reader's finding for a transaction set that is not an 837 (x12/envelope837.ts). */
export const OTHER_TRANSACTION_RULE = 'x12.not-a-claim-transaction';

/**
 * The CLI's findings for an X12 file of no claims whose transaction sets are another kind (an 835
 * remittance handed to a claim check): nothing in it was checked as claims, which is an error, as
 * for a file of no known format. Found in a folder (remittances kept beside the claims), or beside
 * claims in the same file, the reader's information stays as it is.
 */
export function withOtherTransactionsFailed(findings: Iterable<Finding>, claims: number, foundInFolder: boolean): Iterable<Finding> {
  if (claims > 0 || foundInFolder) return findings;
  const all = [...findings];
  if (!all.some((f) => f.rule === OTHER_TRANSACTION_RULE)) return all;
  return all.map((f) => (f.rule === OTHER_TRANSACTION_RULE ? { ...f, severity: 'error' as const } : f));
}
