// The lines before a table's first data row (its preamble and header), remembered so that the
// same lines met again among the rows (the CMS parts of one table joined with cat, an export that
// repeats its header) are read as preamble, not reported as malformed rows.

/** Lines remembered at most (a CMS preamble takes under ten lines, the MUE notice one record). */
const MAX_LINES = 64;

/** Longer lines are not remembered (the CMS MUE notice record is under 1,000 characters). */
const MAX_LINE_LENGTH = 4000;

/** Preamble lines, compared with their surrounding blanks (and a row's trailing tabs) trimmed. */
export class PreambleLines {
  private readonly lines = new Set<string>();

  remember(line: string): void {
    if (this.lines.size >= MAX_LINES || line.length > 2 * MAX_LINE_LENGTH) return;
    const key = line.trim();
    if (key !== '' && key.length <= MAX_LINE_LENGTH) this.lines.add(key);
  }

  /** Whether the line is one of the preamble's. */
  has(line: string): boolean {
    return this.lines.size > 0 && line.length <= 2 * MAX_LINE_LENGTH && this.lines.has(line.trim());
  }
}
