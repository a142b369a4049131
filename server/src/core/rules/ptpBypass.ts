// Whether the modifiers on a pair of lines let an indicator-1 PTP edit pass. Which modifier does
// what is data (data/modifiers.ts, PtpBypass); this applies it to two lines.

import { ptpBypassOf } from '../data/modifiers';
import type { ServiceLine } from '../model';
import { isEvaluationAndManagement, isLaboratory } from '../procedureCodes';

/** What a line's modifiers can do for a pair, reduced to what the pair test reads. */
export interface ModifierSignature {
  /** A modifier that bypasses on either line (59, XE/XS/XP/XU, 27, 58, 78, 79). */
  readonly anyLine: boolean;
  /** 24, 25 or 57: bypasses when one code of the pair is an E/M code. */
  readonly withEm: boolean;
  /** 91 on a laboratory code. */
  readonly laboratory: boolean;
  /** The line's anatomic modifiers, sorted and joined ('' when none). */
  readonly sites: string;
  /** All of the above as one string, for grouping lines that any pair test treats alike. */
  readonly key: string;
}

const NONE: ModifierSignature = Object.freeze({ anyLine: false, withEm: false, laboratory: false, sites: '', key: '' });

export function signatureOf(line: ServiceLine): ModifierSignature {
  if (line.modifiers.length === 0) return NONE;
  let anyLine = false;
  let withEm = false;
  let laboratory = false;
  let sites: string[] | null = null;
  for (const modifier of line.modifiers) {
    const value = modifier.value.trim().toUpperCase();
    switch (ptpBypassOf(value)) {
      case 'either-line': anyLine = true; break;
      case 'with-em': withEm = true; break;
      case 'laboratory': if (isLaboratory(line.code)) laboratory = true; break;
      case 'different-sites': (sites ??= []).push(value); break;
      case 'never': break;
    }
  }
  if (!anyLine && !withEm && !laboratory && sites === null) return NONE;
  const siteText = sites === null ? '' : [...new Set(sites)].sort().join(',');
  return { anyLine, withEm, laboratory, sites: siteText, key: `${anyLine ? 1 : 0}${withEm ? 1 : 0}${laboratory ? 1 : 0}${siteText}` };
}

/** Whether an indicator-1 edit between these two lines is satisfied by their modifiers. */
export function pairBypassed(codeA: string, a: ModifierSignature, codeB: string, b: ModifierSignature): boolean {
  if (a === NONE && b === NONE) return false;
  if (a.anyLine || b.anyLine || a.laboratory || b.laboratory) return true;
  if ((a.withEm || b.withEm) && (isEvaluationAndManagement(codeA) || isEvaluationAndManagement(codeB))) return true;
  // Anatomic: both lines name sites, and not the same ones.
  return a.sites !== '' && b.sites !== '' && a.sites !== b.sites;
}
