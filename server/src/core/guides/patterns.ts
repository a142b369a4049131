// The patterns the guide maps hold values to (an SSN of nine digits...), as literals, and what
// each asks for in words. Apart from load.ts because the regex-linearity test reads every regex
// literal of the sources: these are the only ones the guides' data brings.

/**
 * Every pattern the guide maps use, as a literal (the regex-linearity test reads every literal of
 * the sources; one built from data could not be checked). A unit test holds the schema to this list.
 */
export const GUIDE_PATTERNS: Readonly<Record<string, RegExp>> = {
  // Held to the whole value (pyx12 searches, so a ten-digit or 627010000X ZIP code passes there).
  '[0-9]{9}': /^(?:[0-9]{9})$/s,
  // A provider taxonomy code (PRV03; added by the generator: scripts/guides/generate.mjs ADDED_PATTERNS).
  '[0-9]{3}[0-9A-Z]{6}X': /^(?:[0-9]{3}[0-9A-Z]{6}X)$/s,
};

/** What each of GUIDE_PATTERNS asks for, in words a message can give a biller (same keys). */
export const GUIDE_PATTERN_WORDS: Readonly<Record<string, string>> = {
  '[0-9]{9}': 'nine digits',
  '[0-9]{3}[0-9A-Z]{6}X': 'a provider taxonomy code, ten characters: three digits, six capitals or digits, then X (207Q00000X)',
};

/** A pattern of GUIDE_PATTERNS in words; the pattern itself for one without words. */
export function patternInWords(regex: RegExp): string {
  for (const [key, literal] of Object.entries(GUIDE_PATTERNS)) if (literal === regex) return GUIDE_PATTERN_WORDS[key] ?? `the pattern ${key}`;
  return `the pattern ${regex.source}`;
}
