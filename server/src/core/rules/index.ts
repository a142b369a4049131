// The rules engine's public surface (pure: no editor or file-system imports; see readFile.ts for
// the one file reader).

export { AOC_NO_EFFECTIVE_DATE, AocTable, NO_PRIMARY_CODE, type AocEditType, type AocRow } from './aoc';
export { loadAocTable, parseAocDate, type AocLoadResult } from './aocLoad';
export { addBuiltinEdits, builtinDescriptors, builtinDescriptorTable } from './builtin';
export { checkPtp, PTP_CONFLICT_RULE, PTP_MODIFIER_REQUIRED_RULE } from './checkPtp';
export { isProcedureCode, isValidDateNumber, normalizeCode, parseDateNumber } from './codes';
export {
  BUILTIN_SOURCE,
  DescriptorTable,
  descriptorNotice,
  loadDescriptorFile,
  type CodeDescriptor,
  type DescriptorLoadResult,
} from './descriptors';
export { isNcciEditFinding } from './ncciFindings';
export { emptyKnowledge, loadKnowledge, type Knowledge, type KnowledgeOptions, type LoadedFile } from './knowledge';
export {
  emptyMueTables,
  loadMueTable,
  MUE_TABLE_KINDS,
  mueKindFromName,
  MueTable,
  type MueAdjudication,
  type MueLoadResult,
  type MueRow,
  type MueTableKind,
} from './mue';
export {
  CMS_PTP_COLUMNS,
  loadPtpTable,
  parsePtpFields,
  PtpRuleSet,
  type ModifierIndicator,
  type PtpColumns,
  type PtpEdit,
  type PtpLoadResult,
  type PtpRow,
} from './ptp';
export { MAX_PROBLEMS_PER_FILE, type LoadProblem } from './loadProblems';
export { MAX_RULE_FILE_BYTES, type TextContent } from './textInput';
