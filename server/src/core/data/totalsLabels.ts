// What a spreadsheet's summary row starts with (csv/totalsRows.ts): a claim export saved from
// Excel often ends, or ends each claim or page, with a row that sums the charges or units under a
// label, with no procedure code and no date of service.

/** Labels of a totals row, lower case, longest first (the first that fits is the one named). */
export const TOTALS_LABELS: readonly string[] = [
  'grand totals',
  'grand total',
  'claim totals',
  'claim total',
  'page totals',
  'page total',
  'report total',
  'batch total',
  'sub-totals',
  'sub-total',
  'sub totals',
  'sub total',
  'subtotals',
  'subtotal',
  'totals',
  'total',
  'sum',
];
