// The note on a file whose claims are judged by an NCCI table that is not loaded, while the other
// claim type's is: an 837I checked with only the practitioner tables loaded reported "0 errors"
// and the status bar "No NCCI edits hit", when no edit of its table had been looked at (the
// practitioner tables do not apply to outpatient hospital bills, nor the hospital ones to
// professional claims). Said once per file and table, as information, at the first claim that
// table judges (a CSV's header row). With no table loaded at all, the CLI's built-in-only note and
// the editor's status bar already say so.
import type { Finding, PtpTableKind, Span } from '../model';
import type { CodingTables } from './codingFamilies';
import { BUILTIN_SOURCE } from './descriptors';
import type { NotEditedClaims } from './notEdited';
import { listWithAnd } from '../wordLists';

export const TABLE_NOT_LOADED_RULE = 'ncci.table-not-loaded';

/** Which tables gave rows, per claim type's table: PTP from the user's files (not the built-in set), MUE. */
export interface LoadedTables {
  ptp: Record<PtpTableKind, boolean>;
  mue: Record<PtpTableKind, boolean>;
  /** The PTP table holds the built-in CPT 43214 edits (and no loaded file's rows: `ptp` false). */
  builtin: Record<PtpTableKind, boolean>;
}

export function loadedTablesOf(knowledge: Pick<CodingTables, 'tables' | 'mue'>): LoadedTables {
  const ptp = (table: PtpTableKind) => knowledge.tables[table].sources.some((source) => source !== BUILTIN_SOURCE);
  const practitioner = ptp('practitioner');
  const hospital = ptp('hospital');
  return {
    ptp: { practitioner, hospital },
    // A professional claim's units are judged by the practitioner table, else the DME supplier one (checkUnits.ts).
    mue: { practitioner: knowledge.mue.practitioner.size > 0 || knowledge.mue.dme.size > 0, hospital: knowledge.mue.hospital.size > 0 },
    // Rows in a table no file gave any to are the built-in set's.
    builtin: { practitioner: !practitioner && knowledge.tables.practitioner.size > 0, hospital: !hospital && knowledge.tables.hospital.size > 0 },
  };
}

const OTHER: Record<PtpTableKind, PtpTableKind> = { practitioner: 'hospital', hospital: 'practitioner' };
const TABLE_WORDS: Record<PtpTableKind, { name: string; article: string; claims: string; ptpSetting: string; ptpOption: string }> = {
  practitioner: { name: 'practitioner', article: 'a', claims: "professional claims (837P; CSV claims not marked institutional; a critical access hospital's professional-fee lines)", ptpSetting: 'claimlint.ptpEditFiles', ptpOption: '--ptp' },
  hospital: { name: 'outpatient hospital', article: 'an', claims: 'outpatient facility bills (837I; institutional CSV claims)', ptpSetting: 'claimlint.hospitalPtpEditFiles', ptpOption: '--ptp-hospital' },
};

/**
 * The notes of a file's claims (`tally`) judged by a table with no rows loaded in a family (PTP,
 * MUE) whose other table has some; `at`: where they go when the tally has no claim's span (a CSV's
 * header row).
 */
export function tablesMissingFindings(tally: NotEditedClaims, loaded: LoadedTables, at: Span = { start: 0, end: 0 }): Finding[] {
  const findings: Finding[] = [];
  for (const table of ['practitioner', 'hospital'] as const) {
    const claims = tally.judged[table];
    if (claims === 0) continue;
    const other = OTHER[table];
    const ptpMissing = !loaded.ptp[table] && loaded.ptp[other];
    const mueMissing = !loaded.mue[table] && loaded.mue[other];
    if (!ptpMissing && !mueMissing) continue;
    const words = TABLE_WORDS[table];
    const both = ptpMissing && mueMissing;
    const families = both ? 'PTP or MUE' : ptpMissing ? 'PTP' : 'MUE';
    const checked: string[] = [];
    if (ptpMissing) checked.push(loaded.builtin[table] ? 'paired with the built-in CPT 43214 edits only' : 'paired with no PTP edit');
    if (mueMissing) checked.push('counted against no MUE');
    const howToLoad = [...(ptpMissing ? [`${words.ptpSetting} (${words.ptpOption})`] : []), ...(mueMissing ? ['claimlint.mueFiles (--mue)'] : [])];
    const which = claims === 1 ? `the claim of this file judged by the ${words.name} tables was` : `the ${claims} claims of this file judged by the ${words.name} tables were`;
    findings.push({
      rule: TABLE_NOT_LOADED_RULE,
      severity: 'information',
      message:
        `No ${words.name} ${families} table is loaded, only ${both ? `${TABLE_WORDS[other].name} ones, which do` : `${TABLE_WORDS[other].article} ${TABLE_WORDS[other].name} one, which does`} not apply to ${words.claims}: ${which} ${listWithAnd(checked)}. ` +
        `Load CMS's ${words.name} ${both ? 'PTP and MUE tables' : `${families} table`} with ${listWithAnd(howToLoad)}.` +
        (claims > 1 && tally.firstJudged[table] !== null ? ' This is the first of them.' : ''),
      span: tally.firstJudged[table] ?? at,
    });
  }
  return findings;
}
