// The order a folder's tables are loaded in. CMS publishes a table per quarter, named by the
// quarter or the date it takes effect (MCR_MUE_PractitionerServices_Eff_01-01-2027.csv,
// medicare-ncci-2026q3-practitioner-ptp-edits-...zip). A code found in two tables takes the row
// loaded last (the MUE rows carry no dates), so the tables are loaded oldest first, by the date
// their name gives; names without one come first, in name order (as before).

/** The effective date a table's name gives (CCYYMMDD), or 0 when it gives none. */
export function effectiveDateInName(name: string): number {
  // MM-DD-YYYY or MM_DD_YYYY (the MUE files: Eff_07-01-2026).
  const us = /(?:^|[^0-9])(0[1-9]|1[0-2])[-_](0[1-9]|[12][0-9]|3[01])[-_]((?:19|20)[0-9]{2})(?![0-9])/.exec(name);
  if (us) return Number(us[3]) * 10000 + Number(us[1]) * 100 + Number(us[2]);
  // YYYY-MM-DD.
  const iso = /(?:^|[^0-9])((?:19|20)[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(?![0-9])/.exec(name);
  if (iso) return Number(iso[1]) * 10000 + Number(iso[2]) * 100 + Number(iso[3]);
  // A quarter: 2026q3, 2026-Q3 (its first day).
  const quarter = /(?:^|[^0-9])((?:19|20)[0-9]{2})[-_ ]?[qQ]([1-4])(?![0-9])/.exec(name);
  if (quarter) return Number(quarter[1]) * 10000 + ((Number(quarter[2]) - 1) * 3 + 1) * 100 + 1;
  return 0;
}

/** Compares two table names: by the effective date their names give (none first), then by name. */
export function byEffectiveDate(a: string, b: string): number {
  const difference = effectiveDateInName(a) - effectiveDateInName(b);
  if (difference !== 0) return difference;
  return a < b ? -1 : a > b ? 1 : 0;
}
