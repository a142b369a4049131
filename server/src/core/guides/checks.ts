// How much of the implementation-guide checking an analysis does (`claimlint.guideChecks`,
// `--guide`), and the guide findings of a parsed 837 as Findings with spans.
//
//   off       the envelope and structural x12.* checks are dropped too; what remains is listed in
//             OFF_KEPT_X12_RULES (the reader could not read the file as given, and the claim values
//             the coding checks read), and every coding check (ptp.*, mue.*, aoc.*) and claimlint.*
//   envelope  envelope counts and control numbers, LX order, CLM02 sums, code shapes (the CLI's
//             default: full costs two to three times its CPU on a batch)
//   full      envelope, plus the implementation-guide checks (guide.* findings, each naming the
//             guide's element reference), run in the reader's pass (pass.ts); after an edit the
//             claim is read again and the guide checks run over the document's segments again
//
// Pure: no editor types, no file system.
import type { Finding, ParsedDocumentWithIndex, Span } from '../model';
import { X12SegmentIndex } from '../x12/segment-index';
import { GuidePass } from './pass';

export type GuideChecks = 'off' | 'envelope' | 'full';

export const GUIDE_CHECK_MODES: readonly GuideChecks[] = ['off', 'envelope', 'full'];

/**
 * The editor's default (claimlint.guideChecks): every 837 checked against its guide, as a
 * clearinghouse checks it. Opening a 10 MB file stays within its budget in `full` (about 420-450
 * ms CPU, `npm run bench -- --only guide`) and an edit re-checks only around it (about 20 ms), so
 * the editor has the full check by default. A whole read still costs about 1.8x `envelope`, over
 * the +30% issue 13 allows: the CLI, whose budget is batch throughput, keeps `envelope` as its
 * default (CLI_DEFAULT_GUIDE_CHECKS) and takes `--guide full`.
 */
export const DEFAULT_GUIDE_CHECKS: GuideChecks = 'full';

/** The CLI's default: see DEFAULT_GUIDE_CHECKS for why it differs from the editor's. */
export const CLI_DEFAULT_GUIDE_CHECKS: GuideChecks = 'envelope';

/**
 * A setting's value as a mode (case and surrounding blanks ignored). Anything else is the default,
 * and onUnknown is called for a value that was set (not undefined or null): editors other than
 * VS Code do not check it against package.json's list, so the server says so (lsp/settings.ts).
 */
export function guideChecksOf(value: unknown, onUnknown?: () => void): GuideChecks {
  const mode = typeof value === 'string' ? GUIDE_CHECK_MODES.find((m) => m === value.trim().toLowerCase()) : undefined;
  if (mode !== undefined) return mode;
  if (value !== undefined && value !== null) onUnknown?.();
  return DEFAULT_GUIDE_CHECKS;
}

/**
 * The x12.* rules `off` keeps. The first four say the reader could not read the file as given
 * (no ISA, a malformed ISA, text before it, a transaction set that is not an 837); the others are
 * claim values the coding checks read (a CLM02 that is not the sum of the lines, a malformed
 * procedure code, a date or amount that cannot be read), which the guides do not check. Every
 * other x12.* rule (SE01/GE01/IEA01 counts, SE02/GE02/IEA02 control numbers, envelopes not
 * closed or not matched, ISA field widths, LX order, segments outside a transaction set or a
 * claim, a service line without SV1/SV2/SV3) is an envelope or structure check and is dropped.
 */
export const OFF_KEPT_X12_RULES: ReadonlySet<string> = new Set([
  'x12.isa-missing',
  'x12.isa-malformed',
  'x12.text-before-isa',
  'x12.not-a-claim-transaction',
  'x12.clm02-sum',
  'x12.procedure-code-invalid',
  'x12.date-invalid',
  'x12.amount-invalid',
]);

/** Is a finding of this rule reported with guideChecks off? */
export function keptWhenOff(rule: string): boolean {
  return !rule.startsWith('x12.') || OFF_KEPT_X12_RULES.has(rule);
}

/**
 * The findings of an analysis in this mode, from its envelope-mode findings: `off` filters them,
 * `full` adds the guide findings (after the reader's own). Not an 837: unchanged.
 */
export function withGuideChecks(findings: Finding[], doc: ParsedDocumentWithIndex, mode: GuideChecks): Finding[] {
  if (mode === 'envelope' || doc.format !== 'x12') return findings;
  if (mode === 'off') return findings.filter((f) => keptWhenOff(f.rule));
  const guide = doc.guideFindings ?? guideFindings(doc);
  return guide.length === 0 ? findings : joinedWithGuide(findings, guide);
}

/**
 * Envelope checks the guide checks repeat, on the same place, in `full`: the guide's finding
 * names the element and its rule, so the envelope one goes. Others (counts, control numbers,
 * CLM02 sums, code shapes) the guide does not check, and stay.
 */
export const REPEATED_BY_GUIDE: ReadonlySet<string> = new Set([
  'x12.isa-width',
  'x12.amount-invalid',
  'x12.date-invalid',
  'x12.procedure-code-invalid',
  'x12.outside-transaction',
  'x12.line-outside-claim',
  'x12.lx-sequence',
  'x12.envelope-unmatched',
  // A sixth surface (the guide: too many components).
  'x12.tooth-surface-invalid',
]);

/**
 * Reader findings that say more than the guide's "not a valid code" on exactly the same span,
 * which goes:
 * - a diagnosis pointer of 0 or past 12: the reader says what it fails to point at;
 * - a tooth surface that is no surface code: the reader lists the surface codes.
 */
const OVER_GUIDE: ReadonlySet<string> = new Set(['x12.diagnosis-pointer', 'x12.tooth-surface-invalid']);
/** The guide's finding a reader finding of OVER_GUIDE says more of: a code not in the element's list. */
const GUIDE_CODE_INVALID = 'guide.code-invalid';

/**
 * The reader's findings and the guide's of the same text (a document, or a piece of one: a repeat
 * is always about one segment), each problem once: the guide's without those a reader finding says
 * more of (OVER_GUIDE), and the reader's without those the guide's that are left repeat
 * (withoutRepeats).
 */
export function joinedWithGuide(findings: Finding[], guide: readonly Finding[]): Finding[] {
  const over = new Set(findings.filter((f) => OVER_GUIDE.has(f.rule)).map((f) => `${f.span.start}:${f.span.end}`));
  const kept = over.size === 0 ? guide : guide.filter((g) => g.rule !== GUIDE_CODE_INVALID || !over.has(`${g.span.start}:${g.span.end}`));
  return [...withoutRepeats(findings, kept), ...kept];
}

/**
 * Guide findings about a segment as a whole, which repeat nothing inside it: blanks before a
 * segment are not what makes its code malformed or its LX out of order. (The pass also holds this
 * one to the end of the document, so a reader in pieces could not drop repeats against it.)
 */
const REPEATS_NOTHING: ReadonlySet<string> = new Set(['guide.segment-leading-blanks']);

/**
 * The findings without the envelope ones a guide error finding overlaps (REPEATED_BY_GUIDE).
 * Spans overlap when they share a character; an empty span (a missing element) overlaps a span it
 * lies in or ends, not one it starts: an element the segment stops before is an empty guide span
 * at the segment's end, while the reader, with no element to place its finding on, spans the
 * whole segment (x12/reading837.ts spanOr), and the two are the one problem.
 */
export function withoutRepeats(findings: Finding[], guide: readonly Finding[]): Finding[] {
  if (!findings.some((f) => REPEATED_BY_GUIDE.has(f.rule))) return findings;
  const spans = guide.filter((g) => g.severity === 'error' && !REPEATS_NOTHING.has(g.rule)).map((g) => g.span);
  const filled = spans.filter((s) => s.start < s.end).sort((a, b) => a.start - b.start);
  const points = spans.filter((s) => s.start === s.end).map((s) => s.start).sort((a, b) => a - b);
  // The longest guide span so far at each position, so one binary search answers "does any overlap".
  const reach = new Array<number>(filled.length);
  let longest = -1;
  for (let i = 0; i < filled.length; i++) reach[i] = longest = Math.max(longest, filled[i]!.end);
  const overlapsFilled = (span: Span): boolean => {
    const empty = span.start === span.end;
    let lo = 0;
    let hi = filled.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = filled[mid]!.start;
      if (start < span.end || (empty && start === span.end)) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (reach[last]! > span.start || (empty && reach[last] === span.start));
  };
  // Is a missing element inside the span or at its end (at its start, for an empty span)?
  const touchesPoint = (span: Span): boolean => {
    const after = span.start === span.end ? span.start - 1 : span.start;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (points[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo < points.length && points[lo]! <= span.end;
  };
  return findings.filter((f) => !REPEATED_BY_GUIDE.has(f.rule) || !(overlapsFilled(f.span) || touchesPoint(f.span)));
}

/**
 * The guide pass over every segment of a parsed 837, on its own (a re-read document, whose
 * segments were read without it): what the reader's pass gives.
 */
export function guideFindings(doc: ParsedDocumentWithIndex): Finding[] {
  const ix = doc.x12;
  if (!(ix instanceof X12SegmentIndex) || ix.segmentCount === 0) return [];
  const pass = new GuidePass();
  pass.segments(ix, 0, ix.segmentCount);
  return pass.finish();
}
