// What a report says of the NCCI edit a finding stands on, as fields a pipeline can read without
// parsing the message: a PTP pair's column-1 and column-2 codes, its modifier indicator and the
// table; an MUE's code, value, adjudication indicator and the units counted; an add-on code's
// type. JSON `ncci`, SARIF `properties.ncci`.
import type { FindingData } from '../core/model';

export type NcciFields =
  | { edit: 'ptp'; columnOne: string; columnTwo: string; modifierIndicator: '0' | '1'; table: 'practitioner' | 'hospital'; builtIn?: true; otherRenderingProvider?: true }
  | { edit: 'mue'; code: string; value: number; mai: 1 | 2 | 3; units: number }
  | { edit: 'aoc'; addOn: string; type: 1 | 2 | 3; primaryOnAnotherDate?: true; primaryByAnotherProvider?: true };

/** The NCCI fields of a finding's data, or undefined for a finding of no NCCI edit. */
export function ncciFieldsOf(data: FindingData | undefined): NcciFields | undefined {
  switch (data?.kind) {
    case 'ptp':
      return {
        edit: 'ptp',
        columnOne: data.columnOne,
        columnTwo: data.columnTwo,
        modifierIndicator: data.modifierIndicator,
        table: data.table,
        // Claimlint's built-in 43214 set, not the CMS table of that name.
        ...(data.builtin ? { builtIn: true as const } : {}),
        ...(data.otherProvider ? { otherRenderingProvider: true as const } : {}),
      };
    case 'mue':
      return { edit: 'mue', code: data.code, value: data.value, mai: data.mai, units: data.units };
    case 'aoc':
      return {
        edit: 'aoc',
        addOn: data.addOn,
        type: data.type,
        ...(data.primaryOnAnotherDate ? { primaryOnAnotherDate: true as const } : {}),
        ...(data.primaryByAnotherProvider ? { primaryByAnotherProvider: true as const } : {}),
      };
    default:
      return undefined;
  }
}
