// The field delimiters a rule or descriptor file may use, as data.

/** Delimiters a rule or descriptor file may use, most likely first. */
export const CANDIDATE_DELIMITERS = ['\t', ',', ';', '|'] as const;
