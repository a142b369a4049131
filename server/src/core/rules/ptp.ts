// NCCI procedure-to-procedure (PTP) edits: parsing the CMS quarterly tables (and CSV/TSV with the
// same columns) into a compact index that answers "is there an edit between these two codes on
// this date?" quickly, for tables of over a million rows. What the rest of Claimlint imports;
// the work is split by layer: the column layout (ptpColumns.ts), one row (ptpRows.ts), loading a
// table (ptpLoad.ts) and the packed rule set (ptpTable.ts).

export { CMS_PTP_COLUMNS, type PtpColumns } from './ptpColumns';
export { loadPtpTable, type PtpLoadResult } from './ptpLoad';
export { parsePtpFields, type ModifierIndicator, type PtpRow } from './ptpRows';
export { PtpRuleSet, type PtpEdit } from './ptpTable';
