// How much of the implementation-guide checking an analysis does (`claimlint.guideChecks`,
// `--guide`), and the guide findings of a parsed 837 as Findings with spans.
//
//   off       the envelope and structural x12.* checks are dropped too; what remains is listed in
//             OFF_KEPT_X12_RULES (the reader could not read the file as given, and the claim values
//             the coding checks read), and every coding check (ptp.*, mue.*, aoc.*) and claimlint.*
//   envelope  today's checks: envelope counts and control numbers, LX order, CLM02 sums, code
//             shapes (the default until the guide checks run in the reader's single pass)
//   full      envelope, plus the implementation-guide checks (guide.* findings, each naming the
//             guide's element reference), run in the reader's pass (pass.ts); after an edit the
//             claim is read again and the guide checks run over the document's segments again
//
// Pure: no editor types, no file system.
import type { Finding, ParsedDocumentWithIndex, Severity, Span, X12Index } from '../model';
import { X12SegmentIndex } from '../x12/segment-index';
import { GuidePass } from './pass';
import { GuideValidator, type GuideFinding } from './validate';

export type GuideChecks = 'off' | 'envelope' | 'full';

export const GUIDE_CHECK_MODES: readonly GuideChecks[] = ['off', 'envelope', 'full'];

/**
 * `envelope` for now. The guide checks run in the reader's pass and an edit re-checks only
 * around it (25 ms in full against 16 in envelope on a 10 MB one-set 837P), but a whole read
 * in `full` still costs about 2x `envelope` in process and 2.9x in the CLI (100 MB 837P),
 * over the +30% issue 13 allows; `full` becomes the default when it fits.
 */
export const DEFAULT_GUIDE_CHECKS: GuideChecks = 'envelope';

/** A setting's value as a mode: anything unknown is the default. */
export function guideChecksOf(value: unknown): GuideChecks {
  return value === 'off' || value === 'envelope' || value === 'full' ? value : DEFAULT_GUIDE_CHECKS;
}

/**
 * The x12.* rules `off` keeps. The first three say the reader could not read the file as given
 * (no ISA, a malformed ISA, text before it); the others are claim values the coding checks read
 * (a CLM02 that is not the sum of the lines, a malformed procedure code, a date or amount that
 * cannot be read), which the guides do not check. Every other x12.* rule (SE01/GE01/IEA01 counts,
 * SE02/GE02/IEA02 control numbers, envelopes not closed or not matched, ISA field widths, LX
 * order, segments outside a transaction set or a claim, a service line without SV1/SV2/SV3) is
 * an envelope or structure check and is dropped.
 */
export const OFF_KEPT_X12_RULES: ReadonlySet<string> = new Set([
  'x12.isa-missing',
  'x12.isa-malformed',
  'x12.text-before-isa',
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
export function withGuideChecks(findings: Finding[], doc: ParsedDocumentWithIndex, text: string, mode: GuideChecks): Finding[] {
  if (mode === 'envelope' || doc.format !== 'x12') return findings;
  if (mode === 'off') return findings.filter((f) => keptWhenOff(f.rule));
  const guide = doc.guideFindings ?? guideFindings(doc, text);
  return guide.length === 0 ? findings : [...withoutRepeats(findings, guide), ...guide];
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
]);

/** The findings without the envelope ones a guide error finding overlaps (REPEATED_BY_GUIDE). */
export function withoutRepeats(findings: Finding[], guide: readonly Finding[]): Finding[] {
  if (!findings.some((f) => REPEATED_BY_GUIDE.has(f.rule))) return findings;
  const starts = guide.filter((g) => g.severity === 'error').map((g) => g.span).sort((a, b) => a.start - b.start);
  // The longest guide span so far at each position, so one binary search answers "does any overlap".
  const reach = new Array<number>(starts.length);
  let longest = -1;
  for (let i = 0; i < starts.length; i++) reach[i] = longest = Math.max(longest, starts[i]!.end);
  // Spans overlap when they share a character; an empty span (a missing element) when it touches.
  const overlapped = (span: Span): boolean => {
    const empty = span.start === span.end;
    let lo = 0;
    let hi = starts.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = starts[mid]!.start;
      if (start < span.end || (empty && start === span.end)) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (reach[last]! > span.start || (empty && reach[last] === span.start));
  };
  return findings.filter((f) => !REPEATED_BY_GUIDE.has(f.rule) || !overlapped(f.span));
}

/** Element values of segment i (elements[0] is element 01). */
function elementsOf(ix: X12Index, text: string, i: number): string[] {
  if (ix instanceof X12SegmentIndex) {
    const count = ix.elementCount(i);
    const out = new Array<string>(count);
    for (let k = 1; k <= count; k++) out[k - 1] = ix.value(i, k) ?? '';
    return out;
  }
  const spans = ix.elementSpans(i);
  const out = new Array<string>(spans.length - 1);
  for (let k = 1; k < spans.length; k++) out[k - 1] = text.slice(spans[k]!.start, spans[k]!.end);
  return out;
}

/**
 * The guide validator over every segment of a parsed 837, its findings placed on the element
 * (or component) they name, else on the segment id. One validator runs over the whole file
 * (ISA13 is unique in the file, GS06 in an interchange, ST02 in a group); an interchange whose
 * component or repetition separator differs from the one before starts a new validator.
 */
export function guideFindings(doc: ParsedDocumentWithIndex, text: string): Finding[] {
  const ix = doc.x12;
  if (!ix || ix.segmentCount === 0) return [];
  if (ix instanceof X12SegmentIndex) {
    // The reader's pass on its own, over segments already read (a re-read document).
    const pass = new GuidePass();
    for (let s = 0; s < ix.segmentCount; s++) pass.segment(ix, s);
    return pass.finish();
  }
  const raw: GuideFinding[] = [];
  let validator: GuideValidator | null = null;
  let component = '';
  let repetition: string | null = null;
  for (let i = 0; i < ix.segmentCount; i++) {
    const delimiters = ix.delimitersOf(i);
    if (validator === null || delimiters.component !== component || delimiters.repetition !== repetition) {
      if (validator) raw.push(...validator.finish());
      component = delimiters.component;
      repetition = delimiters.repetition;
      validator = new GuideValidator({ componentSeparator: component, repetitionSeparator: repetition });
    }
    if (ix instanceof X12SegmentIndex) validator.segmentOf(ix, i, i);
    else validator.segment({ id: ix.segmentId(i), elements: elementsOf(ix, text, i) }, i);
  }
  if (validator) raw.push(...validator.finish());
  return raw.map((f) => toFinding(ix, f));
}

function toFinding(ix: X12Index, f: GuideFinding): Finding {
  const finding: Finding = { rule: f.rule, severity: f.severity as Severity, message: f.message, span: spanOf(ix, f) };
  return finding;
}

/** Where a guide finding goes: its component, its element, the end of the segment for an element past its end, else the segment id. */
function spanOf(ix: X12Index, f: GuideFinding): Span {
  const segment = f.segment;
  if (f.position === undefined) {
    const id = ix instanceof X12SegmentIndex ? ix.elementSpan(segment, 0) : ix.elementSpans(segment)[0];
    return id ?? ix.segmentSpan(segment);
  }
  if (ix instanceof X12SegmentIndex) {
    const element = ix.elementSpan(segment, f.position);
    if (!element) {
      const end = ix.segmentSpan(segment).end;
      return { start: end, end };
    }
    if (f.component && f.component > 0) {
      const components = ix.componentSpans(segment, f.position);
      return components[f.component - 1] ?? element;
    }
    return element;
  }
  const spans = ix.elementSpans(segment);
  const element = spans[f.position];
  if (!element) {
    const end = ix.segmentSpan(segment).end;
    return { start: end, end };
  }
  return element;
}
