// What each column of a claim CSV is read as, in words, for the hover of its header cell: a user
// whose export names a column in its own way sees whether Claimlint reads it, and as what (found in
// a pipeline developer's review: an unread "Line Charge Amt" column left a units fix with the old
// charge, and nothing showed which columns were read). Data: the words per role.
import type { ColumnLayout } from './columnLayout';
import { roleOfHeader } from './columnLayout';

/** Words for what a column of each layout role is read as. */
const USES: ReadonlyArray<readonly [keyof ColumnLayout, string]> = [
  ['claimId', 'the claim id: rows with one id are one claim'],
  ['patientId', 'the patient (or member) id: lines of one patient are paired across claims'],
  ['patientName', 'the patient\'s name: tells apart patients of one id (never shown)'],
  ['patientBirthDate', 'the patient\'s date of birth: tells apart patients of one id (never shown)'],
  ['dateOfService', 'the date of service (from): lines of one day are paired'],
  ['dateOfServiceTo', 'the date of service (to) of a line over a date range'],
  ['procedureCode', 'the procedure code (CPT or HCPCS) the NCCI edits are looked up by'],
  ['otherProcedureCode', 'the procedure code of the other code set, read where the procedure code cell is empty'],
  ['modifiers', 'the modifiers (several in one cell)'],
  ['units', 'the units, counted against the MUE'],
  ['charge', 'the line\'s charge: a fix that lowers units lowers it in proportion, and totals rows follow'],
  ['lineNumber', 'the service line number (shown in messages)'],
  ['providerId', 'the rendering provider (else billing) NPI: lines of one provider are judged together'],
  ['billingProviderId', 'the billing provider NPI: lines of one billing group by other rendering providers are noted'],
  ['claimType', 'the claim type or type of bill: which NCCI table judges the claim'],
  ['typeOfBill', 'the type of bill: facility type and frequency'],
  ['frequency', 'the claim frequency code (7 replacement, 8 void)'],
  ['revenueCode', 'the revenue code (a critical access hospital\'s professional fees)'],
];

/** What each column of `layout` is read as (null: not read). */
export function columnUses(layout: ColumnLayout): (string | null)[] {
  const uses: (string | null)[] = layout.headers.map(() => null);
  for (const [field, words] of USES) {
    const k = layout[field];
    if (typeof k === 'number' && k >= 0 && k < uses.length) uses[k] = words;
  }
  layout.modifierColumns.forEach((k, i) => {
    if (k >= 0 && k < uses.length) uses[k] = `modifier ${i + 1}`;
  });
  return uses;
}

/** The hover of header cell `k`: what the column is read as, or why it is not read. */
export function headerHover(headers: readonly string[], uses: readonly (string | null)[], k: number): string {
  const header = headers[k] ?? '';
  const named = header.trim() === '' ? 'This column' : `Column \`${header.replace(/`/g, "'")}\``;
  const use = uses[k];
  if (use) return `**${named}** is read as ${use}.`;
  const role = roleOfHeader(header);
  if (role !== null) {
    const taken = uses.findIndex((u, i) => i !== k && u !== null && roleOfHeader(headers[i] ?? '') === role);
    if (taken >= 0) return `**${named}** is not read: column \`${(headers[taken] ?? '').replace(/`/g, "'")}\` is read as ${uses[taken]}.`;
  }
  return `**${named}** is not read: no check uses it, or its name is not one Claimlint knows (the names it reads are listed in the README, *CSV exports*).`;
}
