// The status bar's count of a document (ConflictCountNotification), for a document open in the
// editor (scheduling.ts) and one checked from disk (diskCheck.ts) alike: its NCCI findings, how
// many of them are errors, whether any CMS table was loaded to find them, whether some of its
// claims are judged by none, and whether some are judged by a table that is not loaded.
import type { Finding } from '../core/model';
import { ncciTablesLoaded, type Knowledge } from '../core/rules/knowledge';
import { isNcciEditFinding } from '../core/rules/ncciFindings';
import { NOT_EDITED_RULE, notEditedCount } from '../core/rules/notEdited';
import { TABLE_NOT_LOADED_RULE } from '../core/rules/tablesMissing';
import type { ConflictCountNotification } from './protocol';

export function conflictCount(uri: string, findings: readonly Finding[], knowledge: Knowledge, claimFile: boolean, claims: number, fromDisk = false): ConflictCountNotification.Params {
  const ncci = findings.filter(isNcciEditFinding);
  const note = findings.find((f) => f.rule === NOT_EDITED_RULE);
  return {
    uri,
    ncciFindings: ncci.length,
    ncciErrors: ncci.filter((f) => f.severity === 'error').length,
    findings: findings.length,
    builtinOnly: !ncciTablesLoaded(knowledge),
    ...(note === undefined ? {} : { notApplicable: notEditedCount(note) >= claims ? ('all' as const) : ('some' as const) }),
    ...(findings.some((f) => f.rule === TABLE_NOT_LOADED_RULE) ? { tableMissing: true as const } : {}),
    ...(fromDisk ? { fromDisk } : {}),
    claimFile,
  };
}
