// The evaluation and management (E/M) visit codes: the codes modifiers 24, 25 and 57 belong on,
// and 59 and the X modifiers do not (NCCI policy manual, chapter I). CPT's E/M section, and the
// HCPCS visit codes hospitals bill instead under the outpatient prospective payment system: G0463
// (a hospital outpatient clinic visit, since 2014) and G0380-G0384 (visits to a type B emergency
// department), which the hospital PTP table pairs with procedures as it pairs 99213.

/** CPT's E/M codes, as numbers. */
export const EM_CPT_FIRST = 99202;
export const EM_CPT_LAST = 99499;

/** HCPCS codes that are E/M visits. */
export const EM_HCPCS: readonly string[] = ['G0463', 'G0380', 'G0381', 'G0382', 'G0383', 'G0384'];

/** The E/M codes as a message or hover names them. */
export const EM_CODES_SHOWN = '99202-99499, or the hospital visit codes G0463 and G0380-G0384';
