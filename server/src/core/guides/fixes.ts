// Quick fixes for implementation-guide and envelope findings whose answer is certain:
//
//   guide.hl-sequence, guide.hl-parent
//       HL01 renumbered 1, 2, 3... in the transaction set and every HL02 to its parent's new
//       number, when the levels as written still form one tree (HL01s distinct whole numbers,
//       each HL02 naming a level open above it): a level removed or moved, the numbers not redone.
//   x12.se01-count, x12.ge01-count, x12.iea01-count
//       SE01, GE01 or IEA01 set to what was counted (segments, transaction sets, groups).
//   x12.isa-width; guide.element-length / -missing / -type / -trailing-spaces on an ISA element;
//   the same on IEA02, and x12.iea02-control
//       The ISA rewritten 106 characters wide with the same delimiters and values: AN fields
//       padded with spaces on the right, ISA13 with zeros on the left, ISA09/ISA10 with one zero
//       on the left when that gives a valid date/time; a field too long only when the excess is
//       blanks (ISA13: blanks or leading zeros). IEA02 follows ISA13 when it is the same number.
//       When any field cannot be fitted, or the delimiters would change, there is no fix.
//   guide.segment-leading-blanks
//       The blanks before every segment that starts with them removed.
//   guide.element-length on an 837I's CLM05-1 holding a whole type of bill (131, 0131)
//       CLM05-1 written as the facility type code (13) when CLM05-3 is the bill's frequency digit.
//   x12.revenue-code-invalid, x12.tooth-invalid, x12.ndc-invalid
//       A value that lost or gained a leading zero written as the code it is: a revenue code of
//       three digits (450) with its zero (0450), a tooth (08) without it (8), when that is a tooth;
//       a hyphenated NDC (0002-1433-80) as its 11 digits (00002143380).
//
// Each fix leaves a file whose re-analysis has no finding of its kind there and no new one.
// Fix-all takes them too (fixAllWithGuides): they need no judgement, as the coding fixes fix-all
// takes. Where a coding fix edits a transaction set (its SE01, HL numbers, lines), the guide
// fixes of that set wait for the next fix-all, since both were computed from the text as it is;
// so do the counts and the ISA when an envelope segment (ST, SE, GS...) starts with blanks, since
// the reader sees that segment only once they are removed.
//
// Pure: no editor types. Edits are core TextEdits (edits.ts), as the coding fixes make them.
import { capitalized } from '../text';
import type { TextEdit } from '../edits';
import type { Fix } from '../fixes';
import { fixAllPlanned, type LeftForAPerson } from '../fixesAll';
import type { Finding, ParsedDocumentWithIndex } from '../model';
import { COUNT_RULES, envelopeAt, recount, trimTitle } from './fixPlans';
import { answers, fitIsaField, interchangeTitle } from './isaFix';
import { transactionAt } from './placement';
import { AcceptedEdits } from './acceptedEdits';
import { Planner } from './fixPlanner';
import { emptySegmentsTitle } from './emptySegmentFix';
import { REVENUE_CODE_RULE } from '../x12/revenueCode';
import { TOOTH_INVALID_RULE, toothWithoutLeadingZeros } from '../x12/tooth837';
import { NDC_INVALID_RULE, ndcElevenDigits } from '../x12/drugIdentification';
import { EMPTY_SEGMENT_RULE } from '../x12/emptySegments';
import { billTypeFix } from './billTypeFix';

export { fitIsaField };

const HL_RULES: ReadonlySet<string> = new Set(['guide.hl-sequence', 'guide.hl-parent']);
/** Guide findings on an ISA element (or IEA02) that the ISA rewrite can answer. */
const ISA_ELEMENT_RULES: ReadonlySet<string> = new Set(['guide.element-length', 'guide.element-missing', 'guide.element-type', 'guide.element-trailing-spaces']);
const LEADING_BLANKS = 'guide.segment-leading-blanks';
/** Reader findings about a value whose certain answer is the value with a leading zero added or taken away (valueFix). */
const VALUE_RULES: ReadonlySet<string> = new Set([REVENUE_CODE_RULE, TOOTH_INVALID_RULE, NDC_INVALID_RULE]);

// ---- which findings have a fix

/**
 * Whether a finding is of a kind this module may fix (cheap: no fix is computed). With the text, a
 * value finding is one only when its value has the certain answer (valueFix).
 */
export function hasGuideFix(doc: ParsedDocumentWithIndex, finding: Finding, text?: string): boolean {
  const rule = finding.rule;
  if (VALUE_RULES.has(rule)) return text === undefined || valueFix(rule, text.slice(finding.span.start, finding.span.end)) !== null;
  if (text !== undefined && billTypeFix(doc, text, finding) !== null) return true;
  if (HL_RULES.has(rule) || rule in COUNT_RULES || rule === 'x12.isa-width' || rule === 'x12.iea02-control' || rule === LEADING_BLANKS || rule === EMPTY_SEGMENT_RULE) return true;
  if (!ISA_ELEMENT_RULES.has(rule) || !doc.x12) return false;
  const s = doc.x12.segmentAt(finding.span.start);
  if (s < 0) return false;
  const id = doc.x12.segmentId(s);
  return id === 'ISA' || id === 'IEA';
}

// ---- quick fixes

interface Planned {
  /** Identifies the fix: findings with the same key share one fix. */
  key: string;
  kind: 'hl' | 'count' | 'isa' | 'trim' | 'value' | 'ndc' | 'billType' | 'empty';
  title: string;
  /** What fix-all's title says of it: the element recounted. */
  name: string;
  edits: TextEdit[];
  /** Transaction-set scope of the edits (HL, SE01), for fix-all to defer. */
  envelope: boolean;
}

function plan(planner: Planner, finding: Finding): Planned | null {
  const { text, doc } = planner;
  const ix = doc.x12;
  if (!ix || doc.format !== 'x12') return null;
  const rule = finding.rule;
  if (HL_RULES.has(rule)) {
    const s = ix.segmentAt(finding.span.start);
    if (s < 0) return null;
    const hl = planner.hlPlan(s);
    if (!hl) return null;
    return { key: `hl:${hl.from}`, kind: 'hl', title: 'Renumber HL01 in order and HL02 to match', name: 'HL', edits: hl.edits, envelope: false };
  }
  const count = COUNT_RULES[rule];
  // SE01 of a set with empty segments: removing them sets it (a recount as read now counts them).
  if (rule === 'x12.se01-count') {
    const empty = planner.emptyPlan();
    const set = transactionAt(doc, finding.span.start);
    if (empty !== null && set !== null && empty.sets.has(set.index)) return emptyPlanned(planner);
  }
  if (count) {
    const found = recount(text, doc, finding);
    if (!found) return null;
    return {
      key: `count:${found.span.start}`,
      kind: 'count',
      title: `Set ${count.element} to ${found.count} (the ${count.unit})`,
      name: count.element,
      edits: [{ span: found.span, newText: String(found.count) }],
      envelope: true,
    };
  }
  if (VALUE_RULES.has(rule)) {
    const fix = valueFix(rule, text.slice(finding.span.start, finding.span.end));
    if (!fix) return null;
    return { key: `value:${finding.span.start}`, kind: rule === NDC_INVALID_RULE ? 'ndc' : 'value', title: fix.title, name: 'value', edits: [{ span: finding.span, newText: fix.value }], envelope: false };
  }
  const bill = billTypeFix(doc, text, finding);
  if (bill !== null) return { key: `value:${bill.span.start}`, kind: 'billType', title: bill.title, name: 'CLM05-1', edits: [{ span: bill.span, newText: bill.value }], envelope: false };
  if (rule === LEADING_BLANKS) {
    const trim = planner.trimPlan();
    if (!trim) return null;
    return { key: 'trim', kind: 'trim', title: trimTitle(trim), name: 'blanks', edits: trim.edits, envelope: false };
  }
  if (rule === EMPTY_SEGMENT_RULE) return emptyPlanned(planner);
  if (rule === 'x12.isa-width' || rule === 'x12.iea02-control' || ISA_ELEMENT_RULES.has(rule)) {
    const interchange = envelopeAt(doc.interchanges, finding.span.start);
    if (!interchange) return null;
    const fix = planner.isaPlan(interchange);
    if (!fix || !answers(doc, fix, finding)) return null;
    return { key: `isa:${interchange.index}`, kind: 'isa', title: interchangeTitle(fix), name: 'ISA', edits: fix.edits, envelope: true };
  }
  return null;
}

/** The removal of every empty segment (with the SE01s it sets), or null when there is none. */
function emptyPlanned(planner: Planner): Planned | null {
  const empty = planner.emptyPlan();
  if (!empty) return null;
  return { key: 'empty', kind: 'empty', title: emptySegmentsTitle(empty), name: 'empty', edits: empty.edits, envelope: false };
}

/** The quick fixes for one finding (empty when it has none). */
export function guideFixesFor(text: string, doc: ParsedDocumentWithIndex, finding: Finding): Fix[] {
  return guideQuickFixes(text, doc, [finding]);
}

/**
 * The quick fixes for several findings (those of a requested range): findings that one fix
 * answers (the HL findings of one transaction set, the ISA findings of one interchange) share it.
 */
export function guideQuickFixes(text: string, doc: ParsedDocumentWithIndex, findings: readonly Finding[]): Fix[] {
  const planner = new Planner(text, doc);
  const fixes = new Map<string, Fix>();
  for (const finding of findings) {
    const planned = plan(planner, finding);
    if (!planned) continue;
    const known = fixes.get(planned.key);
    if (known) known.findings.push(finding);
    else fixes.set(planned.key, { title: planned.title, kind: 'quickfix', edits: planned.edits, isPreferred: true, findings: [finding] });
  }
  return [...fixes.values()];
}

// ---- fix-all

interface GuidePart {
  planned: Planned;
  findings: Finding[];
}

function partsOf(text: string, doc: ParsedDocumentWithIndex, findings: readonly Finding[]): GuidePart[] {
  const planner = new Planner(text, doc);
  const parts = new Map<string, GuidePart>();
  for (const finding of findings) {
    if (!hasGuideFix(doc, finding, text)) continue;
    const planned = plan(planner, finding);
    if (!planned) continue;
    const known = parts.get(planned.key);
    if (known) known.findings.push(finding);
    else parts.set(planned.key, { planned, findings: [finding] });
  }
  const list = [...parts.values()];
  // A segment of the envelope that starts with blanks is read only once trimmed: the counts and
  // the ISA as read now could be wrong then. They wait for the next fix-all.
  if (list.some((p) => p.planned.kind === 'trim') && planner.trimPlan()?.envelope) return list.filter((p) => !p.planned.envelope);
  return list;
}

const byStart = (a: TextEdit, b: TextEdit) => a.span.start - b.span.start || a.span.end - b.span.end;

function titleOf(parts: readonly GuidePart[]): string {
  const hl = parts.filter((p) => p.planned.kind === 'hl').length;
  const counts = parts.filter((p) => p.planned.kind === 'count').map((p) => p.planned.name);
  const isa = parts.filter((p) => p.planned.kind === 'isa').length;
  const trim = parts.find((p) => p.planned.kind === 'trim');
  const out: string[] = [];
  if (hl > 0) out.push(`renumber HL01/HL02 in ${hl === 1 ? '1 transaction set' : `${hl} transaction sets`}`);
  if (counts.length > 0) out.push(`recount ${[...new Set(counts)].join(', ')}`);
  if (isa > 0) out.push(`pad the ISA fields${isa > 1 ? ` of ${isa} interchanges` : ''}`);
  if (trim) out.push(`remove the blanks before ${trim.planned.edits.length === 1 ? '1 segment' : `${trim.planned.edits.length} segments`}`);
  const values = parts.filter((p) => p.planned.kind === 'value').length;
  if (values > 0) out.push(`write ${values === 1 ? '1 code' : `${values} codes`} with ${values === 1 ? 'its' : 'their'} leading zeros right`);
  const ndcs = parts.filter((p) => p.planned.kind === 'ndc').length;
  if (ndcs > 0) out.push(`write ${ndcs === 1 ? '1 NDC' : `${ndcs} NDCs`} as 11 digits`);
  // A whole type of bill in CLM05-1 cut to its facility type code (billTypeFix.ts): no zero is involved.
  const bills = parts.filter((p) => p.planned.kind === 'billType').length;
  if (bills > 0) out.push(`write ${bills === 1 ? "1 claim's CLM05-1" : `${bills} claims' CLM05-1`} as the facility type code`);
  const empty = parts.find((p) => p.planned.kind === 'empty');
  if (empty) out.push(empty.planned.title.replace(/^Remove/, 'remove'));
  return out.length <= 1 ? (out[0] ?? '') : `${out.slice(0, -1).join(', ')} and ${out[out.length - 1]}`;
}

/** The guide fixes of every finding that has one, as one fix (null when none). */
export function guideFixAll(text: string, doc: ParsedDocumentWithIndex, findings: readonly Finding[]): Fix | null {
  return combine(null, text, doc, findings);
}

/**
 * Fix-all with the guide fixes: the coding fix-all (fixes.ts) and every certain guide fix, in
 * one set of non-overlapping edits. A guide fix inside a transaction set the coding fixes edit
 * waits (both read the set as it is now: a removal lowers SE01 by what it removes, a claim's HL
 * loop removal renumbers HLs), and so does one whose edits would overlap another's.
 */
export function fixAllWithGuides(text: string, doc: ParsedDocumentWithIndex, findings: readonly Finding[]): Fix | null {
  return fixAllWithGuidesPlanned(text, doc, findings).fix;
}

/** fixAllWithGuides, and the coding findings it leaves for a person, by why (fixesAll.ts fixAllPlanned). */
export function fixAllWithGuidesPlanned(text: string, doc: ParsedDocumentWithIndex, findings: readonly Finding[]): { fix: Fix | null; left: LeftForAPerson } {
  const coding = fixAllPlanned(text, doc, findings);
  return { fix: combine(coding.fix, text, doc, findings), left: coding.left };
}

function combine(coding: Fix | null, text: string, doc: ParsedDocumentWithIndex, findings: readonly Finding[]): Fix | null {
  const parts = doc.format === 'x12' && doc.x12 ? partsOf(text, doc, findings) : [];
  if (parts.length === 0) return coding;
  // The transaction sets a coding edit starts or ends in (a removal stays inside its set).
  const touched = new Set<number>();
  for (const edit of coding?.edits ?? []) {
    for (const offset of [edit.span.start, Math.max(edit.span.start, edit.span.end - 1)]) {
      const t = transactionAt(doc, offset);
      if (t) touched.add(t.index);
    }
  }
  const kept: GuidePart[] = [];
  // Accepted edits, each list sorted and without overlaps: the coding fix's, then each part's.
  const accepted: TextEdit[][] = coding ? [[...coding.edits].sort(byStart)] : [];
  const partEdits = parts.map((part) => [...part.planned.edits].sort(byStart));
  const taken = new AcceptedEdits([...accepted, ...partEdits]);
  for (const list of accepted) taken.add(list);
  parts.forEach((part, i) => {
    const edits = partEdits[i]!;
    if (edits.some((e) => touched.has(transactionAt(doc, e.span.start)?.index ?? -1))) return;
    if (taken.overlaps(edits)) return;
    kept.push(part);
    accepted.push(edits);
    taken.add(edits);
  });
  if (kept.length === 0) return coding;
  const edits = accepted.flat();
  const guideTitle = titleOf(kept);
  const title = coding ? `${coding.title}; ${guideTitle}` : capitalized(guideTitle);
  return {
    title,
    kind: 'source.fixAll',
    edits: edits.sort(byStart),
    isPreferred: false,
    findings: [...(coding?.findings ?? []), ...kept.flatMap((p) => p.findings)],
    ...(coding?.removes ? { removes: coding.removes } : {}),
  };
}

/** The value a VALUE_RULES finding's value is certainly meant to be, and the fix's title; null when there is no certain answer. */
function valueFix(rule: string, value: string): { value: string; title: string } | null {
  if (rule === REVENUE_CODE_RULE) return /^\d{3}$/.test(value) ? { value: `0${value}`, title: `Write the revenue code as 0${value} (with its leading zero)` } : null;
  if (rule === NDC_INVALID_RULE) {
    // Only a hyphenated NDC tells which part takes the zero.
    const eleven = ndcElevenDigits(value);
    return eleven === null ? null : { value: eleven, title: `Write the NDC as ${eleven} (5-4-2, 11 digits without hyphens)` };
  }
  const unpadded = toothWithoutLeadingZeros(value);
  return unpadded === null ? null : { value: unpadded, title: `Write the tooth as ${unpadded} (without the leading zero)` };
}
