// A service line as the coding checks read it, numbered n (its fields vary with n), for the
// tests of the tables that keep lines as rows (rules-kept-lines, csv-staged-rows).
import type { Modifier, ServiceLine } from '../../../server/src/core/model';

export function modifier(value: string): Modifier {
  return { value, span: { start: 0, end: 0 } };
}

/** Line n, with `extra` over what it would be. */
export function numberedLine(n: number, extra: Partial<ServiceLine> = {}): ServiceLine {
  return {
    index: n % 50,
    lineNumber: String((n % 50) + 1),
    lineNumberSpan: null,
    qualifier: 'HC',
    code: n % 2 === 0 ? '43214' : '43197',
    codeSpan: { start: 10 * n, end: 10 * n + 5 },
    modifiers: [],
    modifierInsert: null,
    charge: null,
    chargeText: null,
    chargeSpan: null,
    units: n % 7,
    unitsSpan: n % 3 === 0 ? null : { start: 10 * n + 6, end: 10 * n + 7 },
    dateOfService: { from: 20240101 + (n % 28), to: 20240101 + (n % 28) + (n % 2) },
    dateSpan: null,
    dateInherited: true,
    span: { start: 10 * n, end: 10 * n + 9 },
    providerId: null,
    segmentCount: 0,
    ...extra,
  } as ServiceLine;
}
