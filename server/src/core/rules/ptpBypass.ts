// Whether the modifiers on a pair of lines let an indicator-1 PTP edit pass. Which modifier does
// what is data (data/modifiers.ts, PtpBypass); this applies it to two lines.

import { listWithAnd } from '../wordLists';
import { NEVER_BYPASS, ptpBypassOf, sideOfSite, sitesOverlap } from '../data/modifiers';
import { EM_CODES_SHOWN } from '../data/evaluationManagement';
import type { ServiceLine } from '../model';
import { isEvaluationAndManagement, isLaboratory } from '../procedureCodes';

/** What a line's modifiers can do for a pair, reduced to what the pair test reads. */
export interface ModifierSignature {
  /** A modifier that bypasses on either line (58, 78 and 79 on a code that is not E/M; 27 on a hospital's E/M code). */
  readonly anyLine: boolean;
  /**
   * 59 or XE/XS/XP/XU on a code that is not E/M: it bypasses a pair, except against an E/M code in
   * column 2 (the visit bundled into the procedure), which takes 25 on the E/M line instead.
   */
  readonly distinct: boolean;
  /**
   * `distinct` by 59, XE, XS or XU, not XP alone: XP says another practitioner performed the
   * service, which is not so of two lines of one practitioner (pairBypassed).
   */
  readonly distinctBesidesXp: boolean;
  /** 24, 25 or 57 on an E/M code (data/evaluationManagement.ts): only there do they count. */
  readonly withEm: boolean;
  /** 91 on a laboratory code. */
  readonly laboratory: boolean;
  /**
   * 27 on an E/M code, whose claim's table is not known yet: it counts only on an outpatient
   * hospital claim (signatureForTable turns it into anyLine there, a misplaced 27 elsewhere).
   */
  readonly hospitalEm: boolean;
  /** The line's anatomic modifiers, sorted, without repeats ([] when none). */
  readonly sites: readonly string[];
  /**
   * Modifiers that bypass only on another kind of code, written on this one (25 on a procedure,
   * 91 on a code that is no laboratory test, 59 on an E/M code): they do nothing for a pair, and a finding says why.
   */
  readonly misplaced: readonly string[];
  /** The line's four modifier positions are taken: a finding's advice to add one says so. */
  readonly full: boolean;
  /** A CSV row's modifier cells (fewer than four columns) all hold one: no modifier can be added either. */
  readonly cellsFull: boolean;
  /** All of the above as one string, for grouping lines that any pair test (and a finding's words) treats alike. */
  readonly key: string;
  /**
   * The line's modifiers as written (trimmed, in capitals, sorted, each once, joined by '-'; '' when
   * none): what tells two lines of one code apart to a payer (26 from TC, 76 from none), which the
   * repeated-line check reads (repeatedLines.ts). Not in `key`: PTP pairs read only what is above.
   */
  readonly written: string;
  /** `key` and `written` as one string: what tells two signatures apart for holding each once (a table's interned signatures). */
  readonly identity: string;
}

const EMPTY: readonly string[] = Object.freeze([]);
const NONE: ModifierSignature = Object.freeze({ anyLine: false, distinct: false, distinctBesidesXp: false, withEm: false, laboratory: false, hospitalEm: false, sites: EMPTY, misplaced: EMPTY, full: false, cellsFull: false, key: '', written: '', identity: '' });

/**
 * Signatures made so far, by the kind of code (E/M, laboratory, other: all a signature reads of
 * it) and the modifiers as given: a line's signature is made for every line a run keeps, and a
 * file repeats a few dozen modifier sets. Bounded: past it, each is made anew.
 */
const MADE = new Map<string, ModifierSignature>();
const MADE_LIMIT = 4096;

/** A claim line's modifier positions (SV101-3 to SV101-6). */
const MODIFIER_POSITIONS = 4;

export function signatureOf(line: ServiceLine): ModifierSignature {
  const modifiers = line.modifiers;
  if (modifiers.length === 0) return NONE;
  return signatureOfValues(line.code, modifiers.map((modifier) => modifier.value), line.modifierCellsFull === true);
}

/**
 * signatureOf a line of code `code` whose modifiers are `values` (a row of a document's columns:
 * x12/lineColumns.ts); `cellsFull`: a CSV row whose modifier cells all hold one.
 */
export function signatureOfValues(code: string, values: readonly string[], cellsFull = false): ModifierSignature {
  if (values.length === 0) return NONE;
  const em = isEvaluationAndManagement(code);
  const lab = !em && isLaboratory(code);
  const kind = (em ? 'E' : lab ? 'L' : 'P') + (cellsFull ? 'C' : '');
  const made = kind + (values.length === 1 ? values[0]! : values.join('\u0001'));
  let signature = MADE.get(made);
  if (signature === undefined) {
    signature = signatureOfKind(em, lab, values, cellsFull);
    if (MADE.size < MADE_LIMIT) MADE.set(made, signature);
  }
  return signature;
}

/** signatureOfValues of modifiers `values` on a code that is an E/M code (`em`), a laboratory code (`laboratory`), or neither. */
function signatureOfKind(em: boolean, lab: boolean, values: readonly string[], noFreeCell: boolean): ModifierSignature {
  let anyLine = false;
  let distinct = false;
  let distinctBesidesXp = false;
  let withEm = false;
  let laboratory = false;
  let hospitalEm = false;
  let sites: string[] | null = null;
  let misplaced: string[] | null = null;
  const modifiers: string[] = [];
  for (const written of values) {
    const value = written.trim().toUpperCase();
    if (value !== '') modifiers.push(value);
    switch (ptpBypassOf(value)) {
      case 'surgical-line': if (em) (misplaced ??= []).push(value); else anyLine = true; break;
      case 'procedure-line':
        if (em) (misplaced ??= []).push(value);
        else {
          distinct = true;
          if (value !== 'XP') distinctBesidesXp = true;
        }
        break;
      case 'with-em': if (em) withEm = true; else (misplaced ??= []).push(value); break;
      case 'hospital-em': if (em) hospitalEm = true; else (misplaced ??= []).push(value); break;
      case 'laboratory': if (lab) laboratory = true; else (misplaced ??= []).push(value); break;
      // A site names where a procedure was done: on an E/M code it says nothing (a coder's review: 20610-RT beside 99213-LT passed).
      case 'different-sites': if (em) (misplaced ??= []).push(value); else (sites ??= []).push(value); break;
      case 'never': break;
    }
  }
  const full = values.length >= MODIFIER_POSITIONS;
  const cellsFull = noFreeCell && !full;
  // The modifiers as written: each once, sorted (ModifierSignature.written).
  const written = [...new Set(modifiers)].sort().join('-');
  if (!anyLine && !distinct && !withEm && !laboratory && !hospitalEm && sites === null && misplaced === null && !full && !cellsFull) return written === '' ? NONE : { ...NONE, written, identity: `\u0001${written}` };
  const siteList = sites === null ? EMPTY : [...new Set(sites)].sort();
  const misplacedList = misplaced === null ? EMPTY : [...new Set(misplaced)];
  return withKey({ anyLine, distinct, distinctBesidesXp, withEm, laboratory, hospitalEm, sites: siteList, misplaced: misplacedList, full, cellsFull, written });
}

/** A signature with its key and identity made from its other fields. */
function withKey(s: Omit<ModifierSignature, 'key' | 'identity'>): ModifierSignature {
  const flags = `${s.anyLine ? 1 : 0}${s.distinct ? 1 : 0}${s.distinctBesidesXp ? 1 : 0}${s.withEm ? 1 : 0}${s.laboratory ? 1 : 0}${s.full ? 1 : 0}${s.hospitalEm ? 1 : 0}${s.cellsFull ? 1 : 0}`;
  const key = `${flags}${s.sites.join(',')}|${s.misplaced.join(',')}`;
  return { ...s, key, identity: s.written === '' ? key : `${key}\u0001${s.written}` };
}

/** signatureForTable's answers, by the signature's identity and the table. */
const FOR_TABLE = new Map<string, ModifierSignature>();

/**
 * A line's signature as the table its claim is judged by reads it (`hospital`: the outpatient
 * hospital table): 27 on an E/M code lets a pair pass on a hospital's claim, and is misplaced on
 * a practitioner's. Any other signature is its own.
 */
export function signatureForTable(signature: ModifierSignature, hospital: boolean): ModifierSignature {
  if (!signature.hospitalEm) return signature;
  const made = (hospital ? 'H' : 'P') + signature.identity;
  let adjusted = FOR_TABLE.get(made);
  if (adjusted === undefined) {
    adjusted = hospital
      ? withKey({ ...signature, anyLine: true, hospitalEm: false })
      : withKey({ ...signature, hospitalEm: false, misplaced: [...signature.misplaced, '27'] });
    if (FOR_TABLE.size < MADE_LIMIT) FOR_TABLE.set(made, adjusted);
  }
  return adjusted;
}

/**
 * Whether an indicator-1 edit between these two lines is satisfied by their modifiers: `one` is
 * the column-1 line, `two` the column-2 line, of code `codeTwo`. `onePractitioner`: both lines
 * are one practitioner's (ptpPairs.ts), so XP (a separate practitioner) does not count.
 */
export function pairBypassed(one: ModifierSignature, two: ModifierSignature, codeTwo: string, onePractitioner = false): boolean {
  if (one === NONE && two === NONE) return false;
  // 91 and 24, 25, 57 were kept only where they count (on a laboratory code, on an E/M code).
  if (one.anyLine || two.anyLine || one.laboratory || two.laboratory || one.withEm || two.withEm) return true;
  // 59 or an X modifier (kept only on a code that is not E/M): on the column-2 line, or on the
  // column-1 procedure when column 2 is not a visit. A visit bundled into a procedure is reported
  // with 25 on the E/M line; 59 on the procedure does not say the visit was separate.
  const oneDistinct = onePractitioner ? one.distinctBesidesXp : one.distinct;
  if ((onePractitioner ? two.distinctBesidesXp : two.distinct) || (oneDistinct && !isEvaluationAndManagement(codeTwo))) return true;
  // Anatomic: both lines name sites, and no site is on both (a side and a digit on it are one).
  return one.sites.length > 0 && two.sites.length > 0 && !one.sites.some((site) => two.sites.some((other) => sitesOverlap(site, other)));
}

/**
 * Where the two lines (of codes `codeOne` and `codeTwo`) name one site, as a note says it: `both
 * lines name RT`, or `the 11055 line names RT and the 17110 line T5, on the right side`.
 */
function sharedSites(one: readonly string[], two: readonly string[], codeOne: string, codeTwo: string): string[] {
  const same: string[] = [];
  const sides: string[] = [];
  for (const site of one) {
    for (const other of two) {
      if (site === other) same.push(site);
      else if (sitesOverlap(site, other)) {
        const side = sideOfSite(site) ?? sideOfSite(other);
        sides.push(`the ${codeTwo} line names ${other} and the ${codeOne} line ${site}, on the ${side === 'LT' ? 'left' : 'right'} side`);
      }
    }
  }
  return [...(same.length > 0 ? [`both lines name ${listWithAnd([...new Set(same)])}`] : []), ...new Set(sides)];
}

/**
 * Why the modifiers written on a pair of lines that needs one (indicator 1, not bypassed) do not
 * let it pass, as a sentence for the finding; '' when neither line has a modifier that could have.
 * `one` and `two` are the column-1 and column-2 lines, of codes `codeOne` and `codeTwo`;
 * `practitioner`: how both are one practitioner's, in words (pairBypassed; '' when they are not).
 */
export function modifierNote(one: ModifierSignature, two: ModifierSignature, codeOne: string, codeTwo: string, practitioner = ''): string {
  if (one === NONE && two === NONE) return '';
  const notes: string[] = [];
  if (practitioner !== '') {
    // XP where it would count (distinct: not on an E/M code), and nothing else distinct beside it.
    const xpOn: string[] = [];
    if (two.distinct && !two.distinctBesidesXp) xpOn.push(codeTwo);
    if (one.distinct && !one.distinctBesidesXp && !isEvaluationAndManagement(codeTwo)) xpOn.push(codeOne);
    // On the column-2 line, where the advice puts a modifier: one of the others goes in its place.
    const instead = xpOn[0] === codeTwo ? ` (put one of the modifiers above in its place, if one is true)` : '';
    if (xpOn.length > 0) notes.push(`XP on the ${listWithAnd(xpOn)} line${xpOn.length > 1 ? 's' : ''} says another practitioner performed the service, but ${practitioner}${instead}`);
  }
  for (const [signature, code] of [[two, codeTwo], [one, codeOne]] as const) {
    for (const modifier of signature.misplaced) {
      notes.push(misplacedNote(modifier, code));
    }
  }
  if (one.distinct && !two.withEm && isEvaluationAndManagement(codeTwo)) {
    notes.push(`59 or an X modifier on the ${codeOne} line does not count against the E/M code ${codeTwo} (CMS's coding policy: a visit on the day of a procedure takes 25, or 57 for the decision for surgery, on the E/M line, not 59; a claim system may still let the pair pass on the 59, a review would not)`);
  }
  // 22, 76 and 77 describe the service (more work, a repeat), not a distinct one: they never let a pair pass.
  for (const [signature, code] of [[two, codeTwo], [one, codeOne]] as const) {
    const never = NEVER_BYPASS.filter((modifier) => signature.written.split('-').includes(modifier));
    if (never.length > 0) notes.push(`${listWithAnd(never)} on the ${code} line ${never.length === 1 ? 'does' : 'do'} not let a PTP pair pass (22, 76 and 77 say more work or a repeat of the service, not a distinct one)`);
  }
  const shared = sharedSites(one.sites, two.sites, codeOne, codeTwo);
  if (shared.length > 0) notes.push(`${shared.join('; ')}, and an anatomic modifier lets the pair pass only when the lines name different sites`);
  else if (one.sites.length > 0 !== two.sites.length > 0) {
    const [sites, code] = one.sites.length > 0 ? [one.sites, codeOne] : [two.sites, codeTwo];
    notes.push(`only the ${code} line names a site (${listWithAnd(sites)}): an anatomic modifier lets the pair pass when each line names a different one`);
  }
  const why = notes.length === 0 ? '' : ` The modifiers already written do not let the pair pass: ${notes.join('; ')}.`;
  // The advice is to add a modifier to the column-2 line: say when it has no position left for one.
  if (two.full) return `${why} The ${codeTwo} line's four modifier positions are all taken: a modifier can go there only in place of one of them.`;
  return two.cellsFull ? `${why} The ${codeTwo} row's modifier cells are all filled: a modifier can go there only in place of one of them (or in a modifier column the export does not have).` : why;
}


/** Why a modifier written on a line of `code` does nothing for its pairs (ModifierSignature.misplaced). */
function misplacedNote(modifier: string, code: string): string {
  switch (ptpBypassOf(modifier)) {
    case 'with-em': return `${modifier} on the ${code} line counts only on an E/M code (${EM_CODES_SHOWN})`;
    case 'procedure-line': return `${modifier} on the ${code} line does not count on an E/M code (CMS says not to use 59 or an X modifier on an E/M service; a visit on the day of a procedure takes 25)`;
    case 'surgical-line': return `${modifier} on the ${code} line does not count on an E/M code (58, 78 and 79 are for procedures in a postoperative period; a visit there takes 24, or 25 on the day of a procedure)`;
    case 'hospital-em': return `${modifier} on the ${code} line counts only on an E/M code of a hospital's outpatient services, judged by the hospital table (several E/M encounters at the hospital on one day; a practitioner's service does not use it)`;
    case 'different-sites': return `${modifier} on the ${code} line does not count on an E/M code (an anatomic modifier names the site of a procedure; a visit on the day of a procedure takes 25)`;
    default: return `${modifier} on the ${code} line counts only on a laboratory code`;
  }
}
