// Decides a document's format by its content, never by file name or language id: other
// editors send whatever language id their user configured.
import type { ClaimFormat, Finding, ParsedDocumentWithIndex } from './model';
import { looksLikeClaimCsv, parseCsv } from './csv';
import { looksLikeX12, looksLikeX12AfterNote, parseX12, type ParseX12Options } from './x12';

export function detectFormat(text: string): ClaimFormat | null {
  // UTF-16 read a byte a character can still pass for a CSV (header names drop the NULs), with
  // every cell garbled: it is reported as an encoding problem instead.
  if (utf16Order(text) !== null) return null;
  if (looksLikeX12(text)) return 'x12';
  if (looksLikeClaimCsv(text)) return 'csv';
  // After the CSV test, as the test for segments without a header: a text the CSV test takes
  // stays CSV (csv/stream.ts relies on detectFormat of a file's start agreeing with the whole's).
  if (looksLikeHeaderlessX12(text) || looksLikeX12AfterNote(text)) return 'x12';
  return null;
}

/** Segment-shaped text without an ISA header (e.g. a pasted transaction set): read as X12 so the missing header is reported. */
function looksLikeHeaderlessX12(text: string): boolean {
  const head = text.slice(0, 4096);
  // [^\S\n]* rather than \s*: a run of blanks never holds another line break, so no character is
  // scanned twice (\s* made this quadratic on a head of line breaks: 250 ms a keystroke).
  return /(^|[~'\n])[^\S\n]*(GS|ST|BHT|NM1|CLM|HL)[*|]/.test(head) && /(^|[~'\n])[^\S\n]*(ST|CLM|SV[123])[*|]/.test(head);
}

export function parseDocument(text: string, options?: ParseX12Options): ParsedDocumentWithIndex {
  switch (detectFormat(text)) {
    case 'x12':
      return parseX12(text, options);
    case 'csv':
      return parseCsv(text);
    default:
      return { format: null, claims: [], findings: unreadableFindings(text), interchanges: [], groups: [], transactions: [] };
  }
}

/** Why a text that is neither X12 nor a claim CSV could not be read, when that can be told. */
function unreadableFindings(text: string): Finding[] {
  if (isBlank(text)) return [emptyFileFinding()];
  const encoding = encodingProblem(text);
  return encoding === null ? [] : [{ rule: ENCODING_RULE, severity: 'error', message: encoding, span: { start: 0, end: 0 } }];
}

/**
 * An empty document, or one of blank lines, is said to be empty: information here (what the
 * editor shows while a new file is being written, which is no problem yet); the CLI makes it an
 * error, since an empty export in CI is a failure. Other text that is not claims gets nothing here
 * (the CLI reports it).
 */
export const EMPTY_FILE_RULE = 'claimlint.empty-file';

function emptyFileFinding(): Finding {
  return {
    rule: EMPTY_FILE_RULE,
    severity: 'information',
    message: 'The file is empty (or holds only blank lines): there is nothing to check.',
    span: { start: 0, end: 0 },
  };
}

/** Nothing but white space (trim stops at the first other character from each end, and copies nothing). */
function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * A claim file in an encoding Claimlint does not read, as its text shows once decoded as UTF-8,
 * ASCII or latin-1 (the CLI's decoding, where each byte of a file that is not UTF-8 is one
 * character; the editor's, where it is U+FFFD).
 */
export const ENCODING_RULE = 'claimlint.encoding';

/** How many characters from the start of a text the encoding checks read. */
const ENCODING_SAMPLE = 4096;
const SAVE_AS = 'save it as UTF-8 or ASCII';

/** What is wrong with the encoding of a text that is not claims in the form it was read, or null. */
export function encodingProblem(text: string): string | null {
  const utf16 = utf16Order(text);
  if (utf16 === 'little-endian') {
    return `The file looks like UTF-16LE text without a byte-order mark; ${SAVE_AS} (or UTF-16LE with its mark), then check it again.`;
  }
  if (utf16 === 'big-endian') return `The file looks like UTF-16BE text; ${SAVE_AS}, then check it again.`;
  if (looksLikeEbcdic(text)) return `The file looks like EBCDIC text (IBM mainframe); ${SAVE_AS}, then check it again.`;
  const sample = Math.min(text.length, ENCODING_SAMPLE);
  let undecodable = 0;
  for (let i = 0; i < sample; i++) if (text.charCodeAt(i) === 0xfffd) undecodable++;
  if (sample > 0 && undecodable >= sample / 5) {
    return (
      `The file is not UTF-8 or ASCII text: ${undecodable} of its first ${sample} characters could not be decoded. ` +
      `It may be in another encoding (UTF-16, EBCDIC); ${SAVE_AS}, then check it again.`
    );
  }
  return null;
}

/**
 * UTF-16 read one byte a character: a NUL after nearly every character (little-endian) or
 * before it (big-endian). A big-endian byte-order mark read as latin-1 (\u00fe\u00ff) is skipped.
 */
function utf16Order(text: string): 'little-endian' | 'big-endian' | null {
  const start = text.charCodeAt(0) === 0xfe && text.charCodeAt(1) === 0xff ? 2 : 0;
  const end = Math.min(text.length, start + ENCODING_SAMPLE) - 1;
  let pairs = 0;
  let little = 0;
  let big = 0;
  for (let i = start; i < end; i += 2, pairs++) {
    const first = text.charCodeAt(i);
    const second = text.charCodeAt(i + 1);
    if (first !== 0 && second === 0) little++;
    else if (first === 0 && second !== 0) big++;
  }
  if (pairs < 4) return null;
  if (little >= pairs * 0.75) return 'little-endian';
  if (big >= pairs * 0.75 || (start === 2 && big >= pairs / 2)) return 'big-endian';
  return null;
}

/**
 * EBCDIC code page 037 (IBM mainframes, US) for the characters of claim files: letters, digits,
 * spaces, line ends and the punctuation of X12 and CSV. Other bytes map to nothing.
 */
const EBCDIC_037: ReadonlyMap<number, string> = (() => {
  const table = new Map<number, string>([[0x05, '\t'], [0x0d, '\r'], [0x15, '\n'], [0x25, '\n'], [0x40, ' '], [0x50, '&'], [0x7d, "'"], [0xa1, '~'], [0xc0, '{'], [0xd0, '}'], [0xe0, '\\']]);
  const runs: [number, string][] = [
    [0x4b, '.<(+|'], [0x5a, '!$*);'], [0x60, '-/'], [0x6b, ',%_>?'], [0x79, '`:#@'], [0x7e, '="'],
    [0x81, 'abcdefghi'], [0x91, 'jklmnopqr'], [0xa2, 'stuvwxyz'],
    [0xc1, 'ABCDEFGHI'], [0xd1, 'JKLMNOPQR'], [0xe2, 'STUVWXYZ'], [0xf0, '0123456789'],
  ];
  for (const [byte, chars] of runs) for (let i = 0; i < chars.length; i++) table.set(byte + i, chars[i]!);
  return table;
})();

/** Text whose characters are bytes (latin-1) of EBCDIC: its start, translated, reads as X12 or a claim CSV. */
function looksLikeEbcdic(text: string): boolean {
  const sample = Math.min(text.length, ENCODING_SAMPLE);
  let translated = '';
  let unknown = 0;
  for (let i = 0; i < sample; i++) {
    const char = EBCDIC_037.get(text.charCodeAt(i));
    if (char === undefined) unknown++;
    translated += char ?? '?';
  }
  if (sample === 0 || unknown > sample / 10) return false;
  return detectFormat(translated) !== null;
}
