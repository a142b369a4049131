// A fix, and the fix that removes one service line: how a fix names the line, and the guard that
// offers none when the removal would take away a whole replacement or void claim (the claim it
// replaces would be in force again, a correction lost), which fix-all keeps to as well.
import type { Finding, LineRef, ParsedDocument } from './model';
import type { TextEdit } from './edits';
import { supersedesOthers } from './rules/supersession';
import { editLines } from './fixesEdits';

export interface Fix {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  edits: TextEdit[];
  isPreferred: boolean;
  /** The findings this fix resolves. */
  findings: Finding[];
  /** The service lines its edits remove (a fix-all; one line resolves several findings in a chain). */
  removes?: readonly LineRef[];
}

/** How a fix names a line: "service line 2" (of claim N when `withClaim` and the document has several claims), "line 7" in CSV (as its other messages and the outline name its rows). */
export function lineName(doc: ParsedDocument, ref: LineRef, withClaim = true): string {
  const line = doc.claims[ref.claimIndex]?.lines[ref.lineIndex];
  if (!line) return 'the line';
  if (doc.format !== 'x12') return `line ${line.lineNumber}`;
  const number = line.lineNumber || String(line.index + 1);
  // A claim's only line goes with its claim (x12Loops.ts): the title says so.
  if (doc.claims[ref.claimIndex]!.lines.length === 1) return doc.claims.length > 1 ? `claim ${ref.claimIndex + 1} and its only service line` : 'the claim and its only service line';
  return withClaim && doc.claims.length > 1 ? `claim ${ref.claimIndex + 1}, service line ${number}` : `service line ${number}`;
}

/**
 * The fix that removes one line, or none when that would take away a replacement or void claim
 * (takesAwayReplacement). Preferred (what an editor's auto fix applies without asking) unless
 * `preferred` says it is one answer among others a person chooses from.
 */
export function removal(text: string, doc: ParsedDocument, finding: Finding, ref: LineRef, title: string, preferred = true): Fix[] {
  if (takesAwayReplacement(doc, [ref]).length > 0) return [];
  return [{ title, kind: 'quickfix', edits: editLines(text, doc, { remove: [ref] }), isPreferred: preferred, findings: [finding] }];
}

/**
 * The replacement and void claims (CLM05-3 7 or 8; a CSV claim's frequency column or type of bill,
 * csv/claimFrequency.ts) whose every line `refs` removes: removing the lines removes the claim (an
 * 837's whole claim, editLines; a CSV claim is its rows), and with it the claim it replaces or
 * voids is in force again, whether it is in the file (rules/supersession.ts) or already with the
 * payer, holding what it billed; the correction is lost, and a finding on the replacement's line
 * comes back on the original's. What to send instead (another replacement, a void) is for a person.
 */
export function takesAwayReplacement(doc: ParsedDocument, refs: readonly LineRef[]): number[] {
  const removed = new Map<number, Set<number>>();
  for (const ref of refs) {
    const claim = doc.claims[ref.claimIndex];
    if (!claim || !supersedesOthers(claim.frequency)) continue;
    let lines = removed.get(ref.claimIndex);
    if (!lines) removed.set(ref.claimIndex, (lines = new Set()));
    lines.add(ref.lineIndex);
  }
  return [...removed].filter(([claimIndex, lines]) => doc.claims[claimIndex]!.lines.every((line) => lines.has(line.index))).map(([claimIndex]) => claimIndex);
}
