// Decides a document's format by its content, never by file name or language id: other
// editors send whatever language id their user configured.
import type { ClaimFormat, Finding, ParsedDocumentWithIndex } from './model';
import { looksLikeClaimCsv, parseCsv } from './csv';
import { looksLikeX12, parseX12 } from './x12';

export function detectFormat(text: string): ClaimFormat | null {
  if (looksLikeX12(text)) return 'x12';
  if (looksLikeClaimCsv(text)) return 'csv';
  if (looksLikeHeaderlessX12(text)) return 'x12';
  return null;
}

/** Segment-shaped text without an ISA header (e.g. a pasted transaction set): read as X12 so the missing header is reported. */
function looksLikeHeaderlessX12(text: string): boolean {
  const head = text.slice(0, 4096);
  // [^\S\n]* rather than \s*: a run of blanks never holds another line break, so no character is
  // scanned twice (\s* made this quadratic on a head of line breaks: 250 ms a keystroke).
  return /(^|[~'\n])[^\S\n]*(GS|ST|BHT|NM1|CLM|HL)[*|]/.test(head) && /(^|[~'\n])[^\S\n]*(ST|CLM|SV[123])[*|]/.test(head);
}

export function parseDocument(text: string): ParsedDocumentWithIndex {
  switch (detectFormat(text)) {
    case 'x12':
      return parseX12(text);
    case 'csv':
      return parseCsv(text);
    default:
      return { format: null, claims: [], findings: isBlank(text) ? [emptyFileFinding()] : [], interchanges: [], groups: [], transactions: [] };
  }
}

/**
 * An empty document, or one of blank lines, is said to be empty: a warning here (what the editor
 * shows while a new file is being written); the CLI makes it an error, since an empty export in
 * CI is a failure. Other text that is not claims gets nothing here (the CLI reports it).
 */
export const EMPTY_FILE_RULE = 'claimlint.empty-file';

function emptyFileFinding(): Finding {
  return {
    rule: EMPTY_FILE_RULE,
    severity: 'warning',
    message: 'The file is empty (or holds only blank lines): there is nothing to check.',
    span: { start: 0, end: 0 },
  };
}

/** Nothing but white space (what String.prototype.trim removes), found without copying the text. */
function isBlank(text: string): boolean {
  return !/\S/.test(text);
}
