// The words NCCI table file names are made of (rules/nameWords.ts reads names by them).

/**
 * Words a table's name is made of, to read a name written without breaks between them
 * (OPHmue.csv, MUE_OutPatient.csv, DMEmue.csv): a run of letters that is these words and nothing
 * else is read as them. A run with any other word in it (hospitalist, myhospitaltable) is not.
 */
export const TABLE_NAME_VOCABULARY: readonly string[] = [
  'practitioner', 'practitioners', 'outpatient', 'hospital', 'oph', 'opps', 'dme', 'dmepos', 'supplier', 'suppliers',
  'physician', 'professional', 'facility', 'services', 'service', 'mue', 'mues', 'ptp', 'aoc', 'ncci', 'cci', 'mcr',
  'cms', 'medicare', 'table', 'tables', 'values', 'value', 'edits', 'edit', 'eff', 'effective', 'ccipra', 'ccioph',
];

/** Words of a file's name that say which kind of NCCI table it is (a file given as another kind is told so). */
export const TABLE_KIND_NAME_WORDS: Readonly<Record<'ptp' | 'mue' | 'aoc', readonly string[]>> = {
  ptp: ['ptp', 'ccipra', 'ccioph'],
  mue: ['mue', 'mues'],
  aoc: ['aoc'],
};
