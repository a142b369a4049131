// Whether the modifiers on a pair of lines let an indicator-1 PTP edit pass. Which modifier does
// what is data (data/modifiers.ts, PtpBypass); this applies it to two lines.

import { ptpBypassOf } from '../data/modifiers';
import type { ServiceLine } from '../model';
import { isEvaluationAndManagement, isLaboratory } from '../procedureCodes';

/** What a line's modifiers can do for a pair, reduced to what the pair test reads. */
export interface ModifierSignature {
  /** A modifier that bypasses on either line (59, XE/XS/XP/XU, 27, 58, 78, 79). */
  readonly anyLine: boolean;
  /** 24, 25 or 57 on an E/M code (99202-99499): only there do they count. */
  readonly withEm: boolean;
  /** 91 on a laboratory code. */
  readonly laboratory: boolean;
  /** The line's anatomic modifiers, sorted, without repeats ([] when none). */
  readonly sites: readonly string[];
  /** All of the above as one string, for grouping lines that any pair test treats alike. */
  readonly key: string;
}

const NONE: ModifierSignature = Object.freeze({ anyLine: false, withEm: false, laboratory: false, sites: Object.freeze([]) as readonly string[], key: '' });

export function signatureOf(line: ServiceLine): ModifierSignature {
  const modifiers = line.modifiers;
  if (modifiers.length === 0) return NONE;
  return signatureOfValues(line.code, modifiers.map((modifier) => modifier.value));
}

/** signatureOf a line of code `code` whose modifiers are `values` (a row of a document's columns: x12/lineColumns.ts). */
export function signatureOfValues(code: string, values: readonly string[]): ModifierSignature {
  if (values.length === 0) return NONE;
  let anyLine = false;
  let withEm = false;
  let laboratory = false;
  let sites: string[] | null = null;
  for (const written of values) {
    const value = written.trim().toUpperCase();
    switch (ptpBypassOf(value)) {
      case 'either-line': anyLine = true; break;
      case 'with-em': if (isEvaluationAndManagement(code)) withEm = true; break;
      case 'laboratory': if (isLaboratory(code)) laboratory = true; break;
      case 'different-sites': (sites ??= []).push(value); break;
      case 'never': break;
    }
  }
  if (!anyLine && !withEm && !laboratory && sites === null) return NONE;
  const siteList = sites === null ? [] : [...new Set(sites)].sort();
  return { anyLine, withEm, laboratory, sites: siteList, key: `${anyLine ? 1 : 0}${withEm ? 1 : 0}${laboratory ? 1 : 0}${siteList.join(',')}` };
}

/** Whether an indicator-1 edit between these two lines is satisfied by their modifiers. */
export function pairBypassed(a: ModifierSignature, b: ModifierSignature): boolean {
  if (a === NONE && b === NONE) return false;
  // 91 and 24, 25, 57 were kept only where they count (on a laboratory code, on an E/M code).
  if (a.anyLine || b.anyLine || a.laboratory || b.laboratory || a.withEm || b.withEm) return true;
  // Anatomic: both lines name sites, and no site is on both.
  return a.sites.length > 0 && b.sites.length > 0 && !a.sites.some((site) => b.sites.includes(site));
}
