// What a hover needs of a claim file checked from disk (issue 14: files over VS Code's 50 MB
// limit are read in pieces and their text is never kept): for each service line with a procedure
// code, where the code is, the code, its date of service, the PTP table of its claim and which
// claim and line it is, plus the findings on that line. With these, a hover on a code gives the
// text hoverAt gives for the same code in an open document (codeHover), followed by the line's
// findings.
//
// Compact: one entry per service line (not per segment), in typed arrays (about 23 bytes a line,
// one more in a file where some claim is void, replaced or voided: diskIndexForce.ts; codes and
// date ranges interned); findings are kept only when they sit on an indexed line, and then only
// their rule, severity and messages. The bench's 100 MB 837P (437,347 service lines, 11,314
// findings, all on lines) keeps 10 MB of arrays and 11.5 MB in all (about 115 KB per MB of file);
// the server keeps the file's line starts beside it (4 bytes a line of the editor). This module is
// the index and its answers; it is built as the file is read (diskIndexBuilder.ts: lines added as
// the reader finishes each piece, the findings once the whole file is checked).
import type { PtpTableKind, Severity } from '../model';
import type { Knowledge } from '../rules/knowledge';
import { FORCE } from './diskIndexForce';
import { lastAtOrBefore } from '../search';
import { codeHover } from './codeHover';
import { withForceNote, type HoverResult } from './hover';
import { plainMarkdown } from './markdown';

/** How a claim's lines are judged, for their hover: a table, or none and what the hover says of that (claimTables.ts). */
export interface Scope {
  table: PtpTableKind | null;
  note: string;
}

/** A finding as a hover shows it: no spans, no fix data. */
export interface KeptFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** Messages of its related locations, by index (only those on indexed lines are referred to). */
  related: readonly string[];
}

export interface IndexData {
  x12: boolean;
  knowledge: Knowledge;
  /** Per entry, sorted by codeStart. */
  codeStart: Uint32Array;
  codeLength: Uint16Array;
  codeId: Uint32Array;
  dateId: Uint32Array;
  /** Each entry's scope: its number in `scopes`. */
  table: Uint8Array;
  scopes: readonly Scope[];
  claim: Uint32Array;
  /** Each entry's claim's FORCE number: whether its lines take part in the checks; empty when all of them do. */
  force: Uint8Array;
  lineNumber: Uint32Array;
  codes: readonly string[];
  /** from, to of each date id (id 0: none). */
  dates: Uint32Array;
  findings: readonly KeptFinding[];
  /** Findings on lines, sorted by entry: the entry, the finding, and -1 (on the line) or the index of its related location on the line. */
  attachedEntry: Uint32Array;
  attachedFinding: Uint32Array;
  attachedRelated: Int32Array;
}

const SEVERITY_NAMES: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', information: 'Information' };

/** The procedure codes of a file checked from disk, and what a hover on one of them says. */
export class DiskIndex {
  constructor(private readonly data: IndexData) {}

  /** Service lines indexed. */
  get size(): number {
    return this.data.codeStart.length;
  }

  /** Findings kept (those on indexed lines). */
  get findingCount(): number {
    return this.data.findings.length;
  }

  /** The entry whose code span holds `offset` (its end included, as hoverAt counts it), or -1. */
  entryAt(offset: number): number {
    const { codeStart, codeLength } = this.data;
    const entry = lastAtOrBefore(codeStart, offset);
    return entry >= 0 && offset <= codeStart[entry]! + codeLength[entry]! ? entry : -1;
  }

  /** The hover on the procedure code at `offset`: the open document's code hover, then the findings on its line; null off every indexed code. */
  hoverAt(offset: number): HoverResult | null {
    const entry = this.entryAt(offset);
    if (entry < 0) return null;
    const { data } = this;
    const code = data.codes[data.codeId[entry]!]!;
    const dateId = data.dateId[entry]!;
    const date = dateId === 0 ? null : { from: data.dates[dateId * 2]!, to: data.dates[dateId * 2 + 1]! };
    const start = data.codeStart[entry]!;
    const span = { start, end: start + data.codeLength[entry]! };
    const scope = data.scopes[data.table[entry]!]!;
    const markdown = withForceNote(codeHover(code, date, data.knowledge, scope.table, scope.note), data.force.length === 0 ? null : FORCE[data.force[entry]!]!);
    const found = this.findingsOn(entry);
    return { markdown: found === '' ? markdown : `${markdown}\n\n---\n\n${found}`, span };
  }

  /** The findings on an entry's line as a Markdown list under the line's name; '' when there are none. */
  private findingsOn(entry: number): string {
    const { attachedEntry, attachedFinding, attachedRelated, findings } = this.data;
    let at = lastAtOrBefore(attachedEntry, entry - 1) + 1;
    const items: string[] = [];
    for (; at < attachedEntry.length && attachedEntry[at] === entry; at++) {
      const finding = findings[attachedFinding[at]!]!;
      const related = attachedRelated[at]!;
      const where = related >= 0 ? ` ${plainMarkdown(finding.related[related] ?? '')}:` : '';
      items.push(`- **${SEVERITY_NAMES[finding.severity]}** \`${finding.rule}\`${where} ${plainMarkdown(finding.message)}`);
    }
    if (items.length === 0) return '';
    return `**On ${this.lineName(entry)}** (checked from disk)\n${items.join('\n')}`;
  }

  private lineName(entry: number): string {
    const number = this.data.lineNumber[entry]!;
    return this.data.x12 ? `claim ${this.data.claim[entry]! + 1}, service line ${number}` : `line ${number}`;
  }

  /** Bytes held by the index: its arrays, interned codes and kept findings (strings counted at 2 bytes a character: an upper bound). */
  bytes(): number {
    const d = this.data;
    const arrays = [d.codeStart, d.codeLength, d.codeId, d.dateId, d.table, d.claim, d.force, d.lineNumber, d.dates, d.attachedEntry, d.attachedFinding, d.attachedRelated];
    let total = arrays.reduce((sum, array) => sum + array.byteLength, 0);
    for (const code of d.codes) total += 16 + 2 * code.length;
    for (const finding of d.findings) total += 48 + 2 * (finding.rule.length + finding.message.length) + finding.related.reduce((sum, m) => sum + 16 + 2 * m.length, 0);
    return total;
  }
}
