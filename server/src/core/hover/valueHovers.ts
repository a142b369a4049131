// The hover of a value that means the same wherever it is written: a modifier (its meaning, and
// whether it bypasses a PTP edit) and a date of service (the day, or the days of a range).
import { daysInRange, formatDateLong } from '../dates';
import type { DateRange } from '../model';
import { modifierInfo, PTP_BYPASS_REASONS } from '../data/modifiers';

export function modifierHover(modifier: string): string {
  const info = modifierInfo(modifier);
  if (!info) {
    // A modifier is two letters or digits; anything else may be claim contents shifted into the
    // modifier's place (a name, a member id, a birth date): described, as codeHover describes a code.
    if (/^[A-Za-z0-9]{2}$/.test(modifier)) return `**Modifier ${modifier}** — not in Claimlint's modifier table.`;
    return /\d{6}/.test(modifier)
      ? '**A value with 6 or more digits in a row** where a modifier goes (not shown: it may be an id).'
      : '**A value that is not a modifier** (two letters or digits) where a modifier goes (not shown: it may be claim contents).';
  }
  const bypass = info.bypassesPtp
    ? `NCCI-associated. ${PTP_BYPASS_REASONS[info.ptpBypass]} No modifier lets an indicator-0 edit pass.`
    : PTP_BYPASS_REASONS.never;
  return `**Modifier ${info.code}** — ${info.meaning}\n\n${bypass}`;
}

export function dateHover(range: DateRange): string {
  if (range.from === range.to) return `**${formatDateLong(range.from)}**`;
  return `**${formatDateLong(range.from)}** to **${formatDateLong(range.to)}** (${daysInRange(range)} days)`;
}
